"""`make bench` (or `manage.py kuulu_bench participation_pages`): server time of the annual clock
and its feeds with 300 events in a year, measured in a throwaway test database.

Each URL is measured by home.bench.report_pages (median of 15 rounds after a warm-up).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from home.bench import bench_home, report_pages, scratch_database

EVENTS = 300
YEAR = 2030


def build(home=None, events=EVENTS):
    """A calendar under `home` (a new bench home page if None) with `events` events spread over
    about 350 days of YEAR; returns the calendar."""

    from wagtail.models import ReferenceIndex
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from participation_pages.models import (
        CalendarPage,
        EventFormat,
        EventPage,
        EventPageArea,
        EventPageTheme,
        Venue,
    )
    from taxonomy.models import Area, Theme

    home = home or bench_home()
    calendar = home.add_child(instance=CalendarPage(title="Vuosikello", slug="vuosikello"))
    formats = [
        EventFormat.objects.create(name=name, slug=name.lower(), colour=colour, sort_order=i)
        for i, (name, colour) in enumerate(
            [("Asukasilta", "#0b3d91"), ("Teemailta", "#7a1f5c"), ("Pop", "#8a4b00"), ("Paja", "#1e6b2f")]
        )
    ]
    majors = [Area.objects.create(name=f"Alue {i}", slug=f"alue-{i}") for i in range(5)]
    districts = [
        Area.objects.create(name=f"Osa {i}-{j}", slug=f"osa-{i}-{j}", parent=major)
        for i, major in enumerate(majors)
        for j in range(2)
    ]
    themes = [Theme.objects.create(name=f"Teema {i}", slug=f"teema-{i}") for i in range(8)]
    venue = Venue.objects.create(name="Kirjasto", street_address="Katu 1", postcode="99100", city="Järvelä")
    start = datetime(YEAR, 1, 2, 18, tzinfo=ZoneInfo("Europe/Helsinki"))
    modes = [
        EventPage.AttendanceMode.OFFLINE,
        EventPage.AttendanceMode.MIXED,
        EventPage.AttendanceMode.ONLINE,
    ]
    # Minutes, not hours: in whole hours the spacing was 0 above 8,400 events, which put a
    # "10,000-event year" on one day. 1,680 minutes (28 h) for 300 events, 504 (8.4 h) for 1,000.
    spacing = (24 * 60 * 350) // events
    for i in range(events):
        mode = modes[i % 3]
        event_start = start + timedelta(minutes=spacing * i, hours=i % 5)
        event = EventPage(
            title=f"Tapahtuma {i}",
            slug=f"tapahtuma-{i}",
            summary="Tule mukaan.",
            start=event_start,
            end=event_start + timedelta(hours=2),
            event_format=formats[i % len(formats)],
            attendance_mode=mode,
            venue=venue if mode != EventPage.AttendanceMode.ONLINE else None,
            online_url="https://meet.example.org/x" if mode != EventPage.AttendanceMode.OFFLINE else "",
            status=EventPage.Status.CANCELLED if i % 40 == 0 else EventPage.Status.SCHEDULED,
            area_links=[
                EventPageArea(area=districts[i % len(districts)]),
                EventPageArea(area=majors[i % 5]),
            ],
            theme_links=[EventPageTheme(theme=themes[i % len(themes)])],
        )
        # As tests/fixtures_events.py: Wagtail indexes the page's references again for each area
        # and theme link saved with it; built once instead, half the time of adding an event.
        with disable_reference_index_auto_update():
            calendar.add_child(instance=event)
        ReferenceIndex.create_or_update_for_object(event)
    return calendar


def run(command):
    command.stdout.write(f"Building {EVENTS} events in a throwaway database…")
    with scratch_database():
        base = build().url
        report_pages(
            command,
            [
                ("calendar, year view", f"{base}{YEAR}/"),
                ("calendar, filtered", f"{base}{YEAR}/?area=alue-1&mode=in-person"),
                ("calendar, upcoming", f"{base}upcoming/"),
                ("iCal feed", f"{base}ical/"),
                ("iCal feed, filtered", f"{base}ical/?area=alue-1"),
                ("RSS feed", f"{base}rss/"),
                ("screen view", f"{base}screen/"),
            ],
        )
