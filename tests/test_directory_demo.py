"""The directory's demo associations load once, in three languages, across one region."""

import pytest

from directory import demo_organisations
from directory.models import OrganisationPage
from demo.translation import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_organisations_translated_and_filterable(client, site_tree, directory_reference):
    context = DemoContext()
    context.objects["home"] = site_tree["fi"]
    demo_organisations.load(context)
    fi = OrganisationPage.objects.filter(locale__language_code="fi")
    assert 55 <= fi.count() <= 65
    assert fi.values("municipality").distinct().count() >= 8
    assert {p.municipality.region.code for p in fi.select_related("municipality__region")} == {"10"}
    for code in ("sv", "en"):
        assert OrganisationPage.objects.live().filter(locale__language_code=code).count() == fi.count()
    directory = context.objects["directory"]
    sv_directory = directory.get_translation(site_tree["sv"].locale)
    response = client.get(sv_directory.url + "?municipality=740&target=immigrants")
    titles = [o.title for o in response.context["organisations"]]
    assert titles == [
        "Savonlinnan Kansainväliset Naiset ry",
        "Savonlinnan Monikulttuuriyhdistys ry",
        "Savonlinnan Ukrainalaiset ry",
    ]
    assert "Nyslott" in response.content.decode()
    english = OrganisationPage.objects.get(locale__language_code="en", slug="savonlinnan-ukrainalaiset-ry")
    assert english.summary.startswith("Advice, culture evenings")

    fresh = DemoContext()
    demo_organisations.restore(fresh)
    assert fresh.objects["directory"].pk == directory.pk
    assert len(fresh.objects["organisations"]) == fi.count()
