from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from participation_pages.models import EventPage
from registrations import admin_urls
from registrations.admin_views import MANAGE


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "registrations/",
            include((admin_urls.urlpatterns, "registrations_admin"), namespace="registrations_admin"),
        )
    ]


class SignupsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return SignupsMenuItem(
        _("Event sign-ups"), reverse("registrations_admin:index"), icon_name="list-ul", order=290, name="signups"
    )


@hooks.register("register_page_listing_more_buttons")
def page_listing_buttons(page, user, next_url=None):
    if isinstance(page.specific_deferred, EventPage) and user.has_perm(MANAGE):
        yield Button(
            _("Sign-ups"), reverse("registrations_admin:event", args=[page.pk]), priority=61, icon_name="list-ul"
        )
