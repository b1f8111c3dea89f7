"""Fixtures for the directory of associations: reference data, a translated directory page,
organisations built through Wagtail, and synthetic organisations in bulk."""

import pytest

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
    """Five organisations in Uusimaa and Pirkanmaa with different fields and flags."""
    d = directory_page["fi"]
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
