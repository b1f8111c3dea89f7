"""Issue 3: the annual clock's year view, filters, wheel and subscription links, over one set of
events made once for the module (each test rolls back to it)."""

import re

import pytest

from participation_pages.models import EventPage
from tests.fixtures_events import helsinki
from tests.test_events_calendar import get_titles, listed_titles, wheel_links

pytestmark = pytest.mark.django_db

MIXED = EventPage.AttendanceMode.MIXED
ONLINE = EventPage.AttendanceMode.ONLINE


@pytest.fixture(scope="module")
def year_events(module_make_event):
    """Events of 2030 that differ in one respect each, plus one in 2029 and one in 2031 (made once
    for the module: every later test of the module sees them too)."""
    make_event = module_make_event
    return {
        "centre": make_event(title="Keskustan ilta", start=helsinki(2030, 2, 5, 18), areas=["keskusta"]),
        "district": make_event(
            title="Torinrannan ilta", start=helsinki(2030, 3, 5, 18), areas=["torinranta"]
        ),
        "north": make_event(title="Koivikon ilta", start=helsinki(2030, 4, 5, 18), areas=["koivikko"]),
        "theme": make_event(
            title="Kouluilta", start=helsinki(2030, 5, 5, 18), format="teemailta", themes=["koulut"]
        ),
        "hybrid": make_event(
            title="Hybridi-ilta", start=helsinki(2030, 6, 5, 18), mode=MIXED, areas=["keskusta"]
        ),
        "online": make_event(title="Etäilta", start=helsinki(2030, 8, 5, 18), mode=ONLINE),
        "nosymbol": make_event(title="Tiedotustilaisuus", start=helsinki(2030, 9, 5, 18), symbol=False),
        "popup": make_event(
            title="Pop up torilla", start=helsinki(2030, 10, 5, 12), format="pop-up", series=True
        ),
        "cancelled": make_event(
            title="Peruttu ilta", start=helsinki(2030, 11, 5, 18), status=EventPage.Status.CANCELLED
        ),
        "before": make_event(title="Edellisen vuoden ilta", start=helsinki(2029, 12, 1, 18)),
        "after": make_event(title="Seuraavan vuoden ilta", start=helsinki(2031, 1, 20, 18)),
    }


def test_year_view_shows_that_year_by_month_with_previous_and_next_links(client, calendar_page, year_events):
    url = calendar_page["fi"].url + "2030/"
    response = client.get(url)
    html = response.content.decode()
    titles = listed_titles(html)
    assert titles == [
        "Keskustan ilta",
        "Torinrannan ilta",
        "Koivikon ilta",
        "Kouluilta",
        "Hybridi-ilta",
        "Etäilta",
        "Tiedotustilaisuus",
        "Pop up torilla",
        "Peruttu ilta",
    ]
    months = re.findall(r'<h3 class="month__heading" id="month-(\d{4}-\d\d)">', html)
    assert months == [
        "2030-02",
        "2030-03",
        "2030-04",
        "2030-05",
        "2030-06",
        "2030-08",
        "2030-09",
        "2030-10",
        "2030-11",
    ]
    assert 'href="/fi/vuosikello/2029/" rel="prev"' in html
    assert 'href="/fi/vuosikello/2031/" rel="next"' in html
    assert listed_titles(client.get(calendar_page["fi"].url + "2029/").content.decode()) == [
        "Edellisen vuoden ilta"
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"format": "teemailta"}, {"theme"}),
        ({"format": "pop-up"}, {"popup"}),
        # a major area includes its districts
        ({"area": "keskusta"}, {"centre", "district", "hybrid"}),
        # a district also shows events of its whole major area, not of its sibling districts
        ({"area": "torinranta"}, {"centre", "district", "hybrid"}),
        ({"area": "asemanseutu"}, {"centre", "hybrid"}),
        ({"area": "pohjoinen"}, {"north"}),
        ({"theme": "koulut"}, {"theme"}),
        # hybrid events serve both those who come and those who join online
        ({"mode": "online"}, {"hybrid", "online"}),
        ({"mode": "hybrid"}, {"hybrid"}),
        ({"series": "yhdistystreffit"}, {"popup"}),
        # the symbol filter leaves out unflagged and cancelled events
        (
            {"symbol": "1"},
            {"centre", "district", "north", "theme", "hybrid", "online", "popup"},
        ),
        # combinations narrow down
        ({"area": "keskusta", "mode": "in-person"}, {"centre", "district", "hybrid"}),
        ({"area": "keskusta", "mode": "online"}, {"hybrid"}),
        ({"area": "keskusta", "format": "teemailta"}, set()),
        (
            {"format": "asukasilta", "symbol": "1", "mode": "in-person"},
            {"centre", "district", "north", "hybrid"},
        ),
    ],
)
def test_filters(client, calendar_page, year_events, params, expected):
    titles = set(get_titles(client, calendar_page["fi"].url + "2030/", **params))
    assert titles == {year_events[key].title for key in expected}


def test_in_person_filter_leaves_out_online_only_events(client, calendar_page, year_events):
    titles = set(get_titles(client, calendar_page["fi"].url + "2030/", mode="in-person"))
    assert "Etäilta" not in titles
    assert {"Keskustan ilta", "Hybridi-ilta"} <= titles


def test_filters_survive_in_links_and_the_form_shows_them(client, calendar_page, year_events):
    html = client.get(
        calendar_page["fi"].url + "2030/", {"area": "keskusta", "mode": "online"}
    ).content.decode()
    assert 'href="/fi/vuosikello/2031/?area=keskusta&amp;mode=online" rel="next"' in html
    assert 'href="/fi/vuosikello/upcoming/?area=keskusta&amp;mode=online"' in html
    assert re.search(r'<option value="keskusta" selected>', html)
    assert re.search(r'<option value="online" selected>', html)
    assert ">Keskusta, koko alue</option>" in html


def test_unknown_filter_value_gets_an_error_summary_and_the_rest_still_applies(
    client, calendar_page, year_events
):
    response = client.get(calendar_page["fi"].url + "2030/", {"area": "atlantis", "format": "pop-up"})
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'href="#id_area"' in summary
    assert listed_titles(html) == ["Pop up torilla"]


def test_wheel_marks_are_named_links_to_every_event(client, calendar_page, year_events):
    html = client.get(calendar_page["fi"].url + "2030/").content.decode()
    links = wheel_links(html)
    assert len(links) == 9
    by_href = {href: name for href, _id, name in links}
    cancelled = year_events["cancelled"]
    assert cancelled.url in by_href
    assert by_href[cancelled.url].startswith("Peruttu ilta, 5.11.2030 klo 18.00, Asukasilta")
    assert by_href[cancelled.url].endswith("Peruttu")  # status in the accessible name
    assert 'class="wheel__mark wheel__mark--hollow"' in html
    assert 'href="#calendar-list"' in html and 'id="calendar-list"' in html
    legend = re.search(r'<ul class="wheel__legend".*?</ul>', html, re.S).group(0)
    # every format is named next to its shape; colour is never the only cue
    for name in ("Asukasilta (7)", "Teemailta (1)", "Pop up (1)"):
        assert name in legend
    assert len(set(re.findall(r'<path d="([^"]+)"', legend))) == 3


def test_subscription_is_advertised_with_the_same_filters(client, calendar_page, year_events):
    html = client.get(
        calendar_page["fi"].url + "2030/", {"area": "keskusta", "format": "asukasilta"}
    ).content.decode()
    feed = "http://testserver/fi/vuosikello/ical/?format=asukasilta&amp;area=keskusta"
    assert re.search(
        rf'<link rel="alternate" type="text/calendar" title="[^"]+" href="{re.escape(feed)}">', html
    )
    assert 'href="webcal://testserver/fi/vuosikello/ical/?format=asukasilta&amp;area=keskusta"' in html
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html
