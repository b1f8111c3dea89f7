"""Scheduled work (home.periodic): reminders, follow-up e-mails and deleting personal data.

Each job marks a row before queueing its e-mail, with an UPDATE that only matches unmarked rows,
so two overlapping runs can never send the same e-mail twice.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from home import emails
from home.i18n import default_translation
from participation_pages.models import EventPage
from participation_pages.signup_settings import MAX_REMINDER_HOURS
from registrations.models import Registration

S = Registration.Status

PERSONAL_FIELDS = {"name": "", "email": "", "phone": "", "answers": {}}


def _mark_and_queue(queryset, field, builder):
    sent = 0
    for pk in list(queryset.values_list("pk", flat=True)):
        if Registration.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: timezone.now()}):
            emails.queue(builder, pk)
            sent += 1
    return sent


def _registration_events():
    """Default-language events with sign-ups (registrations always belong to those)."""
    return EventPage.objects.filter(registrations__isnull=False).distinct()


def send_due_reminders(now=None):
    now = now or timezone.now()
    sent = 0
    events = (
        _registration_events()
        .filter(reminder_enabled=True, start__gt=now, start__lte=now + timedelta(hours=MAX_REMINDER_HOURS))
        .exclude(status=EventPage.Status.CANCELLED)
    )
    for event in events:
        if event.start - timedelta(hours=event.reminder_hours_before) > now:
            continue
        due = Registration.objects.filter(
            event=event, status=S.CONFIRMED, reminder_sent_at__isnull=True, anonymised_at__isnull=True
        ).exclude(email="")
        sent += _mark_and_queue(due, "reminder_sent_at", "registrations.emails.reminder_email")
    return sent


def send_follow_ups(event):
    """One e-mail to each opted-in, not cancelled registrant once the event's follow-up is public."""
    event = default_translation(event)
    if not event.shows_follow_up:
        return 0
    due = (
        Registration.objects.filter(
            event=event,
            follow_up_opt_in=True,
            follow_up_sent_at__isnull=True,
            anonymised_at__isnull=True,
        )
        .exclude(status=S.CANCELLED)
        .exclude(email="")
    )
    return _mark_and_queue(due, "follow_up_sent_at", "registrations.emails.follow_up_email")


def send_due_follow_ups(today=None):
    """For follow-ups published with a future date: sent on the day they become public."""
    today = today or timezone.localdate()
    events = (
        EventPage.objects.live()
        .filter(
            follow_up_published_at__lte=today,
            registrations__follow_up_opt_in=True,
            registrations__follow_up_sent_at__isnull=True,
        )
        .distinct()
    )
    return sum(send_follow_ups(event) for event in events)


def feedback_invitees(event):
    """The sign-ups invited to give feedback on `event` (a default-language EventPage): confirmed,
    with an address, not anonymised, not yet invited. When staff recorded attendance (at least
    one sign-up is marked attended), only those marked attended: the others did not come."""
    invitees = Registration.objects.filter(
        event=event,
        status=S.CONFIRMED,
        feedback_invitation_sent_at__isnull=True,
        anonymised_at__isnull=True,
    ).exclude(email="")
    if Registration.objects.filter(event=event, attended=True).exists():
        invitees = invitees.filter(attended=True)
    return invitees


def send_due_feedback_invitations(now=None):
    """After an event has ended, one e-mail to each attendee inviting them to the three-question
    feedback while its feedback survey is open (the `kuulu_event_feedback_url`
    hook); never for a cancelled or unpublished event.

    Returns the number of invitations queued (home.emails, sent by the task queue)."""
    from participation_pages import extensions

    now = now or timezone.now()
    sent = 0
    events = (
        _registration_events()
        .live()
        .filter(
            end__lte=now,
            registrations__status=S.CONFIRMED,
            registrations__feedback_invitation_sent_at__isnull=True,
            registrations__anonymised_at__isnull=True,
        )
        .exclude(status=EventPage.Status.CANCELLED)
        .distinct()
    )
    for event in events:
        if extensions.feedback_url(event) is None:  # no open survey (the feedback app says)
            continue
        sent += _mark_and_queue(
            feedback_invitees(event),
            "feedback_invitation_sent_at",
            "registrations.emails.feedback_invitation_email",
        )
    return sent


def notify_event_cancelled(event):
    event = default_translation(event)
    if event.status != EventPage.Status.CANCELLED:
        return 0
    due = (
        Registration.objects.filter(
            event=event, event_cancelled_notice_sent_at__isnull=True, anonymised_at__isnull=True
        )
        .exclude(status=S.CANCELLED)
        .exclude(email="")
    )
    return _mark_and_queue(
        due, "event_cancelled_notice_sent_at", "registrations.emails.event_cancelled_email"
    )


def follow_up_wait_days():
    return getattr(settings, "REGISTRATIONS_FOLLOW_UP_WAIT_DAYS", 180)


def anonymise(queryset):
    return queryset.update(**PERSONAL_FIELDS, anonymised_at=timezone.now())


def anonymise_expired_registrations(now=None):
    """Delete names and contact details `retention_days` after each event (counts stay).

    A person who asked for the follow-up report keeps only their name, e-mail and language until it
    is sent, or at most REGISTRATIONS_FOLLOW_UP_WAIT_DAYS after the event."""
    now = now or timezone.now()
    changed = 0
    events = _registration_events().filter(end__lt=now, registrations__anonymised_at__isnull=True).distinct()
    for event in events:
        if event.end + timedelta(days=event.retention_days) > now:
            continue
        pending = Registration.objects.filter(event=event, anonymised_at__isnull=True)
        waiting_for_follow_up = pending.filter(follow_up_opt_in=True, follow_up_sent_at__isnull=True).exclude(
            status=S.CANCELLED
        )
        if event.end + timedelta(days=follow_up_wait_days()) > now:
            waiting_for_follow_up.update(phone="", answers={})
            pending = pending.exclude(pk__in=waiting_for_follow_up.values("pk"))
        changed += anonymise(pending)
    return changed
