"""The directory listing: filters, search, sorting, pagination, query count, exports."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import DirectoryPage, OrganisationPage
from tests.fixtures_directory import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(module_directory, site_tree):
    """The module's own directory page in fi, sv and en, holding the five organisations of
    `organisations` (built once for the module, see module_directory); the shared directory
    stays empty for the tests that fill it themselves."""
    pages = DirectoryPage.objects.in_bulk([module_directory[code] for code in ("fi", "sv", "en")])
    return {code: pages[module_directory[code]] for code in ("fi", "sv", "en")}


@pytest.fixture
def organisations(module_directory, site_tree):
    """The five organisations (tests/fixtures_directory.py, five_organisations) in `listing`."""
    pks = module_directory["organisations"]
    pages = OrganisationPage.objects.in_bulk(pks.values())
    return {name: pages[pk] for name, pk in pks.items()}


def titles(response):
    return [o.title for o in response.context["organisations"]]


def get(client, page, query=""):
    response = client.get(page.url + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return response


def test_listing_shows_all_alphabetically(client, listing, organisations):
    response = get(client, listing["fi"])
    assert titles(response) == sorted(o.title for o in organisations.values())
    assert "5 yhdistystä" in response.content.decode() or "5 association" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("municipality=091", {"Kallion kuoro"}),
        ("region=06", {"Ruoka-apu Tampere", "Nokian kyläyhdistys"}),
        ("region=01", {"Kallion kuoro", "Esbo bollklubb", "Vantaan luontoyhdistys"}),
        ("field=sports", {"Esbo bollklubb"}),
        ("field=culture-recreation", {"Kallion kuoro", "Esbo bollklubb"}),  # a group includes subgroups
        ("field=social-services", {"Ruoka-apu Tampere"}),
        ("target=youth", {"Esbo bollklubb"}),
        ("language=sv", {"Kallion kuoro", "Esbo bollklubb"}),
        ("language=en", {"Ruoka-apu Tampere"}),
        ("volunteers=1", {"Kallion kuoro", "Ruoka-apu Tampere"}),
        ("partners=on", {"Esbo bollklubb", "Ruoka-apu Tampere"}),
        ("region=01&language=sv&partners=1", {"Esbo bollklubb"}),
        ("region=06&volunteers=1&field=social-services&target=families", {"Ruoka-apu Tampere"}),
    ],
)
def test_filters(client, listing, organisations, query, expected):
    assert set(titles(get(client, listing["fi"], query))) == expected


def test_unknown_filter_values_are_reported_and_the_listing_still_shows(client, listing, organisations):
    # Issue 10: unknown values were silently ignored; now the error summary names them.
    response = get(client, listing["fi"], "municipality=999&field=nope&language=sv")
    assert set(titles(response)) == {"Kallion kuoro", "Esbo bollklubb"}  # the valid filter applies
    html = response.content.decode()
    assert 'href="#id_municipality"' in html and 'href="#id_field"' in html
    assert "Arvoa ”999” ei ole valittavissa." in html


def test_full_text_search_combines_with_filters(client, listing, organisations):
    assert titles(get(client, listing["fi"], "q=torstai")) == ["Ruoka-apu Tampere"]
    assert titles(get(client, listing["fi"], "q=kylätalo&region=01")) == []
    assert titles(get(client, listing["fi"], "q=kylätalo&region=06")) == ["Nokian kyläyhdistys"]


def test_search_finds_finnish_compounds_by_their_first_word(client, listing, organisations):
    """Issue 11: Finnish writes compounds as one word, and whole-word matching found nothing."""
    assert titles(get(client, listing["fi"], "q=kylä")) == ["Nokian kyläyhdistys"]
    assert titles(get(client, listing["fi"], "q=ylijäämä")) == ["Ruoka-apu Tampere"]
    assert titles(get(client, listing["fi"], "q=kylä talkoo")) == ["Nokian kyläyhdistys"]  # every word
    assert titles(get(client, listing["fi"], "q=kylä ylijäämä")) == []  # all words must match
    html = client.get("/fi/search/", {"q": "kylä"}).content.decode()
    assert f'href="{organisations["villages"].url}"' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Snowball stemmers are PostgreSQL's")
def test_postgresql_search_uses_the_finnish_stemmer(client, listing, organisations):
    # "kuoron" (genitive) and "kuoroa" (partitive) are stemmed to "kuoro" by the `finnish`
    # configuration; as prefixes alone they would not match "kuoro".
    for word in ("kuoron", "kuoroa"):
        assert titles(get(client, listing["fi"], f"q={word}")) == ["Kallion kuoro"], word
        # the site search too (issue 11: pages and the directory)
        html = client.get("/fi/search/", {"q": word}).content.decode()
        assert f'href="{organisations["choir"].url}"' in html, word


def test_sort_recently_updated(client, listing, organisations):
    organisations["choir"].save_revision().publish()
    response = get(client, listing["fi"], "sort=updated")
    assert titles(response)[0] == "Kallion kuoro"


def test_filters_work_in_swedish_listing_on_translated_pages(client, listing, organisations, tr):
    from demo.translation import Translations, translate

    tr = Translations()
    choir = organisations["choir"]
    tr(choir.title, "Berghälls kör", "Kallio choir")
    tr(choir.summary, "En kör.", "A choir.")
    tr(choir.slug, "berghalls-kor", "kallio-choir")
    translate(choir, tr)
    response = get(client, listing["sv"], "language=sv&municipality=091")
    assert titles(response) == ["Berghälls kör"]
    assert "Helsingfors" in response.content.decode()


def test_pagination(client, directory_page, bulk_organisations):
    bulk_organisations(45)
    response = get(client, directory_page["fi"], "page=3")
    assert len(titles(response)) == 5
    assert response.context["page_obj"].paginator.count == 45


def _listing_queries(client, page, query):
    with CaptureQueriesContext(connection) as ctx:
        get(client, page, query)
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "query", ["", "region=01&field=culture-recreation&language=fi", "q=yhdistys&volunteers=1"]
)
def test_query_count_does_not_grow(client, directory_page, bulk_organisations, query):
    page = directory_page["fi"]
    bulk_organisations(9, seed=1)
    make_organisation(
        page,
        title="Kallion kulttuuriyhdistys",
        fields=["culture-arts"],
        languages=["fi"],
        looking_for_volunteers=True,
        summary="Yhdistys järjestää konsertteja.",
    )
    assert get(client, page, query).context["organisations"], "the filters match some"  # warms caches
    small = _listing_queries(client, page, query)
    bulk_organisations(990, seed=2)
    get(client, page, query)  # as before: adding rows purges what pages keep per cache generation
    large = _listing_queries(client, page, query)
    assert large == small
    assert small <= 25


def test_csv_export_respects_filters(client, listing, organisations):
    page = listing["fi"]
    response = client.get(page.url + "export/csv/?region=01&language=sv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["name"] for r in rows] == ["Esbo bollklubb", "Kallion kuoro"]
    choir = rows[1]
    assert choir["municipality_code"] == "091"
    assert choir["register_number"] == "123.456"
    assert choir["fields_of_activity"] == "culture-arts"
    assert choir["looking_for_volunteers"] == "1"
    assert choir["url"].startswith("http://testserver/")


def test_json_export(client, listing, organisations):
    response = client.get(listing["fi"].url + "export/json/?q=torstai")
    data = json.loads(response.content)
    assert data["licence"] == "CC BY 4.0"
    assert [o["name"] for o in data["organisations"]] == ["Ruoka-apu Tampere"]
    assert set(data["organisations"][0]["languages"]) == {"fi", "en"}


def test_listing_links_to_exports_with_current_filters(client, listing, organisations):
    html = get(client, listing["fi"], "region=06").content.decode()
    assert "export/csv/?region=06" in html
    assert "export/json/?region=06" in html
