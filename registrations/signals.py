"""React to an editor publishing an event: cancellation notices, follow-up e-mails, new seats."""

from django.db.models.signals import post_save
from wagtail.signals import page_published

from home.i18n import default_translation
from participation_pages.models import EventPage, Venue


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


def on_venue_saved(sender, instance, created, raw=False, **kwargs):
    """An edited venue address moves every upcoming event held there: the people signed up are
    told as after a publish (`services.notify_changes` finds whether the address changed)."""
    from participation_pages.schedule import events_at
    from registrations import services

    if created or raw:
        return
    for event in events_at(instance).filter(registrations__isnull=False).distinct():
        if not event.is_past:
            services.notify_changes(event)


def connect():
    from home import page_cache
    from registrations.models import EventSeats, Registration

    # The event page, the calendar and listings show the seats left; nothing `remember` keeps does.
    page_cache.purge_pages_on_change(Registration, EventSeats)
    page_published.connect(on_event_published, sender=EventPage, dispatch_uid="registrations_event_published")
    post_save.connect(on_venue_saved, sender=Venue, dispatch_uid="registrations_venue_saved")
