"""E-mail builders of the subscription itself (see home.emails): a subscription id in, a message
in the subscriber's language out, or None when the subscription is gone or no longer applies."""

from home.emails import render_email
from newsletters.models import Subscription
from newsletters.sending import list_headers, site_root, subscription_url


def _message(prefix, subscription, **extra):
    root = site_root()
    context = {
        "subscription": subscription,
        "confirm_url": subscription_url("confirm", subscription, root),
        "preferences_url": subscription_url("preferences", subscription, root),
        "unsubscribe_url": subscription_url("unsubscribe", subscription, root),
        **extra,
    }
    message = render_email(
        f"newsletters/emails/{prefix}", context, to=[subscription.email], language=subscription.language
    )
    message.extra_headers.update(list_headers(subscription, root))
    return message


def confirmation_email(subscription_id):
    """The double opt-in link; the only message an unconfirmed address ever gets."""
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at__isnull=True).first()
    return _message("confirmation", subscription) if subscription else None


def already_subscribed_email(subscription_id):
    """Someone subscribed an address that is already confirmed: its preferences link, so that the
    form never tells whether an address is subscribed."""
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at__isnull=False).first()
    return _message("already_subscribed", subscription) if subscription else None


def association_offer_email(subscription_id, association):
    """The association newsletter offered to an association staff added to the directory
    (`newsletters.offers`): its double opt-in link; `association` is the entry's name."""
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at__isnull=True).first()
    return _message("association_offer", subscription, association=association) if subscription else None
