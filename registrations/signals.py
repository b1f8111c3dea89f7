"""React to an editor publishing an event: cancellation notices, follow-up e-mails, new seats."""

from wagtail.signals import page_published

from home.i18n import default_translation
from participation_pages.models import EventPage


def on_event_published(sender, instance, **kwargs):
    from registrations import jobs, services

    event = default_translation(instance)
    if event.pk != instance.pk:
        # Sign-ups belong to the default-language event, whose publishing republishes its
        # translations (home.translation_sync): one reaction per change, to the source's publish.
        return
    if not event.registrations.exists():
        return
    if not event.is_past:
        services.notify_changes(event)
    if event.is_cancelled:
        jobs.notify_event_cancelled(event)
        return
    jobs.send_follow_ups(event)
    if event.registration_enabled and not event.is_past:
        services.keep_seats_for_those_taken(event)
        services.promote_waitlist(event)


def connect():
    from home import page_cache
    from registrations.models import EventSeats, Registration

    # The event page, the calendar and listings show the seats left; nothing `remember` keeps does.
    page_cache.purge_pages_on_change(Registration, EventSeats)
    page_published.connect(on_event_published, sender=EventPage, dispatch_uid="registrations_event_published")
