"""How event times and places read in listings, cards, feeds and screens (reader's language)."""

from django.utils import timezone

from home.i18n import date_formatter


def when_text(event, weekday=False):
    """'12.3.2027 klo 18.00–20.00' ('ti 12.3.2027 klo 18.00–20.00' with `weekday`), or start –
    end for an event over several days, in the active language and time zone."""
    return when_writer(weekday)(event)


def when_writer(weekday=False):
    """A function `event -> when_text(event, weekday)` with the active language's formats and
    time zone read once, for a listing's many events."""
    zone = timezone.get_current_timezone()
    day, moment, time_of_day = (
        date_formatter("D"),
        date_formatter("DATETIME_FORMAT"),
        date_formatter("TIME_FORMAT"),
    )

    def when(event):
        start, end = event.start.astimezone(zone), event.end.astimezone(zone)
        prefix = f"{day(start)} " if weekday else ""
        if start.date() == end.date():
            return f"{prefix}{moment(start)}–{time_of_day(end)}"
        end_prefix = f"{day(end)} " if weekday else ""
        return f"{prefix}{moment(start)} – {end_prefix}{moment(end)}"

    return when


def place_text(event):
    """The venue's name and/or 'Online'."""
    from participation_pages.models import EventPage

    places = []
    if event.venue_id and event.attendance_mode != EventPage.AttendanceMode.ONLINE:
        places.append(event.venue.name)
    if event.attendance_mode != EventPage.AttendanceMode.OFFLINE:
        places.append(str(EventPage.AttendanceMode.ONLINE.label))
    return " + ".join(places)
