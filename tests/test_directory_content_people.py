"""Issue 6, people: "Your area coordinator" by area or postcode, the person listing, and e-mail
addresses that people can read but harvesters do not find."""

import base64
import re

import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db


def names_in(html, section_id):
    """Names of the person cards inside the section labelled by `section_id`."""
    start = html.index(f'aria-labelledby="{section_id}"')
    end = html.find("</section>", start)
    return re.findall(r'class="person-card__name"[^>]*>([^<]+)<', html[start:end])


def test_listing_shows_coordinators_only_with_their_areas(client, coordinator_page, coordinators):
    response = client.get(coordinator_page["fi"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert names_in(html, "everyone-heading") == ["Aino Esimerkki", "Pia Pohjola", "Veikko Vapaaehtoinen"]
    assert "Sami Sihteeri" not in html  # staff who are not coordinators are not listed
    assert "Aluekoordinaattori" in html


def test_listing_is_in_the_readers_language(client, coordinator_page, coordinators):
    html = client.get(coordinator_page["sv"].url).content.decode()
    assert "Områdeskoordinator" in html
    assert "Centrum" in html  # the Swedish person points at the Swedish area
    assert 'lang="sv"' in html


def test_district_by_postcode_shows_its_own_coordinator(client, coordinator_page, coordinators):
    response = client.get(coordinator_page["fi"].url, {"postcode": "99120"})
    html = response.content.decode()
    assert "Yhteystiedot: Asemanseutu" in html
    assert names_in(html, "results-heading") == ["Veikko Vapaaehtoinen"]


def test_district_without_coordinator_falls_back_to_major_area(client, coordinator_page, coordinators):
    html = client.get(coordinator_page["en"].url, {"postcode": "99110"}).content.decode()
    assert names_in(html, "results-heading") == ["Aino Esimerkki"]
    assert "Nobody covers Torinranta on its own; these people cover the whole of Centre." in html


def test_choosing_an_area_from_the_list(client, coordinator_page, coordinators):
    html = client.get(coordinator_page["fi"].url, {"area": "pohjoinen"}).content.decode()
    assert names_in(html, "results-heading") == ["Pia Pohjola"]
    assert '<option value="pohjoinen" selected>' in html


def test_area_with_nobody_says_so(client, coordinator_page, coordinators):
    from directory.models import Person

    html = client.get(coordinator_page["en"].url, {"area": "koivikko"}).content.decode()
    # Koivikko's major area (North) has a coordinator: the fallback finds her.
    assert names_in(html, "results-heading") == ["Pia Pohjola"]
    Person.objects.filter(translation_key=coordinators["north"].translation_key).delete()
    html = client.get(coordinator_page["en"].url, {"area": "koivikko"}).content.decode()
    assert "There is no coordinator for Koivikko yet." in html


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Postinumeroa 12345 ei löytynyt. Valitse alueesi luettelosta."),
        ("sv", "Vi hittade inte postnumret 12345. Välj ditt område i listan i stället."),
        ("en", "We could not find the postcode 12345. Choose your area from the list instead."),
    ],
)
def test_unknown_postcode_gives_a_translated_error_and_keeps_input(
    client, coordinator_page, coordinators, language, message
):
    html = client.get(coordinator_page[language].url, {"postcode": "12345"}).content.decode()
    assert 'id="error-summary"' in html
    assert message in html
    assert 'href="#id_postcode"' in html
    assert 'value="12345"' in html
    assert 'aria-labelledby="results-heading"' not in html


def test_malformed_postcode_is_explained(client, coordinator_page, coordinators):
    html = client.get(coordinator_page["en"].url, {"postcode": "abc"}).content.decode()
    assert "A postcode is five digits, for example 00100." in html


def test_email_is_readable_but_not_harvestable(client, coordinator_page, coordinators):
    html = client.get(coordinator_page["fi"].url).content.decode()
    assert "aino.esimerkki@jarvela.example" not in html
    assert "mailto:aino" not in html
    assert 'aino.esimerkki<span class="protected-email__at"> (ät) </span>jarvela.example' in html
    encoded = re.search(r'data-protected-email="([^"]+)"', html).group(1)
    decoded = base64.b64decode(encoded).decode()[::-1]
    assert decoded in {"aino.esimerkki@jarvela.example", "veikko@example.org"}
    assert "directory/protected-email.js" in html


def test_protected_email_filter_escapes_and_passes_non_addresses():
    template = Template("{% load directory_tags %}{{ value|protected_email }}")
    assert template.render(Context({"value": "not an address"})) == "not an address"
    rendered = template.render(Context({"value": '"<b>"@example.org'}))
    assert "<b>" not in rendered and "&lt;b&gt;" in rendered


def test_person_listing_queries_do_not_grow(
    client, coordinator_page, make_person, django_assert_max_num_queries
):
    from directory.models import Person

    make_person("Eka", Person.Kind.AREA_COORDINATOR, ["keskusta", "torinranta"])
    with django_assert_max_num_queries(40) as few:
        client.get(coordinator_page["fi"].url, {"area": "keskusta"})
    few = len(few.captured_queries)  # now: the query log keeps only the last 9,000 queries
    for n in range(12):
        make_person(f"Henkilö {n:02}", Person.Kind.RESIDENT_COORDINATOR, ["keskusta", "pohjoinen"])
    with django_assert_max_num_queries(few):
        response = client.get(coordinator_page["fi"].url, {"area": "keskusta"})
    assert "Henkilö 11" in response.content.decode()
