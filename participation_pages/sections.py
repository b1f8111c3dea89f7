"""The home page's "upcoming events" section (see home.sections)."""

from django.utils import timezone
from wagtail.models import Locale

from home.sections import Card
from participation_pages.extensions import collect_badges
from participation_pages.formatting import place_text, when_text
from participation_pages.models import EventPage


def upcoming_event_cards(request, count):
    events = list(
        EventPage.objects.live()
        .public()
        .filter(locale=Locale.get_active(), end__gte=timezone.now())
        .select_related("event_format", "venue")
        .order_by("start", "pk")[:count]
    )
    badges = collect_badges(events, request)
    cards = []
    for event in events:
        meta = [when_text(event, weekday=True)]
        if place := place_text(event):
            meta.append(place)
        if event.event_format_id:
            meta.append(event.event_format.name)
        badge_texts = badges.get(event.id, [])
        if event.status != EventPage.Status.SCHEDULED:
            badge_texts = [str(event.get_status_display())]
        cards.append(
            Card(
                title=event.title,
                url=event.get_url(request),
                summary=event.summary,
                meta=meta,
                participation=event.shows_participation_symbol,
                badge=" · ".join(str(t) for t in badge_texts),
            )
        )
    return cards
