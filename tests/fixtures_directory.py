"""Fixtures for the directory of associations: reference data, a translated directory page,
organisations built through Wagtail, and synthetic organisations in bulk."""

import pytest
from django.apps import apps

from directory import reference_data
from directory.generate import generate
from directory.models import (
    ActivityLanguage,
    DirectoryPage,
    FieldOfActivity,
    Municipality,
    OrganisationPage,
    TargetGroup,
)
from demo.translation import translate


def ensure_reference_data():
    """Migrations load it; transactional tests flush it, so browser fixtures load it again."""
    if not Municipality.objects.exists():
        reference_data.load(lambda name: apps.get_model("directory", name))


@pytest.fixture
def directory_reference(db):
    ensure_reference_data()


@pytest.fixture
def directory_page(site_tree, directory_reference):
    tr = site_tree["tr"]
    page = DirectoryPage(
        title=tr("Yhdistyshakemisto", "Föreningsregister", "Directory of associations"),
        slug=tr("yhdistykset", "foreningar", "associations"),
        introduction=tr(
            "Löydä yhdistys läheltäsi.", "Hitta en förening nära dig.", "Find an association near you."
        ),
        propose_introduction=tr(
            "Kerro yhdistyksestäsi.", "Berätta om din förening.", "Tell us about your association."
        ),
    )
    site_tree["fi"].add_child(instance=page)
    page.save_revision().publish()
    translated = translate(page, tr)
    return {"fi": page, "sv": translated["sv"].specific, "en": translated["en"].specific, "tr": tr}


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
