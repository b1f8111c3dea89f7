from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList

from home.admin import PageButton, register_staff_area
from participation_pages.models import EventPage
from registrations import admin_urls, jobs, services, views
from registrations.admin_views import MANAGE
from registrations.personal_data import RegistrationData

hooks.register("kuulu_personal_data", RegistrationData)
hooks.register("kuulu_event_panel", views.signup_panel)
hooks.register("kuulu_event_badges", views.availability_badges)
hooks.register("kuulu_signup_counts", services.confirmed_seat_counts)


@hooks.register("kuulu_event_edit_tabs")
def event_signup_tab():
    """The *Sign-up* tab of the event editor: the settings (fields of the event page) and the
    extra questions."""
    panels = [
        FieldPanel("registration_enabled"),
        FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
        FieldRowPanel(
            [FieldPanel("capacity"), FieldPanel("waitlist_capacity"), FieldPanel("max_group_size")]
        ),
        MultiFieldPanel(
            [
                FieldPanel("reminder_enabled"),
                FieldPanel("reminder_hours_before"),
                FieldPanel("registration_alert_email"),
                FieldPanel("retention_days"),
            ],
            heading=_("Reminder, alerts and personal data"),
        ),
        InlinePanel("registration_questions", label=_("Extra question"), heading=_("Extra questions")),
    ]
    return [ObjectList(panels, heading=_("Sign-up"))]


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    return {
        "registrations.send_reminders": jobs.send_due_reminders,
        "registrations.send_follow_ups": jobs.send_due_follow_ups,
        "registrations.anonymise_expired": jobs.anonymise_expired_registrations,
    }


register_staff_area(
    "registrations",
    admin_urls.urlpatterns,
    permission=MANAGE,
    menu_label=_("Event sign-ups"),
    menu_url_name="registrations_admin:index",
    icon_name="list-ul",
    order=290,
    name="signups",
    button=PageButton(EventPage, _("Sign-ups"), "registrations_admin:event", icon_name="list-ul"),
)
