"""E-mail builders (see home.emails): ids in, a message in the registrant's language out, or None
when the message no longer applies (the sign-up was cancelled or anonymised meanwhile)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from home.emails import render_email
from home.i18n import in_language
from participation_pages import ical
from participation_pages.models import EventPage
from registrations.models import Registration

S = Registration.Status


def _site_root(event):
    site = event.get_site()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL


def manage_url(registration, event):
    with translation.override(registration.language):
        path = reverse("registrations:manage", args=[registration.token])
    return _site_root(event) + path


def _registration(registration_id, *statuses):
    registration = (
        Registration.objects.filter(pk=registration_id, anonymised_at__isnull=True)
        .exclude(email="")
        .select_related("event")
        .first()
    )
    if registration is None or (statuses and registration.status not in statuses):
        return None
    return registration


def _send(prefix, registration, attachments=(), **extra):
    event = in_language(registration.event, registration.language)
    context = {
        "registration": registration,
        "event": event,
        "event_url": event.full_url,
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


def _ics(registration):
    event = in_language(registration.event, registration.language)
    with translation.override(registration.language):
        content = ical.event_ics(event, event.full_url, ical.uid_host())
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
        attachments = _ics(registration) if ics else ()
        return _send(prefix, registration, attachments=attachments, **(extra(registration) if extra else {}))

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
