"""The site shell's own Wagtail hooks."""

from datetime import timedelta

from django.core.management import call_command
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import page_cache
from home.abandoned_tasks import HOOK as RESUMABLE_TASKS
from home.abandoned_tasks import requeue_abandoned
from home.emails import send_email_task
from home.models import Unit
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
    return {
        "home.publish_scheduled": publish_scheduled,
        "home.prune_stored_data": prune_stored_data,
        "home.requeue_abandoned_tasks": requeue_abandoned,
    }


@hooks.register(RESUMABLE_TASKS)
def resumable_tasks():
    # A run sends one message; SMTP waits at most EMAIL_TIMEOUT (30 s) a step.
    return {send_email_task: timedelta(minutes=15)}


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


@hooks.register("register_admin_urls")
def second_factor_urls():
    """The staff second factor's pages (home/second_factor.py): /admin/second-factor/…"""
    from django.urls import path

    from home import second_factor

    return [
        path("second-factor/setup/", second_factor.setup, name="kuulu_second_factor_setup"),
        path("second-factor/", second_factor.verify, name="kuulu_second_factor_verify"),
    ]


class UnitViewSet(SnippetViewSet):
    """Units and their staff members (home.units), under Snippets; superusers only."""

    model = Unit
    icon = "group"
    list_display = ["name"]


register_snippet(UnitViewSet)
