"""Fixtures for the directory's content pages: coordinators, a network, practice models, news.

Organisations are plain standard pages here: the organisation page type lives on another branch
and the content pages point at organisations only as pages.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

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
from tests.fixtures import fetch_pages, shared_pages
from tests.fixtures_events import load_event_refs

POSTCODES = {"keskusta": "99100", "torinranta": "99110", "asemanseutu": "99120", "pohjoinen": "99300"}


def add_translated(parent, page, tr):
    parent.add_child(instance=page)
    page.save_revision().publish()
    translated = translate(page, tr)
    return {"fi": page, **{code: p.specific for code, p in translated.items()}}


def child_of(pages, page, tr):
    """Add `page` under the Finnish parent and translate it; returns {lang: page}."""
    return add_translated(pages["fi"], page, tr)


def set_postcodes(areas):
    """Give the shared site's areas their postcodes (synchronised to every language)."""
    for slug, codes in POSTCODES.items():
        Area.objects.filter(translation_key=areas[slug].translation_key).update(postcodes=codes)
    return areas


class ContentFactory:
    """Builds coordinators, practice models, articles, stand-in organisations and a network on
    the shared site `ids`, for function-scoped fixtures and for module-scoped data alike
    (`prefix` keeps the slugs of the two apart)."""

    def __init__(self, ids, tr, make_event, prefix=""):
        self.tr, self.make_event, self.prefix = tr, make_event, prefix
        self.refs = load_event_refs(ids)
        self.pages = {
            name: {code: Page.objects.get(pk=pk).specific for code, pk in ids[name].items()}
            for name in ("home", "practice_index", "news_index")
        }
        self.counter = {"practice": 0, "article": 0}

    def _slug(self, *words):
        return self.tr(*(f"{self.prefix}{word}" for word in words))

    def person(self, name, kind, areas, role=("Koordinaattori", "Koordinator", "Coordinator"), **fields):
        person = Person.objects.create(
            name=name,
            kind=kind,
            role=self.tr(*role),
            area_links=[PersonArea(area=self.refs["areas"][slug]) for slug in areas],
            **fields,
        )
        translate(person, self.tr)
        return person

    def coordinators(self):
        """An area coordinator for the centre (a major area), a resident coordinator for one of
        its districts, an area coordinator for the north and a staff member who is not a coordinator."""
        return {
            "centre": self.person(
                "Aino Esimerkki",
                Person.Kind.AREA_COORDINATOR,
                ["keskusta"],
                role=("Aluekoordinaattori", "Områdeskoordinator", "Area coordinator"),
                email="aino.esimerkki@jarvela.example",
                phone="040 123 4567",
                languages=["fi", "sv"],
            ),
            "asema": self.person(
                "Veikko Vapaaehtoinen",
                Person.Kind.RESIDENT_COORDINATOR,
                ["asemanseutu"],
                role=("Asukaskoordinaattori", "Invånarkoordinator", "Resident coordinator"),
                email="veikko@example.org",
            ),
            "north": self.person("Pia Pohjola", Person.Kind.AREA_COORDINATOR, ["pohjoinen"]),
            "staff": self.person("Sami Sihteeri", Person.Kind.STAFF, ["keskusta"]),
        }

    def practice_model(
        self,
        title,
        region="Järvelä",
        stage=PracticeModelPage.Stage.READY,
        theme_slugs=(),
        translate_all=False,
        **fields,
    ):
        self.counter["practice"] += 1
        n, tr = self.counter["practice"], self.tr
        page = PracticeModelPage(
            title=tr(*title) if isinstance(title, tuple) else title,
            slug=self._slug(f"malli-{n}", f"modell-{n}", f"model-{n}"),
            summary=tr(f"Kuvaus {n}.", f"Beskrivning {n}.", f"Description {n}."),
            region=region,
            stage=stage,
            theme_links=[PracticeModelTheme(theme=self.refs["themes"][slug]) for slug in theme_slugs],
            **fields,
        )
        if translate_all:
            page.translations = child_of(self.pages["practice_index"], page, tr)
            return page
        self.pages["practice_index"]["fi"].add_child(instance=page)
        page.save_revision().publish()
        return PracticeModelPage.objects.get(pk=page.pk)

    def article(self, title, days_ago=0, tags=(), translate_all=False, **fields):
        self.counter["article"] += 1
        n, tr = self.counter["article"], self.tr
        page = ArticlePage(
            title=tr(*title) if isinstance(title, tuple) else title,
            slug=self._slug(f"uutinen-{n}", f"nyhet-{n}", f"news-{n}"),
            summary=tr(f"Tiivistelmä {n}.", f"Sammandrag {n}.", f"Summary {n}."),
            date=timezone.localdate() - timedelta(days=days_ago),
            **fields,
        )
        page.tags.add(*tags)
        if translate_all:
            page.translations = child_of(self.pages["news_index"], page, tr)
            return page
        self.pages["news_index"]["fi"].add_child(instance=page)
        page.save_revision().publish()
        return page

    def organisation_pages(self):
        """Two stand-ins for organisation pages."""
        pages = {}
        for slug, names in {
            "kyla": ("Kyläyhdistys Koivikko ry", "Byföreningen Björkby rf", "Koivikko Village Association"),
            "nuoret": ("Nuorten Järvelä ry", "Unga Järvelä rf", "Young Järvelä"),
        }.items():
            page = StandardPage(title=self.tr(*names), slug=self._slug(slug, f"{slug}-sv", f"{slug}-en"))
            pages[slug] = child_of(self.pages["home"], page, self.tr)
        return pages

    def network_page(self, organisation_pages):
        tr = self.tr
        coordinator = self.person(
            "Noora Verkosto",
            Person.Kind.STAFF,
            ["keskusta"],
            role=("Verkostokoordinaattori", "Nätverkskoordinator", "Network coordinator"),
            email="noora.verkosto@jarvela.example",
        )
        soon = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0) + timedelta(days=7)
        upcoming = self.make_event(
            title=("Verkostotapaaminen", "Nätverksträff", "Network meeting"),
            start=soon,
            translate_to_all=True,
        )
        past = self.make_event(
            title=("Syystapaaminen", "Höstträff", "Autumn meeting"),
            start=soon - timedelta(days=60),
            translate_to_all=True,
        )
        page = NetworkPage(
            title=tr("Yhdistysfoorumi", "Föreningsforum", "Association forum"),
            slug=self._slug("yhdistysfoorumi", "foreningsforum", "association-forum"),
            summary=tr(
                "Alueen yhdistysten yhteistyöverkosto.",
                "Ett samarbetsnätverk för områdets föreningar.",
                "A co-operation network of the area's associations.",
            ),
            purpose=tr.paragraphs(
                (
                    "Jaamme tietoa ja tiloja.",
                    "Vi delar kunskap och lokaler.",
                    "We share knowledge and premises.",
                )
            ),
            audience=tr.paragraphs(
                ("Kaikille yhdistyksille.", "För alla föreningar.", "For every association.")
            ),
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
                        "description": tr(
                            "Nuorten harrastukset.", "Ungas fritid.", "Young people's hobbies."
                        ),
                        "contact": None,
                    },
                )
            ],
        )
        pages = child_of(self.pages["home"], page, tr)
        pages["events"] = {"upcoming": upcoming, "past": past}
        return pages


@pytest.fixture
def postcode_areas(event_refs):
    """The event fixtures' areas with postcodes (synchronised to every language)."""
    return set_postcodes(event_refs["areas"])


@pytest.fixture
def content_factory(shared_site, site_tree, postcode_areas, make_event):
    return ContentFactory(shared_site, site_tree["tr"], make_event)


@pytest.fixture(scope="module")
def module_content_factory(module_site, module_make_event):
    """ContentFactory for module-scoped data (see module_site)."""
    factory = ContentFactory(module_site["ids"], module_site["tr"], module_make_event, prefix="m")
    set_postcodes(factory.refs["areas"])
    return factory


@pytest.fixture
def make_person(content_factory):
    return content_factory.person


@pytest.fixture
def coordinators(content_factory):
    """See ContentFactory.coordinators."""
    return content_factory.coordinators()


coordinator_page = shared_pages("coordinator_page")


@pytest.fixture
def themes(event_refs):
    return event_refs["themes"]


practice_index = shared_pages("practice_index")


@pytest.fixture
def make_practice_model(content_factory):
    return content_factory.practice_model


news_index = shared_pages("news_index")


@pytest.fixture
def make_article(content_factory):
    return content_factory.article


@pytest.fixture
def organisation_pages(content_factory):
    """Two stand-ins for organisation pages."""
    return content_factory.organisation_pages()


@pytest.fixture
def network_page(content_factory, organisation_pages):
    return content_factory.network_page(organisation_pages)


@pytest.fixture(scope="module")
def module_network(module_content_factory):
    """The organisation stand-ins and the network page of `organisation_pages` and
    `network_page`, built once for a module (see module_site), as primary keys:
    {"organisations": {slug: {language: pk}}, "network": {language: pk}, "events": {name: {language: pk}}}."""
    organisations = module_content_factory.organisation_pages()
    network = module_content_factory.network_page(organisations)
    return {
        "organisations": {slug: _pks(pages) for slug, pages in organisations.items()},
        "network": _pks({code: page for code, page in network.items() if code != "events"}),
        "events": {name: _pks(event.translations) for name, event in network["events"].items()},
    }


def _pks(pages):
    return {code: page.pk for code, page in pages.items()}


def fetch_network(ids):
    """`organisation_pages` and `network_page` as those fixtures return them, from the primary
    keys of module_network: (organisations, network)."""
    organisations = {slug: fetch_pages(pks) for slug, pks in ids["organisations"].items()}
    network = fetch_pages(ids["network"])
    network["events"] = {}
    for name, pks in ids["events"].items():
        event = fetch_pages(pks)
        network["events"][name] = event["fi"]
        event["fi"].translations = event
    return organisations, network
