"""Sending a mailing: batches as tasks, at a set rate, never losing or repeating a message.

A mailing's deliveries are numbered into batches (`NewsletterSettings.batch_size`); one task per
batch (`send_batch_task`), spread out at `batches_per_minute`. A task sends its batch's queued
deliveries over one SMTP connection. Each delivery is claimed (queued → sending) before it is
handed to the server and marked sent as soon as the server accepted it, so a task that runs twice
sends nothing twice. When the server cannot be reached or answers 4xx (RFC 5321 §4.2.1: transient),
the delivery goes back to queued and the task queues itself again with a growing delay (at most an
hour): an outage delays the mailing, it does not lose it. A 5xx reply for a recipient is
permanent: the delivery is failed with that code and, after `bounce_limit` such failures, the
address is deactivated.

Every message names its one-click unsubscribe URL in `List-Unsubscribe` with
`List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058; RFC 2369 for `List-Unsubscribe`) and
carries the same link in its text.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import Page, Site

from home.emails import render_email
from newsletters.models import ContentKind, Delivery, Mailing, NewsletterSettings

logger = logging.getLogger("kuulu.newsletters")

MAX_RETRY_DELAY = timedelta(hours=1)
S = Delivery.State


def site_root():
    """The default site's root URL (`https://…`, no trailing slash)."""
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def subscription_url(name, subscription, root=None):
    """The absolute URL of the view `newsletters:<name>` for `subscription`, in its language."""
    with translation.override(subscription.language):
        path = reverse(f"newsletters:{name}", args=[subscription.token])
    return (root or site_root()) + path


def list_headers(subscription, root=None):
    """The RFC 2369 / RFC 8058 headers for a message to `subscription`."""
    return {
        "List-Unsubscribe": f"<{subscription_url('unsubscribe', subscription, root)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


class Renderer:
    """Builds the messages of one batch; the pages the batch lists are loaded once, in every
    language its recipients read. A page is named only while it is live and public (it may have
    been unpublished or restricted since the run was built): its live public translation in the
    reader's language, else the default-language page itself; a digest with nothing left to name
    is not sent (`message()` returns None)."""

    def __init__(self, mailing, deliveries):
        self.mailing = mailing
        self.root = site_root()
        ids = {page_id for delivery in deliveries for _kind, page_id in delivery.items}
        if mailing.newsletter_id:
            ids.add(mailing.newsletter_id)
        sources = Page.objects.filter(pk__in=ids).values_list("pk", "translation_key")
        keys = dict(sources)
        languages = {d.subscription.language for d in deliveries if d.subscription}
        pages = (
            Page.objects.filter(translation_key__in=set(keys.values()), locale__language_code__in=languages)
            .live()
            .public()
            .select_related("locale")
            .specific()
        )
        by_key = {(page.translation_key, page.locale.language_code): page for page in pages}
        fallback = {page.pk: page for page in Page.objects.filter(pk__in=ids).live().public().specific()}
        if mailing.newsletter_id and mailing.newsletter_id not in fallback:
            # The newsletter itself: staff chose to send it, so it goes out as it was sent.
            fallback.update(
                {page.pk: page for page in Page.objects.filter(pk=mailing.newsletter_id).specific()}
            )
        self.pages = {
            (pk, language): by_key.get((key, language)) or fallback.get(pk)
            for pk, key in keys.items()
            for language in languages
        }

    def page(self, page_id, language):
        return self.pages.get((page_id, language))

    def message(self, subscription, items=(), connection=None):
        """The EmailMessage for `subscription` (a digest lists `items`, `[kind, page id]` pairs),
        or None for a digest whose every item is no longer live and public."""
        language = subscription.language
        context = {
            "subscription": subscription,
            "preferences_url": subscription_url("preferences", subscription, self.root),
            "unsubscribe_url": subscription_url("unsubscribe", subscription, self.root),
            "root_url": self.root,
        }
        if self.mailing.kind == Mailing.Kind.DIGEST:
            sections = []
            for kind, label in ContentKind.choices:
                pages = [self.page(pk, language) for k, pk in items if k == kind]
                pages = [page for page in pages if page is not None]
                if pages:
                    sections.append({"kind": kind, "label": label, "pages": pages})
            if items and not sections:
                return None  # everything it listed was unpublished since the run was built
            context["sections"] = sections
            prefix = "newsletters/emails/digest"
        else:
            context["newsletter"] = self.page(self.mailing.newsletter_id, language)
            prefix = "newsletters/emails/newsletter"
        message = render_email(prefix, context, to=[subscription.email], language=language)
        message.extra_headers.update(list_headers(subscription, self.root))
        message.connection = connection
        return message


def queue_mailing(mailing, settings=None):
    """Queue one task per batch of `mailing` with queued deliveries, spread out at the sending
    rate, once the current transaction commits."""
    settings = settings or NewsletterSettings.load()
    batches = sorted(
        set(mailing.deliveries.filter(state=S.QUEUED).values_list("batch", flat=True).distinct())
    )
    spacing = timedelta(seconds=60 / settings.batches_per_minute)
    mailing_id = mailing.pk

    def enqueue():
        now = timezone.now()
        for position, batch in enumerate(batches):
            _enqueue(mailing_id, batch, 1, now + spacing * position if position else None)

    transaction.on_commit(enqueue)
    return len(batches)


def _enqueue(mailing_id, batch, attempt, run_after=None):
    if run_after is not None and send_batch_task.get_backend().supports_defer:
        return send_batch_task.using(run_after=run_after).enqueue(mailing_id, batch, attempt)
    return send_batch_task.enqueue(mailing_id, batch, attempt)


@task()
def send_batch_task(mailing_id, batch, attempt=1):
    return send_batch(mailing_id, batch, attempt)


class _Transient(Exception):
    """The server could not take the message now (unreachable, disconnected or 4xx)."""


def _permanent_code(error):
    """The 5xx reply code of a refusal that concerns this recipient or message, else None."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        code = codes[0] if codes else None
    elif isinstance(error, (smtplib.SMTPDataError, smtplib.SMTPSenderRefused)):
        code = error.smtp_code
    else:
        return None
    return code if code and 500 <= code < 600 else None


def send_batch(mailing_id, batch, attempt=1):
    """Send the queued deliveries of one batch; returns a short status for the task result."""
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None:
        return "mailing deleted"
    if mailing.paused:
        return "paused"
    settings = NewsletterSettings.load()
    deliveries = list(
        Delivery.objects.filter(mailing=mailing, batch=batch, state=S.QUEUED).select_related("subscription")
    )
    if not deliveries:
        return "nothing to send"
    renderer = Renderer(mailing, deliveries)
    connection = get_connection()
    sent = 0
    try:
        for delivery in deliveries:
            subscription = delivery.subscription
            if subscription is None or not subscription.is_active:
                Delivery.objects.filter(pk=delivery.pk).update(state=S.FAILED)
                continue
            claimed = Delivery.objects.filter(pk=delivery.pk, state=S.QUEUED).update(
                state=S.SENDING, attempts=F("attempts") + 1
            )
            if not claimed:
                continue
            try:
                message = renderer.message(subscription, delivery.items, connection)
                if message is None:
                    Delivery.objects.filter(pk=delivery.pk).delete()  # nothing left to tell: no message
                    continue
                message.send()
            except Exception as error:
                code = _permanent_code(error)
                if code is None:
                    Delivery.objects.filter(pk=delivery.pk).update(state=S.QUEUED)
                    raise _Transient from error
                _record_bounce(delivery, subscription, code, settings)
            else:
                Delivery.objects.filter(pk=delivery.pk).update(state=S.SENT, sent_at=timezone.now())
                sent += 1
    except _Transient as outage:
        delay = min(timedelta(minutes=2 ** (attempt - 1)), MAX_RETRY_DELAY)
        logger.warning("Mailing %s batch %s: %s; retrying in %s", mailing_id, batch, outage.__cause__, delay)
        if send_batch_task.get_backend().supports_defer:
            _enqueue(mailing_id, batch, attempt + 1, timezone.now() + delay)
        return f"sent {sent}, rest waits for the mail server"
    finally:
        connection.close()
    return f"sent {sent}"


def _record_bounce(delivery, subscription, code, settings):
    Delivery.objects.filter(pk=delivery.pk).update(state=S.FAILED, smtp_code=code)
    subscription.hard_bounces += 1
    fields = ["hard_bounces"]
    if subscription.hard_bounces >= settings.bounce_limit:
        subscription.deactivated_at = timezone.now()
        fields.append("deactivated_at")
    subscription.save(update_fields=fields)


def resume(mailing):
    """Un-pause `mailing` and queue again every batch that still has queued deliveries."""
    mailing.paused = False
    mailing.save(update_fields=["paused"])
    return queue_mailing(mailing)


def progress(mailing):
    """{state: count} of `mailing`'s deliveries, every state present."""
    counts = dict.fromkeys(S.values, 0)
    counts.update(mailing.deliveries.values("state").annotate(n=Count("pk")).values_list("state", "n"))
    return counts


def start_newsletter(page, list_slug=None, *, areas=(), themes=()):
    """A mailing of the newsletter `page` (default language) to its audience
    (`newsletters.audience.recipients`: the list `list_slug`, or the subscribers of the area and
    theme slugs `areas`/`themes`), queued in batches; returns the mailing (None when the audience
    is empty)."""
    from newsletters.audience import recipients as audience

    settings = NewsletterSettings.load()
    recipients = audience(list_slug=list_slug, areas=areas, themes=themes)
    if not recipients:
        return None
    with transaction.atomic():
        mailing = Mailing.objects.create(kind=Mailing.Kind.NEWSLETTER, newsletter=page)
        Delivery.objects.bulk_create(
            [
                Delivery(mailing=mailing, subscription_id=pk, batch=position // settings.batch_size)
                for position, pk in enumerate(recipients)
            ],
            batch_size=1000,
        )
        queue_mailing(mailing, settings)
    return mailing
