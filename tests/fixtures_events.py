"""Fixtures for the events app: reference data in fi/sv/en, a translated calendar, an event factory."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from demo.translation import translate
from participation_pages.models import (
    CalendarPage,
    EventFormat,
    EventPage,
    EventPageArea,
    EventPageTheme,
    EventSeries,
    Venue,
)
from taxonomy.models import Area, Theme

HELSINKI = ZoneInfo("Europe/Helsinki")


def helsinki(*args):
    return datetime(*args, tzinfo=HELSINKI)


@pytest.fixture
def event_refs(site_tree):
    """Formats, areas (two major areas with districts), themes, a venue and a series, each in
    fi with real sv/en translations. Returns {"formats": {slug: fi}, "areas": …, …}."""
    tr = site_tree["tr"]
    refs = {"formats": {}, "areas": {}, "themes": {}}
    for order, (slug, fi, sv, en, colour) in enumerate(
        [
            ("asukasilta", "Asukasilta", "Invånarkväll", "Resident evening", "#0b3d91"),
            ("teemailta", "Teemailta", "Temakväll", "Theme evening", "#7a1f5c"),
            ("pop-up", "Pop up", "Pop up", "Pop-up", "#1e6b2f"),
        ]
    ):
        fmt = EventFormat.objects.create(name=tr(fi, sv, en), slug=slug, colour=colour, sort_order=order)
        translate(fmt, tr)
        refs["formats"][slug] = fmt
    for slug, fi, sv, en, parent in [
        ("keskusta", "Keskusta", "Centrum", "Centre", None),
        ("torinranta", "Torinranta", "Torgstranden", "Torinranta", "keskusta"),
        ("asemanseutu", "Asemanseutu", "Stationsområdet", "Asemanseutu", "keskusta"),
        ("pohjoinen", "Pohjoinen", "Norra", "North", None),
        ("koivikko", "Koivikko", "Björkby", "Koivikko", "pohjoinen"),
    ]:
        area = Area.objects.create(name=tr(fi, sv, en), slug=slug, parent=refs["areas"].get(parent))
        translate(area, tr)
        refs["areas"][slug] = area
    for slug, fi, sv, en in [
        ("koulut", "Koulut ja päiväkodit", "Skolor och daghem", "Schools and day care"),
        ("esteettomyys", "Esteettömyys", "Tillgänglighet", "Accessibility"),
    ]:
        theme = Theme.objects.create(name=tr(fi, sv, en), slug=slug)
        translate(theme, tr)
        refs["themes"][slug] = theme
    venue = Venue.objects.create(
        name=tr("Kirjasto Oodi", "Biblioteket Oodi", "Oodi Library"),
        street_address="Kirjastokatu 1",
        postcode="99100",
        city=tr("Järvelä", "Järvelä", "Järvelä"),
        step_free_access=True,
        induction_loop=True,
        latitude="61.500000",
        longitude="23.760000",
    )
    translate(venue, tr)
    refs["venue"] = venue
    series = EventSeries.objects.create(
        name=tr("Yhdistystreffit", "Föreningsträffar", "Association meet-ups"), slug="yhdistystreffit"
    )
    translate(series, tr)
    refs["series"] = series
    return refs


@pytest.fixture
def calendar_page(site_tree, event_refs):
    """The annual clock under the home page in fi, sv and en."""
    tr = site_tree["tr"]
    page = CalendarPage(
        title=tr("Vuosikello", "Årshjulet", "Annual clock"),
        slug=tr("vuosikello", "arshjulet", "annual-clock"),
        introduction=tr("Kaikki tapahtumat.", "Alla evenemang.", "All events."),
        show_in_menus=True,
    )
    site_tree["fi"].add_child(instance=page)
    page.save_revision().publish()
    translated = translate(page, tr)
    return {"fi": page, "sv": translated["sv"].specific, "en": translated["en"].specific}


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
