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


def confirmation_email(registration_id):
    registration = _registration(registration_id, S.CONFIRMED)
    if registration is None:
        return None
    return _send("confirmation", registration, attachments=_ics(registration))


def waitlisted_email(registration_id):
    registration = _registration(registration_id, S.WAITLISTED)
    if registration is None:
        return None
    return _send("waitlisted", registration, position=registration.waitlist_position())


def promoted_email(registration_id):
    registration = _registration(registration_id, S.CONFIRMED)
    if registration is None:
        return None
    return _send("promoted", registration, attachments=_ics(registration))


def cancellation_email(registration_id):
    registration = _registration(registration_id, S.CANCELLED)
    if registration is None:
        return None
    return _send("cancelled", registration)


def event_cancelled_email(registration_id):
    registration = _registration(registration_id)
    if registration is None:
        return None
    return _send("event_cancelled", registration)


def reminder_email(registration_id):
    registration = _registration(registration_id, S.CONFIRMED)
    if registration is None or registration.event.is_cancelled:
        return None
    return _send("reminder", registration, attachments=_ics(registration))


def follow_up_email(registration_id):
    registration = _registration(registration_id, S.CONFIRMED, S.WAITLISTED)
    if registration is None:
        return None
    return _send("follow_up", registration)


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
