"""iCalendar (RFC 5545) for events, built with the `icalendar` library.

One function builds the VEVENT for an event; feeds, the `.ics` download and the sign-up
confirmation's attachment all use it, so an event looks the same in every calendar.
"""

import uuid
from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from home.text import strip_control_characters
from participation_pages import schedule

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


def event_summary(event):
    """The event's title, saying when it is cancelled, postponed or rescheduled: not every
    calendar app shows STATUS (and iCalendar has no status for a moved event)."""
    if event.status == event.Status.CANCELLED:
        return _("Cancelled: %(title)s") % {"title": event.title}
    if event.status == event.Status.POSTPONED:
        return _("Postponed: %(title)s") % {"title": event.title}
    if event.status == event.Status.RESCHEDULED:
        return _("Rescheduled: %(title)s") % {"title": event.title}
    return event.title


def event_component(event, url, host, sequence=None):
    """The VEVENT of one event; `url` is the absolute URL of the event page, `sequence` its
    SEQUENCE (read from `participation_pages.schedule` when not given)."""
    # Calendar apps ignore URL, so the address goes into the description as well.
    # No control characters (home.text): RFC 5545 §3.3.11 forbids them in TEXT values.
    description = strip_control_characters(f"{event.summary}\n\n{url}")
    summary = strip_control_characters(event_summary(event))
    component = Event.new(
        uid=uid(event, host),
        summary=summary,
        description=description,
        start=timezone.localtime(event.start, HELSINKI),
        end=timezone.localtime(event.end, HELSINKI),
        url=url,
        location=strip_control_characters(location_text(event)) or None,
        status=ical_status(event),
        # The same bytes for the same published event, so a feed's ETag only changes with it.
        stamp=event.last_published_at or event.start,
        last_modified=event.last_published_at or event.start,
    )
    # Published changes to time, place or status, the same in every language (RFC 5545 §3.8.7.4).
    component.add("sequence", schedule.sequence(event) if sequence is None else sequence)
    if organizer := organizer_address(event):
        component.add("organizer", organizer)
    if event.event_format_id:
        component.add("categories", [strip_control_characters(event.event_format.name)])
    return component


def organizer_address(event):
    """ORGANIZER (RFC 5545 §3.8.4.3, a `mailto:` address with the organiser's name as CN): the
    contact person's public e-mail address, named by the organiser or the person; None when the
    page names no address."""
    person = event.contact_person if event.contact_person_id else None
    if person is None or not person.email:
        return None
    organizer = vCalAddress(f"mailto:{person.email}")
    name = strip_control_characters(event.organiser or person.name)
    if name:
        organizer.params["CN"] = name
    return organizer


def calendar_uid(key, host):
    """A calendar's UID (RFC 7986 §5.3): the same on every request for the same `key` (e.g. the
    calendar page's translation key, language and filters), a UUID so it is globally unique."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{host}/{key}"))


def one_rdate_per_line(cal):
    """Write each VTIMEZONE transition on a line of its own (`RDATE:…` per date).

    `add_missing_timezones` lists every transition of a kind on one RDATE line, which RFC 5545
    allows, but Mozilla ical.js (Thunderbird, many web widgets) reads only the first value of
    each RDATE property, and Outlook is reported to do the same: events after the second
    transition came out an hour off."""
    for vtimezone in cal.walk("VTIMEZONE"):
        for observance in vtimezone.subcomponents:
            rdates = observance.get("RDATE")
            if rdates is None:
                continue
            dates = [
                value.dt for prop in (rdates if isinstance(rdates, list) else [rdates]) for value in prop.dts
            ]
            del observance["RDATE"]
            for date in dates:
                observance.add("RDATE", date)


def calendar(events_with_urls, host, name="", key=""):
    """A VCALENDAR of (event, absolute_url) pairs, with the Europe/Helsinki VTIMEZONE.

    `key` names the calendar for its stable UID (RFC 7986), e.g. "<translation key>/fi?area=x"."""
    cal = Calendar.new(
        prodid=PRODID,
        name=strip_control_characters(name) or None,
        method="PUBLISH",
        refresh_interval=timedelta(hours=6),
        uid=calendar_uid(key or name, host),
    )
    # RFC 7986 §5.7: the value type is not the default, so the parameter is required.
    cal["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    cal.add("x-published-ttl", "PT6H")  # the same hint for Outlook and Google
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    first = last = None
    events_with_urls = list(events_with_urls)
    numbers = schedule.sequences([event for event, _url in events_with_urls])
    for event, url in events_with_urls:
        cal.add_component(event_component(event, url, host, numbers[event.translation_key]))
        first = min(first or event.start, event.start)
        last = max(last or event.end, event.end)
    if first is None:
        cal.add_missing_timezones()
    else:
        # Only the transitions the events need: a short VTIMEZONE that also works after 2037.
        cal.add_missing_timezones(
            first_date=(first - timedelta(days=366)).date(), last_date=(last + timedelta(days=366)).date()
        )
    one_rdate_per_line(cal)
    return cal


def event_ics(event, url, host):
    """Bytes of a one-event .ics file (download and e-mail attachment)."""
    return calendar([(event, url)], host, name=event.title, key=f"event/{event.translation_key}").to_ical()
