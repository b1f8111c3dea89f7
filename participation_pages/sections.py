"""The home page's "upcoming events" and "open participation" sections (see home.sections)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.images import with_card_images
from home.sections import Card, live_pages
from participation_pages.extensions import collect_badges
from participation_pages.formatting import place_text, when_text
from participation_pages.models import EventPage, ParticipationTopicPage


def upcoming_event_cards(request, count):
    events = list(
        with_card_images(live_pages(EventPage))
        .filter(end__gte=timezone.now())
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
            Card.for_page(
                event,
                request,
                meta=meta,
                participation=event.shows_participation_symbol,
                badge=" · ".join(str(t) for t in badge_texts),
                kind="event",
            )
        )
    return cards


def open_topic_cards(request, count):
    """Topics open for participation now, the soonest to close first."""
    today = timezone.localdate()
    topics = (
        with_card_images(live_pages(ParticipationTopicPage))
        .filter(status=ParticipationTopicPage.Status.OPEN)
        .filter(Q(open_from__isnull=True) | Q(open_from__lte=today))
        .filter(Q(open_until__isnull=True) | Q(open_until__gte=today))
        .order_by("open_until", "title", "pk")[:count]
    )
    return [
        Card.for_page(
            topic,
            request,
            meta=[_("Open until %(date)s") % {"date": date_format(topic.open_until, "DATE_FORMAT")}]
            if topic.open_until
            else [],
            participation=True,
            badge=str(topic.get_status_display()),
            kind="topic",
        )
        for topic in topics
    ]
