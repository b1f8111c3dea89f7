"""Fixtures for the events app: reference data in fi/sv/en, a translated calendar, an event factory."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from demo.translation import translate
from participation_pages.models import (
    EventFormat,
    EventPage,
    EventPageArea,
    EventPageTheme,
    EventSeries,
    Venue,
)
from taxonomy.models import Area, Theme
from tests.fixtures import shared_pages

HELSINKI = ZoneInfo("Europe/Helsinki")


def helsinki(*args):
    return datetime(*args, tzinfo=HELSINKI)


@pytest.fixture
def event_refs(site_tree, shared_site):
    """The shared site's formats, areas (two major areas with districts and one without), themes,
    venue and series, in Finnish (each has real sv/en translations).

    Returns {"formats": {slug: fi}, "areas": {slug: fi}, "themes": {slug: fi}, "venue": fi, "series": fi}.
    """
    refs = {}
    for kind, model in (("formats", EventFormat), ("areas", Area), ("themes", Theme)):
        objects = model.objects.in_bulk([ids["fi"] for ids in shared_site[kind].values()])
        refs[kind] = {slug: objects[ids["fi"]] for slug, ids in shared_site[kind].items()}
    refs["venue"] = Venue.objects.get(pk=shared_site["venue"]["fi"])
    refs["series"] = EventSeries.objects.get(pk=shared_site["series"]["fi"])
    return refs


calendar_page = shared_pages("calendar_page")


@pytest.fixture
def make_event(calendar_page, event_refs, site_tree):
    """make_event(title, start, …) -> a live Finnish EventPage; translate=True also makes sv/en.

    `title` and `summary` may be (fi, sv, en) tuples; areas/themes are slugs."""
    tr = site_tree["tr"]
    counter = {"n": 0}

    def _text(value):
        return tr(*value) if isinstance(value, tuple) else value

    def factory(
        title=("Asukasilta", "Invånarkväll", "Resident evening"),
        start=None,
        hours=2,
        end=None,
        format="asukasilta",
        areas=(),
        themes=(),
        mode=EventPage.AttendanceMode.OFFLINE,
        status=EventPage.Status.SCHEDULED,
        symbol=True,
        summary=("Tule kertomaan mielipiteesi.", "Kom och säg din åsikt.", "Come and say what you think."),
        series=False,
        translate_to_all=False,
        revision=True,
        **fields,
    ):
        counter["n"] += 1
        start = start or helsinki(2030, 3, 10, 18, 0)
        event = EventPage(
            title=_text(title),
            slug=tr(f"tapahtuma-{counter['n']}", f"evenemang-{counter['n']}", f"event-{counter['n']}"),
            summary=_text(summary),
            start=start,
            end=end or start + timedelta(hours=hours),
            event_format=event_refs["formats"][format] if format else None,
            attendance_mode=mode,
            venue=event_refs["venue"] if mode != EventPage.AttendanceMode.ONLINE else None,
            online_url="https://meet.example.org/ilta" if mode != EventPage.AttendanceMode.OFFLINE else "",
            status=status,
            participation_symbol=symbol,
            series=event_refs["series"] if series else None,
            area_links=[EventPageArea(area=event_refs["areas"][slug]) for slug in areas],
            theme_links=[EventPageTheme(theme=event_refs["themes"][slug]) for slug in themes],
            **fields,
        )
        calendar_page["fi"].add_child(instance=event)
        if revision:
            event.save_revision().publish()
        if translate_to_all:
            translated = translate(event, tr)
            event.translations = {"fi": event, **{k: v.specific for k, v in translated.items()}}
        return event

    return factory
