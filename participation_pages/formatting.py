"""How event times and places read in listings, cards, feeds and screens (reader's language)."""

from django.utils import timezone

from home.i18n import format_date as date_format


def when_text(event, weekday=False):
    """'12.3.2027 klo 18.00–20.00', or start – end for an event over several days."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    prefix = f"{date_format(start, 'D')} " if weekday else ""
    if start.date() == end.date():
        return f"{prefix}{date_format(start, 'DATETIME_FORMAT')}–{date_format(end, 'TIME_FORMAT')}"
    end_prefix = f"{date_format(end, 'D')} " if weekday else ""
    return (
        f"{prefix}{date_format(start, 'DATETIME_FORMAT')} – {end_prefix}{date_format(end, 'DATETIME_FORMAT')}"
    )


def place_text(event):
    """The venue's name and/or 'Online'."""
    from participation_pages.models import EventPage

    places = []
    if event.venue_id and event.attendance_mode != EventPage.AttendanceMode.ONLINE:
        places.append(event.venue.name)
    if event.attendance_mode != EventPage.AttendanceMode.OFFLINE:
        places.append(str(EventPage.AttendanceMode.ONLINE.label))
    return " + ".join(places)
