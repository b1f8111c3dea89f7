"""The directory's demo associations load once, in three languages, all in the demo city Järvelä.

Issue 10 moved the associations from South Savo's real municipalities to Järvelä (a fictional
municipality, code 999, in a fictional region, 99, that only the demo adds), so the municipality
and region assertions below name Järvelä and the spread is over its districts."""

import pytest

from demo.loader import DemoLoader
from directory.models import DirectoryPage, Municipality, OrganisationPage
from directory.models.organisations import OrganisationArea
from directory.reference_data import read_rows
from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_demo_organisations_translated_and_filterable(demo, client):
    fi = OrganisationPage.objects.filter(locale__language_code="fi")
    assert 55 <= fi.count() <= 65
    assert {p.municipality.code for p in fi.select_related("municipality")} == {"999"}
    assert OrganisationArea.objects.filter(page__in=fi).values("area").distinct().count() >= 8
    assert {p.municipality.region.code for p in fi.select_related("municipality__region")} == {"99"}
    assert Municipality.objects.get(code="999").name_fi == "Järvelä"
    assert "999" not in {row["code"] for row in read_rows("municipalities.csv")}  # only the demo adds it
    for code in ("sv", "en"):
        assert OrganisationPage.objects.live().filter(locale__language_code=code).count() == fi.count()
    sv_directory = DirectoryPage.objects.get(locale__language_code="sv")
    response = client.get(sv_directory.url + "?municipality=999&target=immigrants")
    titles = [o.title for o in response.context["organisations"]]
    assert titles == [
        "Järvelän Kansainväliset Naiset ry",
        "Järvelän Monikulttuuriyhdistys ry",
        "Järvelän Ukrainalaiset ry",
    ]
    assert "Järveläregionen" in response.content.decode()  # the region's Swedish name
    english = OrganisationPage.objects.get(locale__language_code="en", slug="jarvelan-ukrainalaiset-ry")
    assert english.summary.startswith("Advice, culture evenings")

    home = HomePage.objects.get(locale__language_code="fi")
    again = DemoLoader(objects={"home": home})
    assert again.load(["taxonomy", "directory"]) == []  # each part loads once
    assert OrganisationPage.objects.filter(locale__language_code="fi").count() == fi.count()


SEARCH_CASES = [
    # (language, words, the demo association it must find): Finnish compounds found by their first part
    ("fi", "kuoro", "Järvelän Kuoroyhdistys ry"),
    ("fi", "partio", "Järvelän Partiolaiset ry"),
    ("fi", "mielenterveys", "Järvelän Mielenterveysseura ry"),
    ("fi", "frisbeegolf", "Järvelän Frisbeegolfseura ry"),
    ("fi", "kuoroa", "Järvelän Kuoroyhdistys ry"),  # a word of the summary, as written
    ("sv", "vecko", "Järvelän Partiolaiset ry"),  # the Swedish summary's "Veckomöten"
    ("en", "choir", "Järvelän Kuoroyhdistys ry"),  # the English summary's "choirs"
]


@pytest.mark.parametrize(("language", "words", "title"), SEARCH_CASES)
def test_demo_directory_and_site_search_find_compound_words(demo, client, language, words, title):
    directory = DirectoryPage.objects.get(locale__language_code=language)
    response = client.get(directory.url, {"q": words})
    assert response.status_code == 200
    assert title in [o.title for o in response.context["organisations"]]

    html = client.get(f"/{language}/search/", {"q": words}).content.decode()
    organisation = OrganisationPage.objects.get(locale__language_code=language, title=title)
    assert f'href="{organisation.url}"' in html
