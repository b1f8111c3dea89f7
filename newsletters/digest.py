"""The scheduled digest: what is new since each subscriber's last digest and matches their choices.

Rules (the same as the calendar's filters, `participation_pages.filters`):

- an item is *new* when it was first published after the subscriber's last digest, or after the
  confirmation for the first one; a follow-up report when the digest first found it public
  (`FollowUpSeen`: its date had come and the page was live), so a follow-up published after
  the day's digests, or dated back, is still announced;
- content written in the default language counts once, through its default-language page (its
  translations are found when the message is written); content written only in Swedish or
  English counts through that page (a Finnish reader gets it in its language);
- kinds: events (upcoming, not cancelled), participation (topics open or upcoming, resident
  panels), follow-up reports of events, news; an empty choice means every kind;
- areas follow the area rule (`taxonomy.filters.related_areas`): a district also gets what is
  filed under its major area, a major area also its districts'; themes and event formats must
  match one of the chosen ones; an empty choice means all. An item filed under no area does not
  match an area choice (as in the calendar). Formats narrow only events and follow-ups, and news
  is not filed under areas or themes, so the news kind brings every article;
- a subscription that chose only named lists (the association newsletter) gets no digest.

`build_digest()` (the periodic job `newsletters.send_digests`) picks the subscribers whose
digest is due (`NewsletterSettings.digest_days`, default 7), loads the candidate items once, matches
them in memory and writes one `Delivery` per subscriber with something new (none otherwise),
in bulk; the number of queries does not depend on the number of subscribers beyond one query
per 1,000 rows written. Sending is `newsletters.sending`.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Locale, Page

from directory.models import ArticlePage
from newsletters import sending
from newsletters.models import (
    ContentKind,
    Delivery,
    FollowUpSeen,
    Mailing,
    NewsletterSettings,
    Subscription,
)
from panels.models import ResidentPanelPage
from participation_pages.models import EventPage, ParticipationTopicPage
from taxonomy.filters import related_areas
from taxonomy.models import Area

#: The oldest content a first or late digest looks back to.
MAX_LOOKBACK = timedelta(days=31)


@dataclass
class Item:
    """A page a digest may list: the id of the page it was written as (`_originals`), its kind,
    when it became new, and the slugs it is filed under."""

    page_id: int
    kind: str
    new_at: datetime
    areas: set = field(default_factory=set)
    themes: set = field(default_factory=set)
    format: str = ""


def _slugs(links, attribute):
    return {getattr(link, attribute).slug for link in links.all()}


def _filed(page):
    return {"areas": _slugs(page.area_links, "area"), "themes": _slugs(page.theme_links, "theme")}


def _originals(queryset, locale):
    """The pages of `queryset` written in the default language `locale`, and those written in
    another language only (no default-language page shares their translation key, e.g. a
    Swedish-only event): each piece of content once, in the language it was written in."""
    written_in_default = Page.objects.filter(locale=locale).values("translation_key")
    return queryset.filter(Q(locale=locale) | ~Q(translation_key__in=written_in_default))


def note_follow_ups(now):
    """Record (`FollowUpSeen`) every follow-up report of a live public event (`_originals`) that
    is public now (its date has come) and was not seen before; returns how many. Runs before
    every digest run, so a follow-up is new from the first run that finds it public."""
    today = timezone.localdate(now)
    candidates = (
        _originals(EventPage.objects.live().public(), Locale.get_default())
        .filter(follow_up_published_at__lte=today)
        .filter(
            Q(follow_up_what_happened__gt="")
            | Q(follow_up_take_along__gt="")
            | Q(follow_up_still_develop__gt="")
        )
        .exclude(pk__in=FollowUpSeen.objects.values("event_id"))
        .values_list("pk", flat=True)
    )
    seen = [FollowUpSeen(event_id=pk, seen_at=now) for pk in candidates]
    FollowUpSeen.objects.bulk_create(seen, ignore_conflicts=True)
    return len(seen)


def collect_items(since, until):
    """Every Item that became new in (since, until], from live public pages written in the default
    language or only in another one (`_originals`); a follow-up report became new when the digest
    first found it public (`note_follow_ups`)."""
    locale = Locale.get_default()
    now = timezone.now()
    linked = ("area_links__area", "theme_links__theme")
    items = []
    events = (
        _originals(EventPage.objects.live().public(), locale)
        .filter(first_published_at__gt=since, first_published_at__lte=until, start__gte=now)
        .exclude(status=EventPage.Status.CANCELLED)
        .select_related("event_format")
        .prefetch_related(*linked)
    )
    for event in events:
        fmt = event.event_format.slug if event.event_format else ""
        items.append(
            Item(event.pk, ContentKind.EVENTS, event.first_published_at, format=fmt, **_filed(event))
        )
    seen = dict(
        FollowUpSeen.objects.filter(seen_at__gt=since, seen_at__lte=until).values_list("event_id", "seen_at")
    )
    follow_ups = (
        _originals(EventPage.objects.live().public(), locale)
        .filter(pk__in=list(seen))
        .select_related("event_format")
        .prefetch_related(*linked)
    )
    for event in follow_ups:
        if event.shows_follow_up:
            fmt = event.event_format.slug if event.event_format else ""
            items.append(Item(event.pk, ContentKind.FOLLOW_UPS, seen[event.pk], format=fmt, **_filed(event)))
    open_statuses = [ParticipationTopicPage.Status.OPEN, ParticipationTopicPage.Status.UPCOMING]
    for model, extra in ((ParticipationTopicPage, Q(status__in=open_statuses)), (ResidentPanelPage, Q())):
        pages = (
            _originals(model.objects.live().public(), locale)
            .filter(extra, first_published_at__gt=since, first_published_at__lte=until)
            .prefetch_related(*linked)
        )
        for page in pages:
            items.append(Item(page.pk, ContentKind.PARTICIPATION, page.first_published_at, **_filed(page)))
    news = _originals(ArticlePage.objects.live().public(), locale).filter(
        first_published_at__gt=since, first_published_at__lte=until
    )
    for article in news.only("pk", "first_published_at"):
        items.append(Item(article.pk, ContentKind.NEWS, article.first_published_at))
    items.sort(key=lambda item: item.new_at)
    return items


class Matcher:
    """Matches Items against a subscription's choices; the areas are loaded once."""

    def __init__(self):
        self.areas = list(Area.objects.filter(locale=Locale.get_default()))
        self.by_slug = {area.slug: area for area in self.areas}
        self._expanded = {}

    def expand(self, slugs):
        """The area slugs a choice of `slugs` matches under the area rule."""
        key = tuple(sorted(slugs))
        if key not in self._expanded:
            found = set()
            for slug in key:
                if slug in self.by_slug:
                    found.update(area.slug for area in related_areas(self.by_slug[slug], self.areas))
            self._expanded[key] = found
        return self._expanded[key]

    def matches(self, item, *, areas, themes, formats, kinds):
        if kinds and item.kind not in kinds:
            return False
        if item.kind == ContentKind.NEWS:
            return True
        if areas and not item.areas & self.expand(areas):
            return False
        if themes and not item.themes & set(themes):
            return False
        if formats and item.kind in (ContentKind.EVENTS, ContentKind.FOLLOW_UPS):
            return item.format in formats
        return True


def due_subscriptions(now, settings):
    """Confirmed, active subscriptions whose last digest (or confirmation) is `digest_days` old."""
    cutoff = now - timedelta(days=settings.digest_days)
    return Subscription.objects.filter(confirmed_at__isnull=False, deactivated_at__isnull=True).filter(
        Q(last_digest_at__lte=cutoff) | Q(last_digest_at__isnull=True, confirmed_at__lte=cutoff)
    )


def build_digest(now=None):
    """Build one digest run and queue its batches; returns the number of messages queued.

    Every due subscriber's `last_digest_at` moves to `now`, whether or not anything matched, so
    the next digest covers only what is newer.
    """
    now = now or timezone.now()
    note_follow_ups(now)
    settings = NewsletterSettings.load()
    due = due_subscriptions(now, settings)
    earliest = due.aggregate(since=Min(Coalesce("last_digest_at", "confirmed_at")))["since"]
    if earliest is None:
        return 0
    items = collect_items(max(earliest, now - MAX_LOOKBACK), now)
    matcher = Matcher()
    with transaction.atomic():
        mailing = Mailing.objects.create(kind=Mailing.Kind.DIGEST, created_at=now, period_start=earliest)
        deliveries = []
        fields = ("pk", "last_digest_at", "confirmed_at", "areas", "themes", "formats", "kinds", "lists")
        rows = due.values_list(*fields)
        for pk, last, confirmed, areas, themes, formats, kinds, lists in rows.iterator(chunk_size=2000):
            if lists and not (areas or themes or formats or kinds):
                continue  # subscribed to newsletters only
            since = last or confirmed
            choices = {"areas": areas, "themes": themes, "formats": formats, "kinds": kinds}
            matched = [
                [str(i.kind), i.page_id] for i in items if i.new_at > since and matcher.matches(i, **choices)
            ]
            if matched:
                batch = len(deliveries) // settings.batch_size
                deliveries.append(Delivery(mailing=mailing, subscription_id=pk, batch=batch, items=matched))
        due.update(last_digest_at=now)
        if not deliveries:
            mailing.delete()
            return 0
        Delivery.objects.bulk_create(deliveries, batch_size=1000)
        sending.queue_mailing(mailing, settings)
    return len(deliveries)
