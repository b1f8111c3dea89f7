"""What the newsletters app keeps about people, for how long, and how it is exported and erased.

A subscription holds an e-mail address, its language and choices, and the consent record: when,
from which form and in which language it was given, and when it was confirmed. Unconfirmed
subscriptions are deleted 7 days after the form was sent (`UNCONFIRMED_DAYS`), and subscriptions
deactivated after repeated permanent delivery failures after `NewsletterSettings.inactive_months`
(default 24); unsubscribing deletes the subscription at once. Deliveries keep no address: only
the subscription's id, emptied (SET_NULL) when it is deleted.
"""

from datetime import timedelta

from django.utils import timezone

from home.personal_data import PersonalDataProvider, normalise_email
from newsletters.models import NewsletterSettings, Subscription

UNCONFIRMED_DAYS = 7


class SubscriptionData(PersonalDataProvider):
    name = "newsletter subscriptions"

    def _matching(self, email):
        email = normalise_email(email)
        return Subscription.objects.filter(email=email) if email else Subscription.objects.none()

    def export(self, email):
        return [
            {
                "email": s.email,
                "language": s.language,
                "areas": s.areas,
                "themes": s.themes,
                "event_formats": s.formats,
                "content_kinds": s.kinds,
                "newsletters": s.lists,
                "consent_given": s.created_at,
                "consent_form": s.consent_source,
                "consent_language": s.consent_language,
                "confirmed": s.confirmed_at,
                "last_digest": s.last_digest_at,
                "permanent_delivery_failures": s.hard_bounces,
                "deactivated": s.deactivated_at,
            }
            for s in self._matching(email)
        ]

    def erase(self, email):
        count, _detail = self._matching(email).delete()
        return count


def delete_expired_subscriptions(now=None):
    """Periodic job: delete unconfirmed subscriptions older than 7 days and deactivated ones
    older than the inactive period; returns how many were deleted."""
    now = now or timezone.now()
    months = NewsletterSettings.load().inactive_months
    unconfirmed = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - timedelta(days=UNCONFIRMED_DAYS)
    )
    inactive = Subscription.objects.filter(deactivated_at__lt=now - timedelta(days=30 * months))
    return unconfirmed.delete()[0] + inactive.delete()[0]
