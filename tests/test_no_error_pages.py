"""Issue 14: each kind of input that was a 500, as a named test (on SQLite and PostgreSQL).

The fuzz harness (tests/fuzzing.py, run by tests/test_fuzz.py and tests/test_fuzz_forms.py) sends
these and thousands more to every public URL; these tests name the kinds, so a regression says
which one came back.
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from tests.fixtures_registrations import signup

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def pages(site_tree, shared_site):
    ids = shared_site
    page = {name: Page.objects.get(pk=ids[name]["fi"]).specific for name in ("directory_page", "topic_index")}
    page["news_index"] = Page.objects.get(pk=ids["news_index"]["fi"]).specific
    return page


@pytest.mark.parametrize("query", ['"', '"kulttuuri', "<", "=1+1", "=", "%", "NEAR(", "a AND OR b", "*"])
def test_quote_and_query_syntax_in_sqlite_search_is_an_ordinary_search(client, pages, query):
    """A lone `"` was an FTS5 syntax error (500) on SQLite: site search, directory, events API."""
    search = client.get("/fi/search/", {"q": query})
    assert search.status_code == 200
    assert 'name="q"' in search.content.decode()
    assert client.get(pages["directory_page"].url, {"q": query}).status_code == 200
    api = client.get("/api/v2/events/", {"search": query})
    assert api.status_code == 200 and "items" in api.json()
    assert client.get("/api/v2/pages/", {"search": query}).status_code == 200


def test_nul_byte_in_every_text_parameter_is_a_400_in_plain_text(client, pages, signup_event):
    """PostgreSQL refuses NUL in text: search, the API (`search`, `locale`, `html_path`), the news
    tag and topic theme filters, the secret sign-up link and its cancel were 500s there."""
    registration = signup(signup_event(capacity=3), "nul@example.invalid")
    token = registration.token
    requests = [
        ("get", "/fi/search/", "q=kulttuuri%00"),
        ("get", "/api/v2/pages/", "search=a%00"),
        ("get", "/api/v2/pages/", "locale=fi%00"),
        ("get", "/api/v2/pages/find/", "html_path=/fi/%00"),
        ("get", "/api/v2/events/", "search=%00"),
        ("get", pages["news_index"].url, "tag=%00"),
        ("get", pages["topic_index"].url, "theme=%00"),
        ("get", pages["directory_page"].url, "q=%00&municipality=%00"),
        ("get", f"/fi/registrations/{token}%00/", ""),
        ("get", f"/fi/registrations/%00{token}/cancel/", ""),
        ("post", f"/fi/registrations/{token}%00/cancel/", ""),
        ("get", "/fi/%00/", ""),
    ]
    for method, path, query in requests:
        response = getattr(client, method)(path, QUERY_STRING=query)
        assert response.status_code == 400, (path, query)
        assert response["Content-Type"].startswith("text/plain"), path
        assert "NUL" in response.content.decode(), path
    form = client.post(reverse("feedback:idea"), {"text": "Penkki\x00"})
    assert form.status_code == 400


@pytest.mark.parametrize("value", ["abc", "1e30", "-1", "0", "99999999999999999999"])
def test_page_abc_in_every_paged_listing_shows_a_page(client, pages, calendar_page, value):
    for url in (
        "/fi/search/?q=a&page=",
        pages["directory_page"].url + "?page=",
        pages["news_index"].url + "?page=",
        calendar_page["fi"].url + "upcoming/?page=",
    ):
        assert client.get(url + value).status_code == 200, url


@pytest.mark.parametrize("offset", ["1e30", str(10**30), "9223372036854775808", "-1", "abc"])
def test_offset_1e30_and_huge_ids_in_the_api_are_400_or_404_in_json(client, offset):
    for endpoint in ("pages", "events", "images", "documents"):
        response = client.get(f"/api/v2/{endpoint}/", {"offset": offset})
        assert response.status_code == 400, (endpoint, offset)
        assert "message" in json.loads(response.content)
    for endpoint in ("pages", "events"):
        for pk in (10**30, 2**63):
            # No such page: a 404, or the URL does not match the API's and LocaleMiddleware
            # sends it to the language-prefixed path (itself a 404).
            response = client.get(f"/api/v2/{endpoint}/{pk}/")
            assert response.status_code in (302, 400, 404), (endpoint, pk)


def test_huge_organisation_id_in_the_proposal_form_is_a_new_proposal(client, pages):
    url = pages["directory_page"].url + "propose/"
    for value in (str(10**30), "1e30", "abc", "-5"):
        assert client.get(url, {"organisation": value}).status_code == 200


def test_2026_02_30_on_the_staff_feedback_report_is_explained(admin_client):
    url = reverse("feedback_admin:report")
    response = admin_client.get(url, {"start": "2026-02-30", "end": "2026-13-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026-02-30" in html and "YYYY-MM-DD" in html or "VVVV-KK-PP" in html


def test_2026_02_30_in_the_events_api_date_filter_is_a_400_in_json(client):
    for value in ("2026-02-30", "1e30", '"'):
        response = client.get("/api/v2/events/", {"start": value})
        assert response.status_code == 400 and "message" in response.json()


def test_a_200_kb_field_in_an_imported_csv_is_a_row_error_not_a_500(admin_client, pages, tmp_path):
    from django.core.management import CommandError, call_command

    header = "name;municipality;summary;description\n"
    content = (header + "Pitkä ry;091;Lyhyt.;" + "x" * 200_000 + "\n").encode()
    response = admin_client.post(
        reverse("directory_admin:import"),
        {
            "file": SimpleUploadedFile("pitka.csv", content, "text/csv"),
            "directory": pages["directory_page"].pk,
            "dry_run": "on",
        },
    )
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert 'id="error-summary"' in html or "error" in html
    assert any(f"{row} 2 " in html for row in ("Row", "riviä", "Rad")), "the message names the row"
    path = tmp_path / "pitka.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), "--no-progress", stdout=io.StringIO())
