"""Issue 10: one filter layer — the same answer to an unknown filter value on every listing,
feed, export and API endpoint, and the same area rule in every listing filtered by area."""

import re
from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from participation_pages.filters import EventFilterSet
from participation_pages.models import EventPage
from tests.fixtures_events import helsinki

pytestmark = pytest.mark.django_db

UNKNOWN = "atlantis"

# (endpoint, fixture giving {language: page} or None for the API, path under the page, parameter)
HTML_PAGES = [
    ("calendar year", "calendar_page", "2030/", "area"),
    ("calendar day", "calendar_page", "2030/3/5/", "theme"),
    ("calendar upcoming", "calendar_page", "upcoming/", "theme"),
    ("calendar past", "calendar_page", "past/", "format"),
    ("screen view", "calendar_page", "screen/", "area"),
    ("topics", "topic_index", "", "area"),
    ("directory", "directory_page", "", "region"),
    ("practice models", "practice_index", "", "region"),
]
PLAIN_TEXT = [
    ("iCal feed", "calendar_page", "ical/", "area"),
    ("RSS feed", "calendar_page", "rss/", "area"),
    ("Atom feed", "calendar_page", "atom/", "mode"),
    ("directory CSV", "directory_page", "export/csv/", "region"),
    ("directory JSON", "directory_page", "export/json/", "field"),
]
API = [("events API", None, "/api/v2/events/", "area")]


def _url(request, fixture, path):
    if fixture is None:
        return path
    return request.getfixturevalue(fixture)["fi"].url + path


@pytest.mark.parametrize(
    ("endpoint", "fixture", "path", "parameter", "answer"),
    [(*case, "error summary") for case in HTML_PAGES]
    + [(*case, "400 text") for case in PLAIN_TEXT]
    + [(*case, "400 JSON") for case in API],
    ids=lambda value: value if isinstance(value, str) and " " in value else None,
)
def test_unknown_filter_value_gets_the_same_answer_everywhere(
    client, request, site_tree, endpoint, fixture, path, parameter, answer
):
    response = client.get(_url(request, fixture, path), {parameter: UNKNOWN})
    text = response.content.decode()
    if answer == "error summary":
        assert response.status_code == 200  # the page still renders, with the other filters
        summary = re.search(r'<div class="error-summary".*?</div>', text, re.S).group(0)
        assert f"”{UNKNOWN}” ei ole valittavissa." in summary
        if endpoint != "screen view":  # the screen shows no form to link to
            assert f'href="#id_{parameter}"' in summary
            assert re.search(rf'<select name="{parameter}"[^>]*id="id_{parameter}"', text)
    elif answer == "400 text":
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert text.startswith("Osoitteen rajauksessa on arvo, jota ei ole:")
        assert f"({parameter}): Arvoa ”{UNKNOWN}” ei ole valittavissa." in text
    else:
        assert response.status_code == 400
        message = response.json()["message"]
        assert f"({parameter})" in message and UNKNOWN in message


def test_the_other_filters_still_apply_beside_an_unknown_value(client, topic_index, make_topic):
    make_topic(title=("Avoin asia", "Öppen fråga", "Open matter"), status="open")
    make_topic(title=("Päätetty asia", "Beslutad fråga", "Decided matter"), status="decided")
    html = client.get(topic_index["fi"].url, {"status": "decided", "theme": UNKNOWN}).content.decode()
    assert 'href="#id_theme"' in html
    assert "Päätetty asia" in html and "Avoin asia" not in html


# The area rule: items filed under the major area Keskusta, its districts Torinranta and
# Asemanseutu, and Koivikko, a district of the major area Pohjoinen.
FILED = {
    "Keskusta": "keskusta",
    "Torinranta": "torinranta",
    "Asemanseutu": "asemanseutu",
    "Koivikko": "koivikko",
}
AREA_RULE = [
    ("keskusta", {"Keskusta", "Torinranta", "Asemanseutu"}),  # a major area with its districts
    ("torinranta", {"Torinranta", "Keskusta"}),  # a district with its major area, not its siblings
    ("pohjoinen", {"Koivikko"}),
    ("koivikko", {"Koivikko"}),
]


def _event_titles(client, request):
    make_event = request.getfixturevalue("make_event")
    start = timezone.now() + timedelta(days=2)
    for n, (title, slug) in enumerate(FILED.items()):
        make_event(title=title, start=start + timedelta(days=n), areas=[slug], revision=False)
    url = request.getfixturevalue("calendar_page")["fi"].url + "upcoming/"
    return lambda area: set(
        re.findall(r'<h4 class="event-item__title"><a [^>]*>([^<]+)</a>', _get(client, url, area))
    )


def _topic_titles(client, request):
    make_topic = request.getfixturevalue("make_topic")
    for title, slug in FILED.items():
        make_topic(title=(title, title, title), areas=[slug])
    url = request.getfixturevalue("topic_index")["fi"].url
    return lambda area: set(
        re.findall(r'<h3 class="card__title"><a [^>]*>([^<]+)</a>', _get(client, url, area))
    )


def _get(client, url, area):
    response = client.get(url, {"area": area})
    assert response.status_code == 200
    assert "error-summary" not in response.content.decode()
    return response.content.decode()


@pytest.mark.parametrize("listing", [_event_titles, _topic_titles], ids=["events", "topics"])
def test_every_listing_filtered_by_area_follows_the_same_area_rule(client, request, listing):
    titles = listing(client, request)
    for area, expected in AREA_RULE:
        assert titles(area) == expected, area


def test_a_filter_set_offers_its_filters_under_other_parameter_names(calendar_page, make_event):
    """The API's filters are the calendar's, offered through `with_parameters` (a later issue
    renames `format`, which collides with DRF's own parameter)."""
    make_event(title="Pop up torilla", start=helsinki(2030, 5, 1, 12), format="pop-up", revision=False)
    make_event(title="Asukasilta", start=helsinki(2030, 5, 2, 18), revision=False)
    renamed = EventFilterSet.with_parameters({"event_format": "format", "area": "area"})
    locale = calendar_page["fi"].locale

    def titles(query):
        filters = renamed(QueryDict(query), EventPage.objects.filter(locale=locale), locale=locale)
        assert not filters.errors
        return sorted(filters.qs.values_list("title", flat=True))

    assert titles("event_format=pop-up") == ["Pop up torilla"]
    assert titles("format=pop-up") == ["Asukasilta", "Pop up torilla"]  # not a parameter of this set
    bad = renamed(QueryDict("event_format=nope"), EventPage.objects.all(), locale=locale)
    assert "(event_format)" in bad.error_message()
