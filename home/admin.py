"""What every app's corner of the Wagtail admin repeats, written once: its URLs under one prefix,
and a menu item or page-listing button that only users with a permission see.

Views themselves are guarded with Wagtail's `wagtail.admin.auth.permission_required(perm)`:
without the permission the user is sent to the admin dashboard with a message.
"""

from django.urls import include, path, reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button


def app_admin_urls(prefix, urlpatterns, namespace):
    """`register_admin_urls` result: `urlpatterns` under /admin/<prefix>/, names in `namespace`."""
    return [path(f"{prefix}/", include((urlpatterns, namespace), namespace=namespace))]


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with `permission` ("app_label.codename")."""

    def __init__(self, label, url, permission, **kwargs):
        super().__init__(label, url, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def page_button(page, user, *, page_type, permission, label, url_name, icon_name, priority=61):
    """A `register_page_listing_more_buttons` entry: a link to `url_name` (which takes the page's
    id) on pages of `page_type`, for users with `permission`. Yields nothing otherwise."""
    if isinstance(page.specific_deferred, page_type) and user.has_perm(permission):
        yield Button(label, reverse(url_name, args=[page.pk]), priority=priority, icon_name=icon_name)
