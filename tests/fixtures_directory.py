"""Fixtures for the directory of associations: reference data, a translated directory page,
organisations built through Wagtail, and synthetic organisations in bulk."""

import pytest
from wagtail.models import Page

from directory.generate import generate
from directory.models import (
    ActivityLanguage,
    DirectoryPage,
    FieldOfActivity,
    Municipality,
    OrganisationPage,
    TargetGroup,
)


@pytest.fixture
def directory_reference(shared_site):
    """Municipalities, regions, fields of activity… (migrations load them; so does the shared site)."""


@pytest.fixture
def directory_page(site_tree, shared_site):
    """The shared site's directory page in fi, sv and en (and "tr")."""
    pages = DirectoryPage.objects.in_bulk(shared_site["directory_page"].values())
    return {code: pages[pk] for code, pk in shared_site["directory_page"].items()} | {"tr": site_tree["tr"]}


def make_organisation(
    directory, *, title, municipality="091", fields=(), targets=(), languages=("fi",), **extra
):
    """A published organisation page built the way an editor would build it."""
    from django.utils.text import slugify

    page = OrganisationPage(
        title=title,
        slug=extra.pop("slug", slugify(title)),
        summary=extra.pop("summary", f"{title} toimii paikallisesti."),
        municipality=Municipality.objects.get(code=municipality),
        **extra,
    )
    page.fields_of_activity = list(FieldOfActivity.objects.filter(slug__in=fields))
    page.target_groups = list(TargetGroup.objects.filter(slug__in=targets))
    page.languages = list(ActivityLanguage.objects.filter(code__in=languages))
    directory.add_child(instance=page)
    page.save_revision().publish()
    return OrganisationPage.objects.get(pk=page.pk)


@pytest.fixture
def organisations(directory_page):
    """Five organisations in Uusimaa and Pirkanmaa with different fields and flags (see
    five_organisations), in the shared directory."""
    return five_organisations(directory_page["fi"])


@pytest.fixture(scope="module")
def module_directory(module_site):
    """A translated directory page of a module's own, with the five organisations of
    five_organisations, built once for the module (see module_site): {"fi"/"sv"/"en": page pk,
    "organisations": {name: pk}}. For modules that also need the shared directory without them."""
    from demo.translation import translate

    tr = module_site["tr"]
    fi = DirectoryPage(
        title=tr("Moduulin yhdistykset", "Modulens föreningar", "The module's associations"),
        slug=tr("moduulin-yhdistykset", "modulens-foreningar", "module-associations"),
        introduction=tr(
            "Löydä yhdistys läheltäsi.", "Hitta en förening nära dig.", "Find an association near you."
        ),
    )
    Page.objects.get(pk=module_site["ids"]["home"]["fi"]).add_child(instance=fi)
    fi.save_revision().publish()
    pages = {"fi": fi.pk, **{code: page.pk for code, page in translate(fi, tr).items()}}
    return pages | {"organisations": {name: o.pk for name, o in five_organisations(fi).items()}}


def five_organisations(d):
    """Five organisations in Uusimaa and Pirkanmaa with different fields and flags, published
    under the directory page `d`: {"choir"/"football"/"food"/"nature"/"villages": OrganisationPage}."""
    return {
        "choir": make_organisation(
            d,
            title="Kallion kuoro",
            municipality="091",
            fields=["culture-arts"],
            targets=["older-people"],
            languages=["fi", "sv"],
            looking_for_volunteers=True,
            register_number="123.456",
        ),
        "football": make_organisation(
            d,
            title="Esbo bollklubb",
            municipality="049",
            fields=["sports"],
            targets=["youth", "children"],
            languages=["sv"],
            looking_for_partners=True,
        ),
        "food": make_organisation(
            d,
            title="Ruoka-apu Tampere",
            municipality="837",
            fields=["emergency-relief"],
            targets=["families"],
            languages=["fi", "en"],
            looking_for_volunteers=True,
            looking_for_partners=True,
            summary="Jaamme ylijäämäruokaa perheille joka torstai.",
        ),
        "nature": make_organisation(
            d,
            title="Vantaan luontoyhdistys",
            municipality="092",
            fields=["environment-protection"],
            targets=["everyone"],
            languages=["fi"],
        ),
        "villages": make_organisation(
            d,
            title="Nokian kyläyhdistys",
            municipality="536",
            fields=["community-development"],
            targets=["everyone"],
            languages=["fi"],
            summary="Kylätalo, talkoot ja kesäjuhlat.",
        ),
    }


@pytest.fixture
def bulk_organisations(directory_page):
    """`bulk_organisations(n)` adds n synthetic organisations to the Finnish directory."""

    # Two regions only, so that every filter in the tests matches some of them.
    municipalities = list(Municipality.objects.filter(region__code__in=["01", "06"]))

    def make(count, seed=1):
        return generate(directory_page["fi"], count, seed=seed, municipalities=municipalities)

    return make
