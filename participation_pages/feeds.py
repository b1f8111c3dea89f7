"""RSS 2.0 and Atom (RFC 4287) feeds of a calendar's upcoming events (same filters as the page; HTTP 400 with a
plain-text message when a filter value does not exist)."""

import uuid
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.conditional import conditional_response
from home.site_url import absolute_url
from home.syndication import Atom1Feed, Rss201rev2Feed
from participation_pages.filters import EventFilterSet

FEED_ITEMS = 50


class UpcomingEventsRSS(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, calendar):
        super().__init__()
        self.calendar = calendar

    def __call__(self, request, *args, **kwargs):
        upcoming = self.calendar.events().filter(end__gte=timezone.now())
        self.filters = EventFilterSet(request.GET, upcoming, locale=self.calendar.locale)
        bad_request = self.filters.bad_request()
        return bad_request or conditional_response(request, super().__call__(request, *args, **kwargs))

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.calendar

    def title(self, calendar):
        return " – ".join([calendar.title, _("Upcoming events"), *self.filters.descriptions()])

    def link(self, calendar):
        return calendar.get_full_url(self.request)

    def description(self, calendar):
        return calendar.introduction or _("Upcoming events")

    def feed_url(self, calendar):
        return absolute_url(self.request.get_full_path())

    def items(self, calendar):
        return self.filters.qs.select_related("event_format", "venue", "locale")[:FEED_ITEMS]

    def item_title(self, event):
        when = date_format(timezone.localtime(event.start), "DATETIME_FORMAT")
        title = f"{event.title} ({when})"
        if event.is_cancelled:
            title = _("Cancelled: %(title)s") % {"title": title}
        return title

    def item_description(self, event):
        parts = [event.summary]
        if event.venue_id:
            parts.append(f"{event.venue.name}, {event.venue.street_address}")
        return "\n".join(parts)

    def item_link(self, event):
        return event.get_full_url(self.request)

    def item_guid(self, event):
        return f"{event.translation_key}:{event.locale_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event.first_published_at

    def item_updateddate(self, event):
        return event.last_published_at

    def item_categories(self, event):
        return [event.event_format.name] if event.event_format_id else []

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = self.calendar.locale.language_code
        return feed


class UpcomingEventsAtom(UpcomingEventsRSS):
    """The Atom version: RFC 4287 wants an author (§4.1.1: on the feed, or on every entry) and an
    IRI as every entry's id (§4.2.6), the same for the same entry whenever it is fetched."""

    feed_type = Atom1Feed
    subtitle = UpcomingEventsRSS.description

    def author_name(self, calendar):
        from home.models import SiteSettings

        # Without an organisation in Site settings, the site's host (never the request's).
        return (
            SiteSettings.for_request(self.request).organisation_name or urlsplit(absolute_url("/")).hostname
        )

    def author_link(self, calendar):
        return absolute_url("/")

    def item_guid(self, event):
        # One entry per event and language: the language version's own UUID-based URN.
        return "urn:uuid:" + str(
            uuid.uuid5(uuid.UUID(str(event.translation_key)), event.locale.language_code)
        )
