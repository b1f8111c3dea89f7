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

from home.personal_data import ModelPersonalData
from newsletters.models import NewsletterSettings, Subscription

UNCONFIRMED_DAYS = 7


class SubscriptionData(ModelPersonalData):
    name = "newsletter subscriptions"
    model = Subscription
    fields = {
        "email": "email",
        "language": "language",
        "areas": "areas",
        "themes": "themes",
        "event_formats": "formats",
        "content_kinds": "kinds",
        "newsletters": "lists",
        "consent_given": "created_at",
        "consent_form": "consent_source",
        "consent_language": "consent_language",
        "confirmed": "confirmed_at",
        "last_digest": "last_digest_at",
        "permanent_delivery_failures": "hard_bounces",
        "deactivated": "deactivated_at",
    }


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
