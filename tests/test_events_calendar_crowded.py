"""Issue 15: a crowded day in the annual clock is one day mark with its count, named in the
reader's language and linked to the list of that day's events (filters kept); the wheel's HTML
stays small at 10,000 events a year. Events are made once for the module."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from participation_pages import wheel
from participation_pages.models import EventPage
from tests.fixtures_events import helsinki
from tests.test_events_calendar import _fake_events, listed_titles, wheel_links

pytestmark = pytest.mark.django_db

CROWDED = wheel.MAX_LANES + 1  # more than a day leaves free in an empty year
IN_CENTRE = CROWDED - 2  # of them filed under keskusta: still crowded when filtered by area
DAY_NAMES = {
    "fi": "tiistai 5.3.2030: 15 tapahtumaa",
    "sv": "tisdag 5 mars 2030: 15 evenemang",
    "en": "15 events on Tuesday 5 March 2030",
}


@pytest.fixture(scope="module")
def crowded(module_site, module_make_event):
    """Tuesday 5 March 2030: 15 Finnish events (13 in keskusta), one on the 6th and one on the
    4th; in the sv and en calendars 15 events that day too (made in place: no translation run)."""
    for i in range(CROWDED):
        module_make_event(
            title=f"Ruuhkailta {i:02d}",
            start=helsinki(2030, 3, 5, 8 + i % 12, 0),
            areas=["keskusta"] if i < IN_CENTRE else [],
            revision=False,
        )
    module_make_event(title="Seuraavan päivän ilta", start=helsinki(2030, 3, 6, 18), revision=False)
    module_make_event(title="Edellisen päivän ilta", start=helsinki(2030, 3, 4, 23, 30), revision=False)
    for language in ("sv", "en"):
        calendar = Page.objects.get(pk=module_site["ids"]["calendar_page"][language])
        for i in range(CROWDED):
            start = helsinki(2030, 3, 5, 8 + i % 12)
            calendar.add_child(
                instance=EventPage(
                    title=f"Crowd {language} {i}",
                    slug=f"crowd-{language}-{i}",
                    summary="-",
                    start=start,
                    end=start + timedelta(hours=1),
                    event_format_id=module_site["ids"]["formats"]["asukasilta"][language],
                    attendance_mode=EventPage.AttendanceMode.ONLINE,
                    online_url="https://meet.example.org/crowd",
                )
            )


def day_marks(html):
    """[(href, accessible name, count shown)] of the wheel's day marks."""
    svg = re.search(r'<svg class="wheel__svg".*?</svg>', html, re.S).group(0)
    return re.findall(
        r'<a href="([^"]+)" aria-labelledby="(wheel-day-[^"]+)"><title id="\2">([^<]+)</title>'
        r'.*?<text class="wheel__day-count[^"]*"[^>]*>(\d+)</text></a>',
        svg,
    )


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_crowded_day_is_one_day_mark_with_its_count_named_in_the_readers_language(
    client, calendar_page, crowded, language
):
    html = client.get(calendar_page[language].url + "2030/").content.decode()
    (href, _, name, count), *others = [
        (href, ident, name, count) for href, ident, name, count in day_marks(html)
    ]
    assert others == []
    assert count == str(CROWDED) and name == DAY_NAMES[language]
    assert href == calendar_page[language].url + "2030/3/5/"
    # the day's events have no mark of their own; every other event has
    own = [label for _, ident, label in wheel_links(html) if not ident.startswith("wheel-day-")]
    assert len(own) == (2 if language == "fi" else 0)
    assert not any("5.3.2030" in label for label in own)
    # the legend and the caption explain the day mark, the centre counts every event
    assert "wheel__legend" in html and html.count('class="wheel__day"') == 2
    total = CROWDED + 2 if language == "fi" else CROWDED
    assert f'<text class="wheel__total" x="500" y="540">{total} ' in html
    # the day's list is headed by the same words
    day_page = client.get(href).content.decode()
    heading = DAY_NAMES[language][0].upper() + DAY_NAMES[language][1:]
    assert f'<h2 id="results-heading">{heading}</h2>' in day_page
    assert len(listed_titles(day_page)) == CROWDED


def test_the_day_marks_link_lists_exactly_that_days_events(client, calendar_page, crowded):
    html = client.get(calendar_page["fi"].url + "2030/").content.decode()
    ((href, _, _, _),) = day_marks(html)
    response = client.get(href)
    assert response.status_code == 200
    page = response.content.decode()
    assert sorted(listed_titles(page)) == [f"Ruuhkailta {i:02d}" for i in range(CROWDED)]
    assert re.search(r"<h1>[^<]*: tiistai 5\.3\.2030</h1>", page)
    assert '<h2 id="results-heading">Tiistai 5.3.2030: 15 tapahtumaa</h2>' in page
    assert f'href="{calendar_page["fi"].url}2030/"' in page  # back to the year


def test_the_day_marks_link_keeps_the_active_filters(client, calendar_page, crowded):
    html = client.get(calendar_page["fi"].url + "2030/", {"area": "keskusta"}).content.decode()
    ((href, _, name, count),) = day_marks(html)
    assert count == str(IN_CENTRE) and name.endswith(f"{IN_CENTRE} tapahtumaa")
    assert href == calendar_page["fi"].url + "2030/3/5/?area=keskusta"
    listed = listed_titles(client.get(href.replace("&amp;", "&")).content.decode())
    assert sorted(listed) == [f"Ruuhkailta {i:02d}" for i in range(IN_CENTRE)]


def test_a_day_with_room_keeps_its_own_marks(client, calendar_page, crowded):
    html = client.get(calendar_page["fi"].url + "2030/", {"format": "asukasilta"}).content.decode()
    titles = [label.split(",")[0] for _, _, label in wheel_links(html)]
    assert "Seuraavan päivän ilta" in titles and "Edellisen päivän ilta" in titles


def test_day_view_refuses_a_day_that_does_not_exist_and_reports_a_bad_filter(client, calendar_page, crowded):
    url = calendar_page["fi"].url
    assert client.get(url + "2030/2/30/").status_code == 404
    assert client.get(url + "1999/3/5/").status_code == 404
    assert client.get(url + "2030/99999999999999999999/5/").status_code == 404
    response = client.get(url + "2030/3/5/", {"area": "atlantis"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html and len(listed_titles(html)) == CROWDED


def test_day_marks_do_not_add_queries(client, calendar_page, crowded, module_make_event):
    """The year view runs as many queries with a day mark as without (2031: as many events, a day each)."""
    for i in range(CROWDED):
        start = helsinki(2031, 3, 5, 18) + timedelta(days=4 * i)
        module_make_event(
            title="Hiljainen ilta", start=start, areas=["keskusta"] if i < IN_CENTRE else [], revision=False
        )
    url = calendar_page["fi"].url

    def queries(path, **params):
        client.get(url + path, params)  # what pages reuse between requests
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url + path, params).status_code == 200
        return len(captured)

    assert queries("2030/", area="keskusta") == queries("2031/", area="keskusta")
    assert queries("2030/") == queries("2031/")


def test_the_wheel_at_10000_events_a_year_is_small():
    """10,000 events a year were 3.5 MB of wheel; one day mark a crowded day keeps it under 120 kB."""
    events, formats = _fake_events(10_000)
    for event in events:
        event.url = f"/fi/vuosikello/{event.pk}/"
    with translation.override("fi"):
        drawn = wheel.build(2030, events, formats, str, day_link=lambda day, n: (f"/fi/{day}/", f"{n} {day}"))
        html = render_to_string("participation_pages/includes/wheel.html", {"wheel": drawn, "year": 2030})
    assert len(html.encode()) < 120_000
    counts = [int(n) for href, ident, name, n in day_marks(html)]
    assert len(counts) == len(drawn.day_marks) and sum(counts) == 10_000
