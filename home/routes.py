"""Routable pages whose sub-pages are declared in Wagtail hooks rather than on the model.

A page model that served its sub-pages itself would import its app's views, and the views
import the models: a cycle. With `HookRoutesMixin` the model only names a hook; the app's
`wagtail_hooks.py` (which may import views) returns the routes, and other apps can add routes
to the same page (the feedback app adds `feedback/` to every event).

    @hooks.register("kuulu_calendar_routes")
    def calendar_routes():
        return [path("upcoming/", views.list_view, {"past": False}, name="upcoming")]

Wagtail calls a route's view as `view(page, request, **kwargs)`; `page_view` adapts a view
written as `view(request, page)`.
"""

from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin


class HookRoutesMixin(RoutablePageMixin):
    """Sub-pages from every `routes_hook` hook (each returns [django.urls.path(...)]), matched
    before the page's own `@path` routes (so a hook may serve the page's root, "")."""

    routes_hook = ""

    @classmethod
    def get_subpage_urls(cls):
        added = [route for declare in hooks.get_hooks(cls.routes_hook) for route in declare()]
        return (*added, *super().get_subpage_urls())


def page_view(view):
    """`view(request, page, **kwargs)` as a route view, which Wagtail calls as (page, request)."""

    def routed(page, request, **kwargs):
        return view(request, page, **kwargs)

    return routed
