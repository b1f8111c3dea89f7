from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList

from home.admin import register_staff_area
from participation_pages.models import EventPage
from registrations import admin_views, jobs, services, views
from registrations.personal_data import RegistrationData

hooks.register("kuulu_personal_data", RegistrationData)
hooks.register("kuulu_event_panel", views.signup_panel)
hooks.register("kuulu_event_badges", views.availability_badges)
hooks.register("kuulu_event_availability", views.schema_availability)
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


@hooks.register("kuulu_event_checks")
def seats_not_below_confirmed(event):
    """Refuse fewer seats than are already confirmed (never overbooked)."""
    message = services.capacity_error(event, event.capacity)
    return {"capacity": message} if message else {}


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    return {
        "registrations.send_reminders": jobs.send_due_reminders,
        "registrations.send_follow_ups": jobs.send_due_follow_ups,
        "registrations.send_feedback_invitations": jobs.send_due_feedback_invitations,
        "registrations.anonymise_expired": jobs.anonymise_expired_registrations,
    }


register_staff_area(admin_views.area)


admin_views.area.page_button(EventPage, _("Sign-ups"), "event")
