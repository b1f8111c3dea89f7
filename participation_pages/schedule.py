"""How many published changes an event's time, place or status has had: its iCalendar
`SEQUENCE` (RFC 5545 §3.8.7.4: "incremented … each time the Organizer makes a significant
revision"), one number for every language version, counted in `EventSchedule`.

`record_publish` runs when the default-language page is published (its translations are
republished with it, see `home.translation_sync`) and when the address of its venue is edited (a
`Venue` snippet is saved without a publish of the pages that name it); `sequences` reads the
numbers for a feed in one query. The registrations app's change notices compare the same
`details` (`changed`).
"""

from datetime import UTC

from django.db import transaction
from django.db.models.signals import post_save

from home.i18n import default_translation


def details(event):
    """{"start", "end" (ISO 8601 in UTC), "venue" (id or None), "address" (the venue's street
    address, postcode and city as one line, or None), "online_url", "status"} of an event: what
    counts as its time, place or status. Times are normalised to UTC, because the page published
    from a revision carries them in another time zone than the one from the database."""
    venue = event.venue if event.venue_id else None
    return {
        "start": event.start.astimezone(UTC).isoformat() if event.start else None,
        "end": event.end.astimezone(UTC).isoformat() if event.end else None,
        "venue": event.venue_id,
        "address": f"{venue.street_address}, {venue.postcode} {venue.city}" if venue else None,
        "online_url": event.online_url,
        "status": event.status,
    }


def changed(known, current):
    """Whether `current` details differ from `known` ones (both from `details`). A key that
    `known` lacks (details stored before that key was counted, such as "address") is not a
    change: it was never announced, so there is nothing to correct."""
    return any(known[key] != value for key, value in current.items() if key in known)


def record_publish(event):
    """After a publish of `event` (any language): the event's SEQUENCE, one more than before if
    its time, place or status differs from the last published ones; 0 at the first publish."""
    from participation_pages.models import EventSchedule

    source = default_translation(event)
    current = details(source)
    with transaction.atomic():
        schedule, created = EventSchedule.objects.select_for_update().get_or_create(
            translation_key=source.translation_key, defaults={"details": current}
        )
        if not created and schedule.details != current:
            if changed(schedule.details, current):
                schedule.sequence += 1
            schedule.details = current
            schedule.save(update_fields=["details", "sequence"])
    return schedule.sequence


def events_at(venue):
    """The live default-language events whose place is `venue` (a `Venue` of any language), as
    a queryset of `EventPage`."""
    from wagtail.models import Locale

    from participation_pages.models import EventPage

    return EventPage.objects.live().filter(
        venue__translation_key=venue.translation_key, locale=Locale.get_default()
    )


def on_venue_saved(sender, instance, created, raw=False, **kwargs):
    """An edited venue moves every event held there: each gets its SEQUENCE counted again."""
    if created or raw:
        return
    for event in events_at(instance):
        record_publish(event)


def sequences(events):
    """{translation key: SEQUENCE} for `events` (0 for an event never published), one query."""
    from participation_pages.models import EventSchedule

    keys = {event.translation_key for event in events}
    found = dict(
        EventSchedule.objects.filter(translation_key__in=keys).values_list("translation_key", "sequence")
    )
    return {key: found.get(key, 0) for key in keys}


def sequence(event):
    """The SEQUENCE of one event (all languages alike)."""
    return sequences([event])[event.translation_key]


def on_event_published(sender, instance, **kwargs):
    if default_translation(instance).pk == instance.pk:
        record_publish(instance)


def connect():
    from wagtail.signals import page_published

    from participation_pages.models import EventPage, Venue

    page_published.connect(on_event_published, sender=EventPage, dispatch_uid="participation_event_schedule")
    post_save.connect(on_venue_saved, sender=Venue, dispatch_uid="participation_venue_schedule")
