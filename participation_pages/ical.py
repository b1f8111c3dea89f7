"""iCalendar (RFC 5545) for events, built with the `icalendar` library.

One function builds the VEVENT for an event; feeds, the `.ics` download and the sign-up
confirmation's attachment all use it, so an event looks the same in every calendar.
"""

from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

HELSINKI = ZoneInfo(settings.TIME_ZONE)
PRODID = "-//Kuulu//Participation calendar//FI"


def uid_host():
    """The host part of every UID: the site's canonical host, whatever Host header a request
    came with, so the feed, the .ics download and e-mail attachments agree."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "kuulu.invalid"


def uid(event, host):
    # The same for every language version, so a calendar app never shows an event twice.
    return f"{event.translation_key}@{host}"


def location_text(event):
    parts = []
    if event.venue_id:
        venue = event.venue
        parts.append(f"{venue.name}, {venue.street_address}, {venue.postcode} {venue.city}")
    if event.online_url:
        parts.append(event.online_url)
    return " / ".join(parts)


def ical_status(event):
    if event.status == event.Status.CANCELLED:
        return "CANCELLED"
    if event.status == event.Status.POSTPONED:
        return "TENTATIVE"
    return "CONFIRMED"


def event_component(event, url, host):
    """The VEVENT of one event; `url` is the absolute URL of the event page."""
    # Calendar apps ignore URL, so the address goes into the description as well.
    description = f"{event.summary}\n\n{url}"
    summary = event.title
    if event.status == event.Status.CANCELLED:
        # Not every calendar app shows STATUS, so the title says it too.
        summary = _("Cancelled: %(title)s") % {"title": event.title}
    component = Event.new(
        uid=uid(event, host),
        summary=summary,
        description=description,
        start=timezone.localtime(event.start, HELSINKI),
        end=timezone.localtime(event.end, HELSINKI),
        url=url,
        location=location_text(event) or None,
        status=ical_status(event),
        stamp=timezone.now(),
        last_modified=event.last_published_at or timezone.now(),
    )
    if event.latest_revision_created_at:
        component.add("sequence", int(event.latest_revision_created_at.timestamp()))
    if event.event_format_id:
        component.add("categories", [event.event_format.name])
    return component


def calendar(events_with_urls, host, name=""):
    """A VCALENDAR of (event, absolute_url) pairs, with the Europe/Helsinki VTIMEZONE."""
    cal = Calendar.new(
        prodid=PRODID, name=name or None, method="PUBLISH", refresh_interval=timedelta(hours=6)
    )
    cal.add("x-published-ttl", "PT6H")  # the same hint for Outlook and Google
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    first = last = None
    for event, url in events_with_urls:
        cal.add_component(event_component(event, url, host))
        first = min(first or event.start, event.start)
        last = max(last or event.end, event.end)
    if first is None:
        cal.add_missing_timezones()
    else:
        # Only the transitions the events need: a short VTIMEZONE that also works after 2037.
        cal.add_missing_timezones(
            first_date=(first - timedelta(days=366)).date(), last_date=(last + timedelta(days=366)).date()
        )
    return cal


def event_ics(event, url, host):
    """Bytes of a one-event .ics file (download and e-mail attachment)."""
    return calendar([(event, url)], host, name=event.title).to_ical()
