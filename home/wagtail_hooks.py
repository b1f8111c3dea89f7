"""The site shell's own Wagtail hooks."""

from django.core.management import call_command
from wagtail import hooks

from home import page_cache
from home.retention import TaskResultData, prune_stored_data

hooks.register("kuulu_personal_data", TaskResultData)
# A live page without view restrictions may be stored in the page cache (home/page_cache.py).
hooks.register("before_serve_page", page_cache.mark_public_page)


def publish_scheduled():
    """Wagtail's `publish_scheduled` command: publishes the revisions whose go-live time has
    come and unpublishes the pages whose expiry time has passed (the *Go-live date* and
    *Expiry date* of a page's *Publishing schedule*)."""
    call_command("publish_scheduled", verbosity=0)


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    return {"home.publish_scheduled": publish_scheduled, "home.prune_stored_data": prune_stored_data}


@hooks.register("register_admin_menu_item")
def pattern_library_menu_item():
    """*Pattern library* in the admin menu: the staff pattern page (home.patterns)."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from home.admin import PermissionMenuItem
    from home.patterns import PERMISSION

    return PermissionMenuItem(
        _("Pattern library"),
        reverse("patterns"),
        PERMISSION,
        icon_name="doc-full",
        order=10000,
        name="patterns",
    )
