"""What the registrations app keeps about people, for how long, and how it is exported and erased.

A sign-up holds a name, e-mail, optional phone, group size, the answers to the event's extra
questions and choices (consent, follow-up report). `retention_days` after the event (30 by
default, per event) the periodic job empties name, e-mail, phone and answers and keeps the
counts; someone waiting for the follow-up report keeps name and e-mail until it is sent (at most
REGISTRATIONS_FOLLOW_UP_WAIT_DAYS, 180 days). E-mail tasks in the queue hold only ids, and rate
limits only hashes, so the Registration table is the one place with a person's data.
"""

from datetime import timedelta

from home.personal_data import PersonalDataProvider, normalise_email
from registrations import jobs, services
from registrations.models import Registration


class RegistrationData(PersonalDataProvider):
    name = "event sign-ups"

    def _matching(self, email):
        email = normalise_email(email)
        if not email:
            return Registration.objects.none()
        return Registration.objects.filter(email__iexact=email, anonymised_at__isnull=True)

    def export(self, email):
        return [
            {
                "event": registration.event.title,
                "event_start": registration.event.start,
                "signed_up": registration.created_at,
                "name": registration.name,
                "email": registration.email,
                "phone": registration.phone,
                "people": registration.group_size,
                "language": registration.language,
                "status": registration.status,
                "answers": registration.answers,
                "agreed_to_privacy_notice": registration.consent,
                "wants_follow_up_report": registration.follow_up_opt_in,
                "attended": registration.attended,
                "kept_until": registration.event.end + timedelta(days=registration.event.retention_days),
            }
            for registration in self._matching(email).select_related("event")
        ]

    def erase(self, email):
        """Cancel upcoming sign-ups (the seat goes to the waiting list), then anonymise all."""
        registrations = list(self._matching(email).select_related("event"))
        for registration in registrations:
            if registration.is_active and not registration.event.is_past:
                # No cancellation receipt to an address being erased.
                Registration.objects.filter(pk=registration.pk).update(email="")
                services.cancel(registration)
        return jobs.anonymise(Registration.objects.filter(pk__in=[r.pk for r in registrations]))
