"""Fixtures for the directory's content pages: coordinators, a network, practice models, news.

Organisations are plain standard pages here: the organisation page type lives on another branch
and the content pages point at organisations only as pages.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from demo.translation import translate
from directory.models import (
    ArticlePage,
    NetworkMeeting,
    NetworkMember,
    NetworkPage,
    Person,
    PersonArea,
    PracticeModelPage,
    PracticeModelTheme,
)
from home.models import StandardPage
from taxonomy.models import Area
from tests.fixtures import shared_pages

POSTCODES = {"keskusta": "99100", "torinranta": "99110", "asemanseutu": "99120", "pohjoinen": "99300"}


def add_translated(parent, page, tr):
    parent.add_child(instance=page)
    page.save_revision().publish()
    translated = translate(page, tr)
    return {"fi": page, **{code: p.specific for code, p in translated.items()}}


def child_of(pages, page, tr):
    """Add `page` under the Finnish parent and translate it; returns {lang: page}."""
    return add_translated(pages["fi"], page, tr)


@pytest.fixture
def postcode_areas(event_refs):
    """The event fixtures' areas with postcodes (synchronised to every language)."""
    for slug, codes in POSTCODES.items():
        area = event_refs["areas"][slug]
        Area.objects.filter(translation_key=area.translation_key).update(postcodes=codes)
    return event_refs["areas"]


@pytest.fixture
def make_person(site_tree, postcode_areas):
    tr = site_tree["tr"]

    def factory(name, kind, areas, role=("Koordinaattori", "Koordinator", "Coordinator"), **fields):
        person = Person.objects.create(
            name=name,
            kind=kind,
            role=tr(*role),
            area_links=[PersonArea(area=postcode_areas[slug]) for slug in areas],
            **fields,
        )
        translate(person, site_tree["tr"])
        return person

    return factory


@pytest.fixture
def coordinators(make_person):
    """An area coordinator for the centre (a major area), a resident coordinator for one of its
    districts, an area coordinator for the north and a staff member who is not a coordinator."""
    return {
        "centre": make_person(
            "Aino Esimerkki",
            Person.Kind.AREA_COORDINATOR,
            ["keskusta"],
            role=("Aluekoordinaattori", "Områdeskoordinator", "Area coordinator"),
            email="aino.esimerkki@jarvela.example",
            phone="040 123 4567",
            languages=["fi", "sv"],
        ),
        "asema": make_person(
            "Veikko Vapaaehtoinen",
            Person.Kind.RESIDENT_COORDINATOR,
            ["asemanseutu"],
            role=("Asukaskoordinaattori", "Invånarkoordinator", "Resident coordinator"),
            email="veikko@example.org",
        ),
        "north": make_person("Pia Pohjola", Person.Kind.AREA_COORDINATOR, ["pohjoinen"]),
        "staff": make_person("Sami Sihteeri", Person.Kind.STAFF, ["keskusta"]),
    }


coordinator_page = shared_pages("coordinator_page")


@pytest.fixture
def themes(event_refs):
    return event_refs["themes"]


practice_index = shared_pages("practice_index")


@pytest.fixture
def make_practice_model(practice_index, site_tree, themes):
    tr = site_tree["tr"]
    counter = {"n": 0}

    def factory(
        title,
        region="Järvelä",
        stage=PracticeModelPage.Stage.READY,
        theme_slugs=(),
        translate_all=False,
        **fields,
    ):
        counter["n"] += 1
        n = counter["n"]
        page = PracticeModelPage(
            title=tr(*title) if isinstance(title, tuple) else title,
            slug=tr(f"malli-{n}", f"modell-{n}", f"model-{n}"),
            summary=tr(f"Kuvaus {n}.", f"Beskrivning {n}.", f"Description {n}."),
            region=region,
            stage=stage,
            theme_links=[PracticeModelTheme(theme=themes[slug]) for slug in theme_slugs],
            **fields,
        )
        if translate_all:
            pages = child_of(practice_index, page, tr)
            page.translations = pages
            return page
        practice_index["fi"].add_child(instance=page)
        page.save_revision().publish()
        return PracticeModelPage.objects.get(pk=page.pk)

    return factory


news_index = shared_pages("news_index")


@pytest.fixture
def make_article(news_index, site_tree):
    tr = site_tree["tr"]
    counter = {"n": 0}

    def factory(title, days_ago=0, tags=(), translate_all=False, **fields):
        counter["n"] += 1
        n = counter["n"]
        page = ArticlePage(
            title=tr(*title) if isinstance(title, tuple) else title,
            slug=tr(f"uutinen-{n}", f"nyhet-{n}", f"news-{n}"),
            summary=tr(f"Tiivistelmä {n}.", f"Sammandrag {n}.", f"Summary {n}."),
            date=timezone.localdate() - timedelta(days=days_ago),
            **fields,
        )
        page.tags.add(*tags)
        if translate_all:
            page.translations = child_of(news_index, page, tr)
            return page
        news_index["fi"].add_child(instance=page)
        page.save_revision().publish()
        return page

    return factory


@pytest.fixture
def organisation_pages(site_tree):
    """Two stand-ins for organisation pages."""
    tr = site_tree["tr"]
    pages = {}
    for slug, names in {
        "kyla": ("Kyläyhdistys Koivikko ry", "Byföreningen Björkby rf", "Koivikko Village Association"),
        "nuoret": ("Nuorten Järvelä ry", "Unga Järvelä rf", "Young Järvelä"),
    }.items():
        page = StandardPage(title=tr(*names), slug=tr(slug, f"{slug}-sv", f"{slug}-en"))
        pages[slug] = child_of(site_tree, page, tr)
    return pages


@pytest.fixture
def network_page(site_tree, organisation_pages, make_event, make_person):
    tr = site_tree["tr"]
    coordinator = make_person(
        "Noora Verkosto",
        Person.Kind.STAFF,
        ["keskusta"],
        role=("Verkostokoordinaattori", "Nätverkskoordinator", "Network coordinator"),
        email="noora.verkosto@jarvela.example",
    )
    soon = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0) + timedelta(days=7)
    upcoming = make_event(
        title=("Verkostotapaaminen", "Nätverksträff", "Network meeting"), start=soon, translate_to_all=True
    )
    past = make_event(
        title=("Syystapaaminen", "Höstträff", "Autumn meeting"),
        start=soon - timedelta(days=60),
        translate_to_all=True,
    )
    page = NetworkPage(
        title=tr("Yhdistysfoorumi", "Föreningsforum", "Association forum"),
        slug=tr("yhdistysfoorumi", "foreningsforum", "association-forum"),
        summary=tr(
            "Alueen yhdistysten yhteistyöverkosto.",
            "Ett samarbetsnätverk för områdets föreningar.",
            "A co-operation network of the area's associations.",
        ),
        purpose=tr.paragraphs(
            ("Jaamme tietoa ja tiloja.", "Vi delar kunskap och lokaler.", "We share knowledge and premises.")
        ),
        audience=tr.paragraphs(("Kaikille yhdistyksille.", "För alla föreningar.", "For every association.")),
        how_to_join=tr.paragraphs(("Tule tapaamiseen.", "Kom till en träff.", "Come to a meeting.")),
        contact_person=coordinator,
        member_links=[
            NetworkMember(organisation=organisation_pages["kyla"]["fi"]),
            NetworkMember(organisation=organisation_pages["nuoret"]["fi"]),
        ],
        meeting_links=[NetworkMeeting(event=upcoming), NetworkMeeting(event=past)],
        sub_groups=[
            (
                "group",
                {
                    "name": tr("Nuorisotyö", "Ungdomsarbete", "Youth work"),
                    "description": tr("Nuorten harrastukset.", "Ungas fritid.", "Young people's hobbies."),
                    "contact": None,
                },
            )
        ],
    )
    pages = child_of(site_tree, page, tr)
    pages["events"] = {"upcoming": upcoming, "past": past}
    return pages
