"""Issue 3: the annual clock — year view, filters, upcoming/past, pagination, the wheel, queries."""

import math
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from participation_pages import wheel
from participation_pages.models import EventPage
from tests.fixtures_events import helsinki

pytestmark = pytest.mark.django_db

MIXED = EventPage.AttendanceMode.MIXED
ONLINE = EventPage.AttendanceMode.ONLINE


def listed_titles(html):
    """Titles of the events in the month list, in order."""
    return re.findall(r'<h4 class="event-item__title"><a href="[^"]+">([^<]+)</a></h4>', html)


def wheel_links(html):
    svg = re.search(r'<svg class="wheel__svg".*?</svg>', html, re.S).group(0)
    # each mark is a link named by its <title> (also the tooltip for mouse users)
    return re.findall(r'<a href="([^"]+)" aria-labelledby="([^"]+)"><title id="\2">([^<]+)</title>', svg)


def get_titles(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return listed_titles(response.content.decode())


def test_event_spanning_new_year_belongs_to_both_years(client, calendar_page, make_event):
    make_event(title="Uudenvuoden valvojaiset", start=helsinki(2030, 12, 31, 20), hours=6)
    for year in (2030, 2031):
        assert get_titles(client, calendar_page["fi"].url + f"{year}/") == ["Uudenvuoden valvojaiset"]


def test_the_index_is_this_years_clock(client, calendar_page, make_event):
    now = timezone.localtime()
    make_event(title="Tämän vuoden ilta", start=now.replace(month=6, day=15, hour=18, minute=0))
    html = client.get(calendar_page["fi"].url).content.decode()
    assert f"{calendar_page['fi'].title} {now.year}</h1>" in html
    assert listed_titles(html) == ["Tämän vuoden ilta"]


def test_same_filter_address_works_in_every_language(client, calendar_page, make_event):
    event = make_event(
        title=("Keskustan asukasilta", "Invånarkväll i centrum", "Resident evening in the centre"),
        start=helsinki(2030, 2, 5, 18),
        areas=["torinranta"],
        translate_to_all=True,
    )
    make_event(title="Pohjoisen ilta", start=helsinki(2030, 2, 6, 18), areas=["koivikko"])
    for code in ("fi", "sv", "en"):
        titles = get_titles(client, calendar_page[code].url + "2030/", area="keskusta")
        assert titles == [event.translations[code].title]


def test_upcoming_and_past_views(client, calendar_page, make_event):
    now = timezone.now()
    make_event(title="Eilen", start=now - timedelta(days=1))
    make_event(title="Viime kuussa", start=now - timedelta(days=40))
    make_event(title="Huomenna", start=now + timedelta(days=1))
    make_event(title="Ensi kuussa", start=now + timedelta(days=35))
    make_event(title="Käynnissä nyt", start=now - timedelta(hours=1), hours=3)
    assert get_titles(client, calendar_page["fi"].url + "upcoming/") == [
        "Käynnissä nyt",
        "Huomenna",
        "Ensi kuussa",
    ]
    assert get_titles(client, calendar_page["fi"].url + "past/") == ["Eilen", "Viime kuussa"]


def test_long_lists_are_paginated_and_pages_keep_the_filters(client, calendar_page, make_event):
    start = helsinki(2030, 1, 1, 18)
    for i in range(45):
        make_event(
            title=f"Ilta {i:02d}",
            start=start + timedelta(days=7 * i),
            areas=["keskusta"],
            revision=False,
            reference_index=False,
        )
    url = calendar_page["fi"].url + "2030/"
    first = client.get(url, {"area": "keskusta"}).content.decode()
    assert len(listed_titles(first)) == 40
    assert "?area=keskusta&amp;page=2" in first
    second = client.get(url, {"area": "keskusta", "page": 2}).content.decode()
    assert listed_titles(second) == [f"Ilta {i:02d}" for i in range(40, 45)]
    # the wheel always shows the whole year
    assert len(wheel_links(second)) == 45


def _fake_events(count, seed=3):
    import random

    rng = random.Random(seed)
    formats = [SimpleNamespace(pk=i, colour="#0b3d91", name=f"F{i}") for i in range(6)]
    events = []
    for i in range(count):
        # clustered like real life: most in spring and autumn, several on the same evenings
        month = rng.choice([1, 2, 3, 3, 4, 4, 5, 8, 9, 9, 10, 10, 11, 11, 12])
        day = rng.randint(1, 28)
        events.append(
            SimpleNamespace(
                pk=i,
                start=helsinki(2030, month, day, 18),
                event_format=rng.choice(formats),
                is_cancelled=i % 25 == 0,
                title=f"E{i}",
            )
        )
    events.sort(key=lambda e: e.start)
    return events, formats


def test_wheel_keeps_300_events_apart_and_inside_the_ring():
    events, formats = _fake_events(300)
    drawn = wheel.build(2030, events, formats, lambda e: e.title)
    assert len(drawn.marks) == 300
    min_distance = 2 * wheel.MARK_SIZE
    points = [(m.x, m.y) for m in drawn.marks]
    for i, (x1, y1) in enumerate(points):
        radius = math.hypot(x1 - wheel.CENTRE, y1 - wheel.CENTRE)
        assert wheel.RING_INNER + wheel.MARK_SIZE <= radius <= wheel.RING_OUTER - wheel.MARK_SIZE
        for x2, y2 in points[i + 1 :]:
            assert math.hypot(x1 - x2, y1 - y2) >= min_distance, "two marks overlap"


def _lanes_searching_every_lane(angles):
    """The wheel's lane placement before it was bounded: every lane ever opened is searched."""
    lanes, placed = [], []
    for angle in angles:
        for index, last in enumerate(lanes):
            if (angle - last) * (wheel.FIRST_LANE - index * wheel.LANE_STEP) >= wheel.MIN_GAP:
                lanes[index] = angle
                placed.append(index)
                break
        else:
            lanes.append(angle)
            placed.append(len(lanes) - 1)
    return placed


def _assert_every_event_reachable_once(drawn, events):
    """Every event has its own mark or is counted in exactly one day mark, and the counts add up."""
    own = [m.event.pk for m in drawn.marks]
    counted = [e.pk for day_mark in drawn.day_marks for e in day_mark.events]
    assert sorted(own + counted) == sorted(e.pk for e in events)
    assert len(own) + sum(d.count for d in drawn.day_marks) == len(events) == drawn.events_total


def _assert_nothing_overlaps(drawn):
    shapes = [(m.x, m.y, wheel.MARK_SIZE) for m in drawn.marks] + [
        (d.x, d.y, d.radius) for d in drawn.day_marks
    ]
    for i, (x1, y1, r1) in enumerate(shapes):
        radius = math.hypot(x1 - wheel.CENTRE, y1 - wheel.CENTRE)
        assert wheel.RING_INNER + r1 <= radius <= wheel.RING_OUTER - r1
        for x2, y2, r2 in shapes[i + 1 :]:
            assert math.hypot(x1 - x2, y1 - y2) >= r1 + r2, "two marks overlap"


def test_wheel_draws_10000_events_as_one_legible_mark_a_day():
    """10,000 events in a year (27 an evening): the ring holds about 3.5 marks a day, so each
    crowded evening is one day mark with its count; every event is reachable exactly once and
    nothing overlaps (it was 10,000 marks, most of them piled in the innermost lane)."""
    events, formats = _fake_events(10_000)
    drawn = wheel.build(2030, events, formats, lambda e: e.title)
    _assert_every_event_reachable_once(drawn, events)
    assert drawn.marks == [] and len(drawn.day_marks) == len({e.start.date() for e in events})
    _assert_nothing_overlaps(drawn)


def test_wheel_without_crowded_days_is_drawn_as_before():
    """A year in which every day leaves room (300 events): each event its own mark, in the lane the
    unbounded search gave it."""
    events, formats = _fake_events(300)
    angles = [wheel._angle(wheel._year_fraction(timezone.localtime(e.start).date(), 2030)) for e in events]
    drawn = wheel.build(2030, events, formats, lambda e: e.title)
    assert drawn.day_marks == [] and [m.event for m in drawn.marks] == events
    radii = [round(math.hypot(m.x - wheel.CENTRE, m.y - wheel.CENTRE), 6) for m in drawn.marks]
    before = _lanes_searching_every_lane(angles)
    assert radii == [round(wheel.FIRST_LANE - lane * wheel.LANE_STEP, 6) for lane in before]


def test_wheel_folds_a_day_that_leaves_no_room_and_keeps_every_event_reachable():
    events, formats = _fake_events(1_000)
    drawn = wheel.build(2030, events, formats, lambda e: e.title)
    _assert_every_event_reachable_once(drawn, events)
    assert drawn.day_marks and drawn.marks
    # a lone busy evening is drawn mark by mark while it leaves a day mark's two lanes free
    lone, formats = _fake_events(wheel.MAX_LANES - 2)
    for event in lone:
        event.start = helsinki(2030, 6, 15, 18)
    assert len(wheel.build(2030, lone, formats, str).marks) == wheel.MAX_LANES - 2
    lone.append(SimpleNamespace(**{**vars(lone[0]), "pk": 999}))
    folded = wheel.build(2030, lone, formats, str)
    assert folded.marks == [] and [d.count for d in folded.day_marks] == [wheel.MAX_LANES - 1]


def test_wheel_places_marks_at_their_date():
    events, formats = _fake_events(1)
    events[0].start = helsinki(2030, 7, 2, 12)  # day 183 of 365: half way, at the bottom
    mark = wheel.build(2030, events, formats, lambda e: e.title).marks[0]
    assert mark.x == pytest.approx(wheel.CENTRE, abs=2)
    assert mark.y > wheel.CENTRE + 300


def test_unsafe_format_colour_never_reaches_the_svg(client, calendar_page, event_refs, make_event):
    fmt = event_refs["formats"]["asukasilta"]
    fmt.colour = '"/><b x'  # saved past the form's validation, e.g. by a script
    fmt.save()
    make_event(start=helsinki(2030, 2, 5, 18))
    html = client.get(calendar_page["fi"].url + "2030/").content.decode()
    assert '"/><b x' not in html
    assert f'fill="{wheel.DEFAULT_COLOUR}"' in html


@pytest.mark.parametrize(
    ("colour", "error"),
    [("#0b3d91", None), ("red", "#rrggbb"), ("#ffd23f", "too light"), ("#8a8f98", "too light")],
)
def test_format_colour_must_be_dark_enough_for_the_clock(event_refs, colour, error):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    fmt = event_refs["formats"]["asukasilta"]
    fmt.colour = colour
    if error is None:
        fmt.full_clean()
        return
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            fmt.full_clean()
        messages = " ".join(str(message) for message in raised.value.message_dict["colour"])
    assert error in messages


def test_year_out_of_range_is_not_found(client, calendar_page):
    assert client.get(calendar_page["fi"].url + "1999/").status_code == 404


def _populate(make_event, first, count):
    start = helsinki(2030, 1, 3, 18)
    for i in range(first, first + count):
        make_event(
            title=f"Ilta {i}",
            start=start + timedelta(hours=29 * i),
            format=["asukasilta", "teemailta", "pop-up"][i % 3],
            areas=[["keskusta"], ["torinranta", "koivikko"], []][i % 3],
            themes=[["koulut"], [], ["koulut", "esteettomyys"]][i % 3],
            mode=[EventPage.AttendanceMode.OFFLINE, MIXED, ONLINE][i % 3],
            series=i % 7 == 0,
            revision=False,
            reference_index=False,  # listing data: no view measured here reads Wagtail's usage index
        )


LISTINGS = [
    # (path, params, max queries)
    ("2030/", {}, 30),
    ("2030/", {"area": "keskusta", "theme": "koulut", "page": "1"}, 30),
    ("upcoming/", {"mode": "online"}, 30),
    ("ical/", {}, 16),
    ("ical/", {"area": "keskusta", "format": "asukasilta"}, 16),
    ("rss/", {}, 16),
    ("screen/", {"area": "torinranta"}, 24),
]


def test_calendar_page_and_feeds_run_the_same_number_of_queries_for_10_and_300_events(
    client, calendar_page, make_event, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = calendar_page["fi"].url

    def measure():
        counts = []
        for path, params, most in LISTINGS:
            with django_assert_max_num_queries(most), CaptureQueriesContext(connection) as queries:
                response = client.get(url + path, params)
            assert response.status_code == 200
            counts.append(len(queries))
        return counts

    def warm_up():
        # Fills the site-root-paths cache and what pages reuse between requests (Site, menu,
        # choice lists: `home.page_cache.remember`), as on any running site. New content starts
        # a new cache generation, and so does the site settings row the first view creates.
        for _ in range(2):
            client.get(url)

    _populate(make_event, 0, 10)
    warm_up()
    with_10 = measure()
    assert len(wheel_links(client.get(url + "2030/").content.decode())) == 10
    _populate(make_event, 10, 290)
    warm_up()
    with_300 = measure()
    assert len(wheel_links(client.get(url + "2030/").content.decode())) == 300
    assert client.get(url + "ical/").content.count(b"BEGIN:VEVENT") == 300
    assert with_300 == with_10
