"""Issue 3: iCalendar feed and .ics downloads (parsed with icalendar), RSS and Atom."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from defusedxml.ElementTree import fromstring
from django.utils import timezone
from icalendar import Calendar

from participation_pages.models import EventPage
from tests.fixtures_events import helsinki

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents(cal):
    return list(cal.walk("VEVENT"))


def test_feed_of_a_filtered_view_contains_exactly_the_events_of_that_view(client, calendar_page, make_event):
    now = timezone.now()
    make_event(title="Keskusta, ilta", start=now + timedelta(days=3), areas=["keskusta"])
    make_event(
        title="Torinranta, ilta",
        start=now + timedelta(days=5),
        areas=["torinranta"],
        mode="MixedEventAttendanceMode",
    )
    make_event(title="Keskusta, pop up", start=now + timedelta(days=6), areas=["keskusta"], format="pop-up")
    make_event(title="Koivikko, ilta", start=now + timedelta(days=7), areas=["koivikko"])
    make_event(
        title="Keskusta, etänä",
        start=now + timedelta(days=8),
        areas=["keskusta"],
        mode="OnlineEventAttendanceMode",
    )
    base = calendar_page["fi"].url
    for params in (
        {},
        {"area": "keskusta"},
        {"area": "keskusta", "format": "asukasilta"},
        {"area": "keskusta", "mode": "in-person"},
    ):
        page = client.get(base + "upcoming/", params).content.decode()
        shown = re.findall(r'<h4 class="event-item__title"><a href="([^"]+)">', page)
        feed = vevents(parse(client.get(base + "ical/", params)))
        in_feed = [str(e["URL"]).replace("http://testserver", "") for e in feed]
        assert sorted(in_feed) == sorted(shown), params
        assert shown, params
    assert {
        str(e["SUMMARY"])
        for e in vevents(parse(client.get(base + "ical/", {"area": "keskusta", "mode": "in-person"})))
    } == {
        "Keskusta, ilta",
        "Torinranta, ilta",
        "Keskusta, pop up",
    }


def test_feed_event_carries_place_description_with_url_and_a_stable_uid(client, calendar_page, make_event):
    event = make_event(
        title=("Teemailta kouluista", "Temakväll om skolor", "Theme evening on schools"),
        start=helsinki(2030, 3, 12, 18),
        mode="MixedEventAttendanceMode",
        translate_to_all=True,
    )
    fi = vevents(parse(client.get(calendar_page["fi"].url + "ical/")))[0]
    sv = vevents(parse(client.get(calendar_page["sv"].url + "ical/")))[0]
    assert str(fi["SUMMARY"]) == "Teemailta kouluista"
    assert str(sv["SUMMARY"]) == "Temakväll om skolor"
    # one event, one UID: a person who subscribed in Swedish and downloaded in Finnish sees it once
    assert fi["UID"] == sv["UID"] == f"{event.translation_key}@testserver"
    assert fi["UID"] == vevents(parse(client.get(calendar_page["fi"].url + "ical/")))[0]["UID"]
    url = "http://testserver" + event.url
    assert str(fi["URL"]) == url
    assert url in str(fi["DESCRIPTION"])
    assert "Kirjastokatu 1, 99100 Järvelä" in str(fi["LOCATION"])
    assert "https://meet.example.org/ilta" in str(fi["LOCATION"])
    assert fi["STATUS"] == "CONFIRMED"


def test_cancelled_event_is_cancelled_in_the_feed_and_the_ics(client, calendar_page, make_event):
    event = make_event(
        title="Peruttu asukasilta", start=helsinki(2030, 4, 1, 18), status=EventPage.Status.CANCELLED
    )
    for response in (client.get(calendar_page["fi"].url + "ical/"), client.get(event.url + "ics/")):
        component = vevents(parse(response))[0]
        assert component["STATUS"] == "CANCELLED"
        assert "Peruttu asukasilta" in str(component["SUMMARY"])


def test_every_event_has_an_ics_download_that_parses(client, make_event):
    event = make_event(title="Pop up torilla", format="pop-up", start=helsinki(2030, 6, 2, 11))
    response = client.get(event.url + "ics/")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    (component,) = vevents(parse(response))
    assert str(component["SUMMARY"]) == "Pop up torilla"
    assert component.decoded("DTSTART") == helsinki(2030, 6, 2, 11)
    assert "http://testserver" + event.url in str(component["DESCRIPTION"])
    assert [str(c) for c in component["CATEGORIES"].cats] == ["Pop up"]


def test_times_stay_right_across_the_end_of_summer_time(client, calendar_page, make_event):
    # Summer time ends on Sunday 27 October 2030 at 04:00 EEST (UTC+3) -> 03:00 EET (UTC+2).
    overnight = make_event(title="Yön yli", start=helsinki(2030, 10, 26, 20), end=helsinki(2030, 10, 27, 10))
    after = make_event(title="Viikkoa myöhemmin", start=helsinki(2030, 10, 29, 18))
    for response in (client.get(calendar_page["fi"].url + "ical/"), client.get(overnight.url + "ics/")):
        cal = parse(response)
        events = {str(e["SUMMARY"]): e for e in vevents(cal)}
        night = events["Yön yli"]
        assert night["DTSTART"].params["TZID"] == "Europe/Helsinki"
        start, end = night.decoded("DTSTART"), night.decoded("DTEND")
        assert start.utcoffset() == timedelta(hours=3)
        assert end.utcoffset() == timedelta(hours=2)
        assert start.astimezone(UTC) == datetime(2030, 10, 26, 17, 0, tzinfo=UTC)
        assert end.astimezone(UTC) == datetime(2030, 10, 27, 8, 0, tzinfo=UTC)
        assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(
            hours=15
        )  # the night is an hour longer
        # the VTIMEZONE in the file itself describes the change, for apps without a tz database
        (vtimezone,) = cal.walk("VTIMEZONE")
        assert vtimezone["TZID"] == "Europe/Helsinki"
        transitions = {(c["TZOFFSETFROM"].td, c["TZOFFSETTO"].td) for c in vtimezone.subcomponents}
        assert (timedelta(hours=3), timedelta(hours=2)) in transitions
    later = {str(e["SUMMARY"]): e for e in vevents(parse(client.get(calendar_page["fi"].url + "ical/")))}
    assert later["Viikkoa myöhemmin"].decoded("DTSTART").astimezone(UTC) == datetime(
        2030, 10, 29, 16, 0, tzinfo=UTC
    )
    assert after.start == helsinki(2030, 10, 29, 18)


def test_feed_with_an_unknown_filter_says_what_is_wrong(client, calendar_page):
    response = client.get(calendar_page["fi"].url + "ical/", {"area": "atlantis"})
    assert response.status_code == 400
    assert "area" in response.content.decode()


def test_feed_keeps_last_year_but_not_older(client, calendar_page, make_event):
    now = timezone.now()
    make_event(title="Viime kuussa", start=now - timedelta(days=30))
    make_event(title="Kaksi vuotta sitten", start=now - timedelta(days=800))
    titles = {str(e["SUMMARY"]) for e in vevents(parse(client.get(calendar_page["fi"].url + "ical/")))}
    assert titles == {"Viime kuussa"}


def test_rss_and_atom_list_upcoming_events_with_filters(client, calendar_page, make_event):
    now = timezone.now()
    make_event(title="Mennyt", start=now - timedelta(days=3))
    soon = make_event(title="Pian", start=now + timedelta(days=2), areas=["keskusta"])
    make_event(
        title="Myöhemmin",
        start=now + timedelta(days=9),
        areas=["koivikko"],
        status=EventPage.Status.CANCELLED,
    )
    rss = client.get(calendar_page["fi"].url + "rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = fromstring(rss.content).find("channel")
    assert channel.findtext("language") == "fi"
    items = channel.findall("item")
    assert [i.findtext("title").split(" (")[0] for i in items] == ["Pian", "Peruttu: Myöhemmin"]
    assert items[0].findtext("link") == "http://testserver" + soon.url

    atom = client.get(calendar_page["fi"].url + "atom/", {"area": "keskusta"})
    assert atom["Content-Type"].startswith("application/atom+xml")
    entries = fromstring(atom.content).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title").split(" (")[0] for e in entries] == ["Pian"]
