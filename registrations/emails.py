"""E-mail builders (see home.emails): ids in, a message in the registrant's language out, or None
when the message no longer applies (the sign-up was cancelled or anonymised meanwhile)."""

import copy

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from home import page_cache
from home.emails import render_email
from home.i18n import in_language
from participation_pages import ical
from participation_pages.models import EventPage
from registrations.models import EventSeats, Registration

S = Registration.Status


def _site_root(event):
    """The root URL of `event`'s site (`https://osallistu.example.fi`), from Wagtail's cached
    site root paths (`Page.get_url_parts`, as `event.full_url` reads them) rather than a query of
    the `Site` (`Page.get_site`); the admin's base URL for a page no site routes to."""
    url_parts = event.get_url_parts()
    return url_parts[1] if url_parts and url_parts[1] else settings.WAGTAILADMIN_BASE_URL


def manage_url(registration, event):
    with translation.override(registration.language):
        path = reverse("registrations:manage", args=[registration.token])
    return _site_root(event) + path


def _event(event_id):
    """The `EventPage` `event_id` (default language, as sign-ups hold it), or None; read once per
    worker process and content generation (`home.page_cache.remember`: publishing or saving the
    page, its venue or any snippet starts a new one, sign-ups do not), so the e-mails of a burst
    of sign-ups do not each read the event's ~60 columns. Shared by the process's tasks until
    then: read it, never change it (`_with_current_details` changes a copy)."""
    return page_cache.remember(
        ("registrations.emails.event", event_id), lambda: EventPage.objects.filter(pk=event_id).first()
    )


def _registration(registration_id, *statuses):
    """The sign-up `registration_id` with its `event` (`_event`), or None when it is gone,
    anonymised, has no e-mail address or has none of `statuses` (any status when none given)."""
    registration = (
        Registration.objects.filter(pk=registration_id, anonymised_at__isnull=True).exclude(email="").first()
    )
    if registration is None or (statuses and registration.status not in statuses):
        return None
    event = _event(registration.event_id)
    if event is None:
        return None
    registration.event = event
    return registration


def _send(prefix, registration, attachments=(), event=None, event_url=None, **extra):
    """Render `registrations/emails/<prefix>` for `registration`; `event` (the event in the
    registrant's language) and `event_url` (its address) when the caller has them already."""
    event = event or in_language(registration.event, registration.language)
    context = {
        "registration": registration,
        "event": event,
        "event_url": event_url or event.full_url,
        "manage_url": manage_url(registration, event),
        **extra,
    }
    return render_email(
        f"registrations/emails/{prefix}",
        context,
        to=[registration.email],
        language=registration.language,
        attachments=attachments,
    )


def _ics(registration, event, event_url):
    """The attachment of `event` (in the registrant's language, at `event_url`) as an .ics file."""
    with translation.override(registration.language):
        content = ical.event_ics(event, event_url, ical.uid_host())
    return [("event.ics", content, "text/calendar")]


def _registrant_email(prefix, *statuses, ics=False, skip=None, extra=None):
    """A builder for the e-mail `registrations/emails/<prefix>` to one registrant.

    It sends nothing (returns None) unless the sign-up still has one of `statuses` (any status
    when none are named) and `skip(registration)` is false; `ics` attaches the event as an
    iCalendar file (RFC 5545), `extra(registration)` adds to the template context.
    """

    def build(registration_id):
        registration = _registration(registration_id, *statuses)
        if registration is None or (skip and skip(registration)):
            return None
        # The event and its address once for the text and the attachment.
        event = in_language(registration.event, registration.language)
        event_url = event.full_url
        attachments = _ics(registration, event, event_url) if ics else ()
        return _send(
            prefix,
            registration,
            attachments=attachments,
            event=event,
            event_url=event_url,
            **(extra(registration) if extra else {}),
        )

    return build


confirmation_email = _registrant_email("confirmation", S.CONFIRMED, ics=True)
waitlisted_email = _registrant_email(
    "waitlisted", S.WAITLISTED, extra=lambda registration: {"position": registration.waitlist_position()}
)
promoted_email = _registrant_email("promoted", S.CONFIRMED, ics=True)
cancellation_email = _registrant_email("cancelled", S.CANCELLED)
event_cancelled_email = _registrant_email("event_cancelled")
reminder_email = _registrant_email(
    "reminder", S.CONFIRMED, ics=True, skip=lambda registration: registration.event.is_cancelled
)
follow_up_email = _registrant_email("follow_up", S.CONFIRMED, S.WAITLISTED)
# The sign-up form was sent again with this address: its link, instead of an error on the page.
already_signed_up_email = _registrant_email("already_signed_up", S.CONFIRMED, S.WAITLISTED)


def feedback_invitation_email(registration_id):
    """The invitation to the event's three-question feedback, with its address in the
    registrant's language; nothing when the sign-up was cancelled meanwhile or the feedback is no
    longer open (cancelled event, window closed), as the feedback app answers through the
    `kuulu_event_feedback_url` hook."""
    from participation_pages import extensions

    registration = _registration(registration_id, S.CONFIRMED)
    if registration is None:
        return None
    event = in_language(registration.event, registration.language)
    with translation.override(registration.language):
        url = extensions.feedback_url(event)
    if url is None:
        return None
    return _send("feedback_invitation", registration, feedback_url=url)


def _with_current_details(registration):
    """The event in the registrant's language, with the time, place, online link and status of
    the default-language page and the street address of its venue (they are synchronised
    fields, but a translation shows the new values only once it is synchronised again). The
    attached .ics has the event's SEQUENCE (`participation_pages.schedule`), one more for each published change."""
    source = registration.event
    event = copy.copy(in_language(source, registration.language))
    for field in ("start", "end", "online_url", "status", "attendance_mode"):
        setattr(event, field, getattr(source, field))
    if source.venue_id:
        event.venue = copy.copy(in_language(source.venue, registration.language))
        for field in ("street_address", "postcode"):  # synchronised too (Venue)
            setattr(event.venue, field, getattr(source.venue, field))
    else:
        event.venue = None
    return event


def event_changed_email(registration_id, change_number):
    """The notice that an event's time, place, online link or status changed (change
    `change_number` of `EventSeats`), with a fresh .ics; nothing when a later change has been
    announced meanwhile (its own notice carries the newest details) or the sign-up is cancelled."""
    registration = _registration(registration_id, S.CONFIRMED, S.WAITLISTED)
    if registration is None:
        return None
    seats = EventSeats.objects.filter(event_id=registration.event_id).first()
    if seats is None or seats.change_number != change_number or registration.event.is_cancelled:
        return None
    event = _with_current_details(registration)
    with translation.override(registration.language):
        content = ical.event_ics(event, event.full_url, ical.uid_host())
        manage = manage_url(registration, event)
    return render_email(
        "registrations/emails/event_changed",
        {
            "registration": registration,
            "event": event,
            "event_url": event.full_url,
            "manage_url": manage,
            "position": registration.waitlist_position(),
        },
        to=[registration.email],
        language=registration.language,
        attachments=[("event.ics", content, "text/calendar")],
    )


def organiser_address(event):
    """Where replies about an event go: the organiser's alert address, else the contact person's."""
    return event.registration_alert_email or getattr(event.contact_person, "email", "")


def staff_message_email(registration_id, message_id):
    """A message staff wrote to the people signed up (`StaffMessage`), with Reply-To the organiser."""
    from registrations.models import StaffMessage

    registration = _registration(registration_id, S.CONFIRMED, S.WAITLISTED)
    staff_message = StaffMessage.objects.filter(pk=message_id).first()
    if registration is None or staff_message is None:
        return None
    event = in_language(registration.event, registration.language)
    reply_to = organiser_address(registration.event)
    return render_email(
        "registrations/emails/staff_message",
        {
            "registration": registration,
            "event": event,
            "event_url": event.full_url,
            "manage_url": manage_url(registration, event),
            "staff_message": staff_message,
        },
        to=[registration.email],
        language=registration.language,
        reply_to=[reply_to] if reply_to else None,
    )


def organiser_alert_email(event_id, level):
    from registrations import services

    event = EventPage.objects.filter(pk=event_id).select_related("contact_person").first()
    if event is None:
        return None
    recipient = event.registration_alert_email or getattr(event.contact_person, "email", "")
    if not recipient:
        return None
    language = event.locale.language_code
    admin_url = settings.WAGTAILADMIN_BASE_URL + reverse("registrations_admin:event", args=[event.pk])
    return render_email(
        "registrations/emails/organiser_alert",
        {"event": event, "level": level, "figures": services.availability(event), "admin_url": admin_url},
        to=[recipient],
        language=language,
    )
