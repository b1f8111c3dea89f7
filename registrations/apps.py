from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Event sign-ups")

    def ready(self):
        from home import periodic, personal_data
        from participation_pages import extensions
        from registrations import jobs, signals, views
        from registrations.personal_data import RegistrationData

        personal_data.register(RegistrationData())
        periodic.register("registrations.send_reminders", jobs.send_due_reminders)
        periodic.register("registrations.send_follow_ups", jobs.send_due_follow_ups)
        periodic.register("registrations.anonymise_expired", jobs.anonymise_expired_registrations)
        extensions.register_event_panel("signup", views.signup_panel)
        extensions.register_event_badge("availability", views.availability_badges)
        signals.connect()
