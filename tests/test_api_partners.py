"""Issue 12: the events API for partners (filters that match the calendar, JSON errors,
bounded paging), CORS on the open data and the screen view in a signage player's frame."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from participation_pages.api import API_FILTERS
from participation_pages.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_events(make_event):
    now = timezone.now()
    return [
        make_event(title="Asukasilta keskustassa", start=now + timedelta(days=2), areas=["keskusta"]),
        make_event(title="Pop up torilla", start=now + timedelta(days=3), format="pop-up"),
        make_event(
            title="Sarjan ilta",
            start=now + timedelta(days=4),
            series=True,
            themes=["koulut"],
            mode=EventPage.AttendanceMode.ONLINE,
            symbol=False,
        ),
        make_event(
            title="Peruttu pop up",
            start=now + timedelta(days=5),
            format="pop-up",
            series=True,
            status=EventPage.Status.CANCELLED,
        ),
        make_event(title="Kaukana", start=now + timedelta(days=400)),
    ]


def api_titles(client, **params):
    response = client.get("/api/v2/events/", {"locale": "fi", "upcoming": "true", **params})
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])


def calendar_titles(client, calendar, **params):
    page = client.get(calendar.url + "upcoming/", params).content.decode()
    return sorted(re.findall(r'<h4 class="event-item__title"><a href="[^"]+">([^<]+)</a>', page))


def test_api_filters_return_exactly_what_the_calendar_shows(
    client, calendar_page, partner_events, event_refs
):
    series = event_refs["series"].slug
    cases = [
        ({"event_format": "pop-up"}, {"format": "pop-up"}),
        ({"series": series}, {"series": series}),
        ({"event_format": "pop-up", "series": series}, {"format": "pop-up", "series": series}),
        ({"area": "keskusta"}, {"area": "keskusta"}),
        ({"theme": "koulut"}, {"theme": "koulut"}),
        ({"mode": "online"}, {"mode": "online"}),
        ({"mode": "in-person"}, {"mode": "in-person"}),
        ({"symbol": "1"}, {"symbol": "1"}),
    ]
    # Every filter the API offers is among the cases (participation_pages.api.API_FILTERS).
    assert {name for api_params, _page in cases for name in api_params} == set(API_FILTERS)
    for api_params, page_params in cases:
        shown = calendar_titles(client, calendar_page["fi"], **page_params)
        assert shown, page_params
        assert api_titles(client, **api_params) == shown, api_params
    assert api_titles(client, event_format="pop-up") == ["Peruttu pop up", "Pop up torilla"]
    assert api_titles(client, series=series) == ["Peruttu pop up", "Sarjan ilta"]
    assert api_titles(client, theme="koulut") == ["Sarjan ilta"]
    assert "Sarjan ilta" not in api_titles(client, symbol="1")


def test_api_filters_by_date_range_and_status(client, partner_events):
    today = timezone.localdate()
    in_a_week = (today + timedelta(days=7)).isoformat()
    assert "Kaukana" not in api_titles(client, starts_before=in_a_week)
    assert api_titles(client, starts_from=in_a_week) == ["Kaukana"]
    assert api_titles(client, status="EventCancelled") == ["Peruttu pop up"]


@pytest.mark.parametrize(
    "params, word",
    [
        ({"event_format": "nope"}, "event_format"),
        ({"series": "12"}, "series"),
        ({"status": "Maybe"}, "status"),
        ({"starts_from": "1.1.2030"}, "starts_from"),
        ({"offset": "99999999999999999999999"}, "offset"),
        ({"offset": "1000001"}, "offset"),
        ({"limit": "99999999999999999999999"}, "limit"),
    ],
)
def test_api_answers_a_bad_parameter_with_a_json_400(client, params, word):
    response = Client(raise_request_exception=False).get("/api/v2/events/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert word in response.json()["message"]


@pytest.mark.parametrize(
    "url", ["/api/v2/pages/999999/", "/api/v2/events/999999/", "/api/v2/nothing/", "/api/v3/"]
)
def test_api_answers_an_unknown_address_with_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "message" in response.json()


def test_a_huge_offset_on_any_endpoint_is_a_400_not_a_500():
    client = Client(raise_request_exception=False)
    for endpoint in ("pages", "images", "documents", "events"):
        response = client.get(f"/api/v2/{endpoint}/", {"offset": str(2**64)})
        assert response.status_code == 400, endpoint


def test_api_feeds_and_open_data_allow_any_origin_to_read(
    client, calendar_page, make_event, directory_page, news_index
):
    event = make_event(title="Ilta")
    calendar = calendar_page["fi"].url
    readable = [
        "/api/v2/events/",
        "/api/v2/pages/",
        calendar + "ical/",
        calendar + "rss/",
        calendar + "atom/",
        calendar + "screen/",
        event.url + "ics/",
        news_index["fi"].url + "rss/",
        directory_page["fi"].url + "export/csv/",
        directory_page["fi"].url + "export/json/",
    ]
    origin = {"Origin": "https://widget.example.org"}
    for url in readable:
        response = client.get(url, headers=origin)
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert "Access-Control-Allow-Credentials" not in response, url
        if response.has_header("ETag"):  # a widget can poll with If-None-Match
            assert "ETag" in response["Access-Control-Expose-Headers"], url
    preflight = client.options("/api/v2/events/", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    # Pages and forms are not open to other origins.
    for url in (calendar, event.url, "/admin/login/"):
        assert "Access-Control-Allow-Origin" not in client.get(url, headers=origin), url


def test_screen_view_may_be_framed_by_listed_origins_only(client, calendar_page, settings):
    screen = calendar_page["fi"].url + "screen/"
    response = client.get(screen)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    settings.KUULU_SCREEN_FRAME_ANCESTORS = ["https://player.example.fi"]
    response = client.get(screen)
    assert "frame-ancestors https://player.example.fi" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    for url in (calendar_page["fi"].url, calendar_page["fi"].url + "upcoming/"):
        other = client.get(url)
        assert "frame-ancestors 'none'" in other["Content-Security-Policy"], url
        assert other["X-Frame-Options"] == "DENY", url
