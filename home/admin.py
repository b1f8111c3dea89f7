"""An app's corner of the Wagtail admin, declared in one place: a `StaffArea` (a Wagtail
`ViewSet`) whose views, menu item and page-listing buttons are all behind the app's permission.

    # <app>/admin_views.py
    area = StaffArea("feedback", permission="feedback.view_results", menu_label=_("Feedback results"),
                     icon="table", menu_order=296, menu_name="feedback-results")

    @area.view("poll/<int:poll_id>/", "poll")          # /admin/feedback/poll/1/, "feedback_admin:poll"
    def poll_detail(request, poll_id): ...

    area.page_button(EventPage, _("Feedback"), "event")  # in the page listing's "More" menu

    # <app>/wagtail_hooks.py
    register_staff_area(admin_views.area)

A user without the permission, or refused by the view itself (`PermissionDenied`, e.g. an event
of another unit), gets **403** with an admin page that says so (`refused_with_403`), not Wagtail's
usual redirect to the dashboard: a refusal is then visible to the person, to tests and in access
logs. Snippet viewsets that hold residents' contact details get the same with
`RefusedWith403Mixin`.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button


def refused_with_403(view):
    """Wrap an admin view so that `PermissionDenied` raised in it answers 403 with the admin page
    "home/admin/forbidden.html", instead of Wagtail's `require_admin_access`, which turns it
    into a redirect to the dashboard. Requests from scripts (`X-Requested-With`) get the same 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(request, "home/admin/forbidden.html", status=403)

    return wrapped


def permissions_required(permissions):
    """View decorator: raise `PermissionDenied` unless the user has every one of `permissions`
    ("app_label.codename")."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.has_perms(permissions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorator


class RefusedWith403Mixin:
    """For a Wagtail `ViewSet` (e.g. a `SnippetViewSet` of residents' messages): every one of its
    views answers 403 (`refused_with_403`) when the user lacks the permission for it."""

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = refused_with_403(pattern.callback)
        return patterns


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with `permission` ("app_label.codename")."""

    def __init__(self, label, url, permission, **kwargs):
        super().__init__(label, url, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class StaffArea(ViewSet):
    """Views under /admin/<name>/ (URL names in the namespace "<name>_admin"), each behind
    `permission` ("app_label.codename"), and a main-menu item to the first view for users who
    have it. Set `menu_label`, `icon`, `menu_order` and `menu_name` as on any Wagtail ViewSet."""

    permission = None
    add_to_admin_menu = True

    def __init__(self, name, **kwargs):
        super().__init__(name, **kwargs)
        self.urlpatterns = []

    @cached_property
    def url_namespace(self):
        return f"{self.name}_admin"

    def view(self, route, name, *, permissions=None, post_only=False):
        """Decorator: serve the view at `route` as "<name>_admin:<name>", for users with every one
        of `permissions` (default: the area's permission); with `post_only`, other HTTP methods
        get 405 (Django's `require_POST`) before the permissions are checked."""

        def register(view):
            view = refused_with_403(permissions_required(permissions or [self.permission])(view))
            if post_only:
                view = require_POST(view)
            self.urlpatterns.append(path(route, view, name=name))
            return view

        return register

    def page_button(self, page_type, label, view_name, priority=61):
        """A button in the page listing's "More" menu on pages of `page_type`, linking to the
        view `view_name` (which takes the page's id), for users with the area's permission."""

        @hooks.register("register_page_listing_more_buttons")
        def page_listing_button(page, user, next_url=None):
            if isinstance(page.specific_deferred, page_type) and user.has_perm(self.permission):
                url = reverse(self.get_url_name(view_name), args=[page.pk])
                yield Button(label, url, priority=priority, icon_name=self.icon)

    def get_urlpatterns(self):
        return self.urlpatterns

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name(self.urlpatterns[0].name))

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            self.menu_label,
            self.menu_url,
            self.permission,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )


def register_staff_area(area):
    """Register `area` with Wagtail's `register_admin_viewset` hook (its URLs and menu item),
    as `register_snippet` does for a snippet viewset."""
    hooks.register("register_admin_viewset", lambda: area)
    return area
