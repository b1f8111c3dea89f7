"""Fixtures for the events app: reference data in fi/sv/en, a translated calendar, an event factory."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

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


def load_event_refs(ids):
    """The shared site's formats, areas (two major areas with districts and one without), themes,
    venue and series, in Finnish (each has real sv/en translations), from its ids.

    Returns {"formats": {slug: fi}, "areas": {slug: fi}, "themes": {slug: fi}, "venue": fi, "series": fi}.
    """
    refs = {}
    for kind, model in (("formats", EventFormat), ("areas", Area), ("themes", Theme)):
        objects = model.objects.in_bulk([pks["fi"] for pks in ids[kind].values()])
        refs[kind] = {slug: objects[pks["fi"]] for slug, pks in ids[kind].items()}
    refs["venue"] = Venue.objects.get(pk=ids["venue"]["fi"])
    refs["series"] = EventSeries.objects.get(pk=ids["series"]["fi"])
    return refs


@pytest.fixture
def event_refs(site_tree, shared_site):
    """See load_event_refs."""
    return load_event_refs(shared_site)


calendar_page = shared_pages("calendar_page")


@pytest.fixture
def make_event(shared_site, site_tree):
    """make_event(title, start, …) -> a live Finnish EventPage; translate=True also makes sv/en.

    `title` and `summary` may be (fi, sv, en) tuples; areas/themes are slugs. `revision=False`
    leaves out the revision, `reference_index=False` the reference index rows (Wagtail's usage
    counts), for many events made as listing data only."""
    return event_factory(shared_site, site_tree["tr"])


@pytest.fixture(scope="module")
def module_make_event(module_site):
    """make_event for module-scoped data (see module_site)."""
    return event_factory(module_site["ids"], module_site["tr"], prefix="m")


def event_factory(ids, tr, prefix=""):
    """The event factory of make_event, on the shared site `ids`; `prefix` keeps slugs apart."""
    event_refs = load_event_refs(ids)
    calendar = Page.objects.select_related("locale").get(pk=ids["calendar_page"]["fi"])
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
        reference_index=True,
        **fields,
    ):
        counter["n"] += 1
        start = start or helsinki(2030, 3, 10, 18, 0)
        event = EventPage(
            locale=calendar.locale,  # the calendar's, as Wagtail would find it by a query per event
            title=_text(title),
            slug=tr(*(f"{prefix}{word}-{counter['n']}" for word in ("tapahtuma", "evenemang", "event"))),
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
        # Wagtail indexes the page's references again for each child row saved with it (each
        # area and theme link: up to five times an event, half the time of adding one); the same
        # index, built once.
        with disable_reference_index_auto_update():
            calendar.add_child(instance=event)
        if reference_index:
            ReferenceIndex.create_or_update_for_object(event)
        if revision:
            event.save_revision().publish()
        if translate_to_all:
            translated = translate(event, tr)
            event.translations = {"fi": event, **{k: v.specific for k, v in translated.items()}}
        return event

    return factory
