"""What the registrations app keeps about people, for how long, and how it is exported and erased.

A sign-up holds a name, e-mail, optional phone, group size, the answers to the event's extra
questions and choices (consent, follow-up report). `retention_days` after the event (30 by
default, per event) the periodic job empties name, e-mail, phone and answers and keeps the
counts; someone waiting for the follow-up report keeps name and e-mail until it is sent (at most
REGISTRATIONS_FOLLOW_UP_WAIT_DAYS, 180 days). E-mail tasks in the queue hold only ids, and rate
limits only hashes, so the Registration table is the one place with a person's data.
"""

from datetime import timedelta

from home.personal_data import ModelPersonalData
from registrations import jobs, services
from registrations.models import Registration


class RegistrationData(ModelPersonalData):
    name = "event sign-ups"
    model = Registration
    fields = {
        "event": "event.title",
        "event_start": "event.start",
        "signed_up": "created_at",
        "name": "name",
        "email": "email",
        "phone": "phone",
        "people": "group_size",
        "language": "language",
        "status": "status",
        "answers": "answers",
        "agreed_to_privacy_notice": "consent",
        "wants_follow_up_report": "follow_up_opt_in",
        "attended": "attended",
        "kept_until": lambda registration: (
            registration.event.end + timedelta(days=registration.event.retention_days)
        ),
    }

    def queryset(self):
        return Registration.objects.filter(anonymised_at__isnull=True)

    def erase(self, email):
        """Cancel upcoming sign-ups (the seat goes to the waiting list), then anonymise all."""
        registrations = list(self.matching(email).select_related("event"))
        for registration in registrations:
            if registration.is_active and not registration.event.is_past:
                # No cancellation receipt to an address being erased.
                Registration.objects.filter(pk=registration.pk).update(email="")
                services.cancel(registration)
        return jobs.anonymise(Registration.objects.filter(pk__in=[r.pk for r in registrations]))
