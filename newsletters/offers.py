"""The association newsletter offered to associations that staff add to the directory.

An association that proposes itself is offered the list on the proposal's thank-you page
(`views.subscribe_box`). One that staff add in the admin (Wagtail's `after_create_page` hook; a
proposal or an import does not go through it) gets, at the entry's general e-mail address, an
e-mail offering the association newsletter (`NewsletterArchivePage` with the list
`ASSOCIATION_LIST`, live in the entry's language) with the double opt-in link: nothing else is
sent until the association itself confirms (its own consent, GDPR art. 7), and an unconfirmed
address is deleted after 7 days like any other. An address that already has a subscription is
left alone (no second offer, no change to its choices); at most three e-mails an hour go to one
address, as from the subscribe form.
"""

from django.db import transaction
from django.utils import timezone

from home.emails import queue
from home.personal_data import normalise_email
from newsletters.models import NewsletterArchivePage, Subscription

#: The list the directory offers to associations (a `NewsletterArchivePage.list_slug`).
ASSOCIATION_LIST = "associations"
#: `Subscription.consent_source` of a subscription offered this way.
SOURCE = "directory-staff"


def offer_association_list(organisation):
    """Offer the association newsletter to `organisation` (a `directory.OrganisationPage`).

    Returns the new unconfirmed Subscription, or None when nothing is offered: no e-mail address,
    no live association newsletter in the entry's language, or the address already subscribed
    or offered.
    """
    from newsletters.views import _may_mail

    if not organisation.email:
        return None
    language = organisation.locale.language_code
    if (
        not NewsletterArchivePage.objects.live()
        .filter(locale=organisation.locale, list_slug=ASSOCIATION_LIST)
        .exists()
    ):
        return None
    email = normalise_email(organisation.email)
    with transaction.atomic():
        if Subscription.objects.select_for_update().filter(email=email).exists():
            return None
        now = timezone.now()
        subscription = Subscription.objects.create(
            email=email,
            language=language,
            lists=[ASSOCIATION_LIST],
            consent_source=SOURCE,
            consent_language=language,
            created_at=now,
            confirmation_sent_at=now,
        )
        if _may_mail(email):
            queue("newsletters.emails.association_offer_email", subscription.pk, organisation.title)
    return subscription


def after_create_page(request, page):
    """Wagtail hook: staff created `page` in the admin."""
    from directory.models import OrganisationPage

    page = page.specific_deferred
    if isinstance(page, OrganisationPage):
        offer_association_list(page)
