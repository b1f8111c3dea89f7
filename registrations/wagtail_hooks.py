from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from participation_pages.models import EventPage
from registrations import admin_urls, jobs, services, views
from registrations.admin_views import MANAGE
from registrations.personal_data import RegistrationData

hooks.register("kuulu_personal_data", RegistrationData)
hooks.register("kuulu_event_panel", views.signup_panel)
hooks.register("kuulu_event_badges", views.availability_badges)
hooks.register("kuulu_signup_counts", services.confirmed_seat_counts)


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    return {
        "registrations.send_reminders": jobs.send_due_reminders,
        "registrations.send_follow_ups": jobs.send_due_follow_ups,
        "registrations.anonymise_expired": jobs.anonymise_expired_registrations,
    }


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
