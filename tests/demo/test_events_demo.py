"""Issue 3: the demo city's events load once, in three languages, relative to today."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from participation_pages.models import CalendarPage, EventPage

pytestmark = pytest.mark.django_db


def test_demo_events_are_a_translated_year_around_today(demo, client):
    now = timezone.now()
    calendars = {c.locale.language_code: c for c in CalendarPage.objects.live().select_related("locale")}
    assert set(calendars) == {"fi", "sv", "en"}
    assert all(c.show_in_menus for c in calendars.values())
    events = {code: list(EventPage.objects.live().filter(locale__language_code=code)) for code in calendars}
    assert len(events["fi"]) >= 20
    assert len(events["sv"]) == len(events["en"]) == len(events["fi"])

    fi = events["fi"]
    formats = {e.event_format.slug for e in fi}
    assert formats == {"asukasilta", "teemailta", "town-hall", "pop-up", "paneeli", "yhdistykset"}
    evenings = [e for e in fi if e.event_format.slug == "asukasilta"]
    assert len(evenings) >= 10
    assert {a.parent_id for e in evenings for a in e.areas} == {None}  # by major area
    assert len({a.slug for e in evenings for a in e.areas}) == 5
    assert any(e.attendance_mode == EventPage.AttendanceMode.MIXED for e in evenings)
    assert sum(e.start < now for e in fi) >= 2
    assert sum(now < e.start < now + timedelta(days=365) for e in fi) >= 15
    assert any(e.programme and any(b.value["kind"] == "parallel" for b in e.programme) for e in fi)
    assert any(e.is_cancelled for e in fi)
    assert any(e.shows_follow_up for e in fi)
    assert any(e.is_past and not e.has_follow_up for e in fi)  # shows up in "follow-ups due"
    meet_ups = [e for e in fi if e.series_id]
    assert len(meet_ups) == 2

    # every language's calendar and events render, and the Swedish ones are really Swedish
    for code, calendar in calendars.items():
        assert client.get(calendar.url).status_code == 200
        assert client.get(events[code][0].url).status_code == 200
    assert any(e.title.startswith("Invånarkväll") for e in events["sv"])
    home = client.get("/sv/").content.decode()
    assert (
        f'<p class="section__more"><a href="{calendars["sv"].url}">' in home
    )  # "see all" under upcoming events
    cards = re.search(r'<section class="section".*?</section>', home, re.S).group(0)
    assert len(re.findall(r'<li class="card card--media', cards)) == 4
    assert cards.count('<img class="card__image"') == 4  # every demo event has its picture
    model_page = client.get("/en/how-resident-participation-works/").content.decode()
    cta = re.search(r'<(?:div|aside|section) class="cta".*?</(?:div|aside|section)>', model_page, re.S).group(
        0
    )
    assert f'href="{calendars["en"].url}"' in cta

    call_command("load_demo", verbosity=0)
    assert EventPage.objects.count() == 3 * len(fi)


def test_every_demo_event_names_its_organizer_with_a_url_and_has_an_image_in_its_json_ld(
    demo, client, rendered_by_path
):
    """Issue 12: search engines saw 69 of 72 events without an image and every organizer without
    a URL. Every live demo event, in every language, now has both in its schema.org Event (read
    from the page set's response, tests/demo/conftest.py, where it has the event's page)."""
    import extruct

    events = list(EventPage.objects.live().select_related("locale"))
    assert len(events) >= 60
    for event in events:
        rendered = rendered_by_path.get(event.url)
        html = rendered.html if rendered else client.get(event.url).content.decode()
        data = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
        (found,) = [item for item in data if item["@type"] == "Event"]
        organizers = found["organizer"] if isinstance(found["organizer"], list) else [found["organizer"]]
        assert any(organizer.get("url") for organizer in organizers), event.url
        assert found["image"].startswith("http"), event.url


def test_the_city_day_is_one_day_mark_linked_to_its_13_stands(demo, client):
    """Issue 15: the city day's 13 stands on one Saturday are one day mark in the annual clock,
    named with the count and linking to exactly those 13 events."""
    stands = list(
        EventPage.objects.live().filter(locale__language_code="fi", slug__startswith="kaupunkipaiva-")
    )
    assert len(stands) == 13
    day = timezone.localtime(stands[0].start).date()
    calendar = CalendarPage.objects.live().get(locale__language_code="fi")
    html = client.get(f"{calendar.url}{day.year}/").content.decode()
    ident = f"wheel-day-{day.isoformat()}"
    marks = re.findall(
        rf'<a href="([^"]+)" aria-labelledby="{ident}"><title id="{ident}">([^<]+)</title>', html
    )
    assert len(marks) == 1 and marks[0][1].endswith(": 13 tapahtumaa")
    listed = client.get(marks[0][0]).content.decode()
    titles = re.findall(r'<h4 class="event-item__title"><a href="[^"]+">([^<]+)</a></h4>', listed)
    assert sorted(titles) == sorted(stand.title for stand in stands)
