"""Issue 12: the calendar's times as other people's parsers read them (Mozilla ical.js through
Node, python icalendar), over four years of evenings made once for the module: both tests read
the same 31 events, so they are built once rather than once a test (the rest of
test_events_clients.py makes its own events and would see these in its feeds)."""

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.fixtures_events import HELSINKI

pytestmark = pytest.mark.django_db

JS = Path(__file__).parent / "js"


@pytest.fixture(scope="session")
def ical_js():
    """ical_js(ics_bytes) -> [{"uid", "start", "end"}] as Mozilla ical.js reads them (UTC);
    ical_js({name: ics_bytes}) -> {name: [...]}, every file read in one Node process (each with
    only its own VTIMEZONEs), as starting Node once per file cost most of the test's time.

    Needs Node and `npm ci --prefix tests/js` (.ci/run does both); skipped without them, except
    when KUULU_REQUIRE_NODE=1 (CI), where that is an installation error."""
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "ical.js").is_dir():
        message = "Node or tests/js/node_modules/ical.js is missing (npm ci --prefix tests/js)"
        if os.environ.get("KUULU_REQUIRE_NODE") == "1":
            pytest.fail(f"KUULU_REQUIRE_NODE=1 but {message}")
        pytest.skip(message)

    def run(data):
        result = subprocess.run(
            [node, str(JS / "ical_start_times.mjs")], input=data, capture_output=True, check=True, cwd=JS
        )
        return json.loads(result.stdout)

    def parse(data):
        if not isinstance(data, dict):
            return run(data)
        names = list(data)
        documents = json.dumps([data[name].decode() for name in names]).encode()
        return dict(zip(names, run(documents), strict=True))

    return parse


def icalendar_times(data):
    """The same as ical_js, read with python icalendar."""
    return [
        {
            "uid": str(vevent["UID"]),
            "start": vevent.decoded("DTSTART").astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "end": vevent.decoded("DTEND").astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        for vevent in Calendar.from_ical(data).walk("VEVENT")
    ]


def second_autumns_resident_evening():
    """The issue's resident evening: 2 November at 17:30 of next year (2027-11-02 when the
    issue was filed), winter time in the second autumn the VTIMEZONE lists, 15:30 UTC."""
    return datetime(timezone.localdate().year + 1, 11, 2, 17, 30, tzinfo=HELSINKI)


def evenings_over_four_years(make_event):
    """A 17:30 evening every seven weeks from a year back (the feed keeps 365 days) to three
    years ahead: both summer and winter time of every year, and the transitions'
    neighbourhoods; and the issue's evening on 2 November of next year."""
    today = timezone.localdate()
    events = []
    for n, day in enumerate(range(-364, 3 * 366, 49)):
        start = datetime.combine(today + timedelta(days=day), time(17, 30), tzinfo=HELSINKI)
        events.append(make_event(title=f"Ilta {n}", start=start, areas=["keskusta"]))
    events.append(make_event(title="Asukasilta", start=second_autumns_resident_evening(), areas=["keskusta"]))
    return events


@pytest.fixture(scope="module")
def evenings(module_make_event, django_db_blocker):
    """evenings_over_four_years, made once for the module (each test rolls back to them)."""
    with django_db_blocker.unblock():
        return evenings_over_four_years(module_make_event)


def test_ical_js_and_icalendar_read_the_same_utc_times_from_every_feed_and_ics(
    client, calendar_page, evenings, ical_js
):
    events = evenings
    expected = sorted(ev.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for ev in events)
    assert {ev.start.utcoffset() for ev in events} == {timedelta(hours=2), timedelta(hours=3)}
    base = calendar_page["fi"].url
    documents = {
        "calendar": client.get(base + "ical/").content,
        "filtered": client.get(base + "ical/", {"area": "keskusta", "format": "asukasilta"}).content,
        **{ev.slug: client.get(ev.url + "ics/").content for ev in events},
    }
    read_by_ical_js = ical_js(documents)
    assert read_by_ical_js["calendar"] == ical_js(documents["calendar"])  # one file or many: the same
    for name, data in documents.items():
        by_ical_js = sorted(read_by_ical_js[name], key=lambda e: e["start"])
        assert by_ical_js == sorted(icalendar_times(data), key=lambda e: e["start"]), name
        if name in ("calendar", "filtered"):
            assert [e["start"] for e in by_ical_js] == expected, name
    # The resident evening of the issue (2027-11-02 17:30 came out at 16:30 in ical.js).
    evening = second_autumns_resident_evening().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert evening.endswith("-11-02T15:30:00Z")
    for name in ("calendar", "filtered", events[-1].slug):
        assert evening in [e["start"] for e in read_by_ical_js[name]], name


def test_vtimezone_has_one_transition_per_rdate_line(client, calendar_page, evenings):
    text = client.get(calendar_page["fi"].url + "ical/").content.decode()
    rdates = [line for line in text.splitlines() if line.startswith("RDATE")]
    assert len(rdates) >= 8
    assert all("," not in line for line in rdates)
