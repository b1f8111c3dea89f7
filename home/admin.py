"""An app's corner of the Wagtail admin, registered in one call: its URLs, a menu item and, if
wanted, a button in the page listing, both shown only to users with the app's permission.

Views themselves are guarded with Wagtail's `wagtail.admin.auth.permission_required(perm)`:
without the permission the user is sent to the admin dashboard with a message.
"""

from dataclasses import dataclass

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with `permission` ("app_label.codename")."""

    def __init__(self, label, url, permission, **kwargs):
        super().__init__(label, url, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@dataclass(frozen=True)
class PageButton:
    """A page-listing button on pages of `page_type`, linking to `url_name` (which takes the
    page's id)."""

    page_type: type
    label: str
    url_name: str
    icon_name: str
    priority: int = 61


def register_staff_area(
    prefix, urlpatterns, *, permission, menu_label, menu_url_name, icon_name, order, name, button=None
):
    """Register `urlpatterns` under /admin/<prefix>/ (URL names in namespace "<prefix>_admin"),
    a menu item to `menu_url_name` and the optional `PageButton`, for users with `permission`."""
    namespace = f"{prefix}_admin"

    @hooks.register("register_admin_urls")
    def admin_urls():
        return [path(f"{prefix}/", include((urlpatterns, namespace), namespace=namespace))]

    @hooks.register("register_admin_menu_item")
    def menu_item():
        return PermissionMenuItem(
            menu_label, reverse(menu_url_name), permission, icon_name=icon_name, order=order, name=name
        )

    if button is not None:

        @hooks.register("register_page_listing_more_buttons")
        def page_button(page, user, next_url=None):
            if isinstance(page.specific_deferred, button.page_type) and user.has_perm(permission):
                url = reverse(button.url_name, args=[page.pk])
                yield Button(button.label, url, priority=button.priority, icon_name=button.icon_name)
