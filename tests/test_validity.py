"""Issue 17: each HTML validity and landmark fault the audit named, as it was found (the demo
city's whole page set goes through the Nu HTML Checker in tests/demo/test_page_set_demo.py)."""

import re
from collections import Counter
from datetime import time

import pytest
from lxml import html as lxml_html

from home.models import StandardPage
from tests.fixtures_events import helsinki
from tests.page_set import CLASS, landmarks

pytestmark = pytest.mark.django_db


def document(response):
    return lxml_html.document_fromstring(response.content.decode())


def test_datetime_attributes_carry_no_microseconds(client, standard_page, make_event):
    """HTML allows at most three digits of a second's fraction; `date:"c"` wrote six."""
    event = make_event(start=helsinki(2030, 3, 10, 18, 0))
    for url in (standard_page["fi"].url, event.url, event.get_parent().url + "upcoming/"):
        values = [t.get("datetime") for t in document(client.get(url)).iter("time") if t.get("datetime")]
        assert values, url
        for value in values:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d\+0[23]:00)?", value), (url, value)
    assert 'datetime="2030-03-10T18:00:00+02:00"' in client.get(event.url).content.decode()


def test_programme_times_have_a_machine_readable_datetime(client, make_event):
    """`<time>17.30</time>` is not a valid time string: the attribute carries 17:30."""
    event = make_event(
        programme=[("item", {"start_time": time(17, 30), "end_time": time(18, 0), "title": "Kahvit"})]
    )
    times = document(client.get(event.url)).xpath(f"{CLASS % 'programme__time'}//time")
    assert [(t.get("datetime"), t.text_content()) for t in times] == [("17:30", "17.30"), ("18:00", "18.00")]


def test_forms_have_no_empty_action(client, calendar_page, standard_page):
    """`action=""` is invalid HTML; a form without `action` is sent to its own page."""
    for url in (calendar_page["fi"].url, calendar_page["sv"].url + "upcoming/", "/fi/search/?q=a"):
        html = client.get(url).content.decode()
        assert "<form" in html and 'action=""' not in html, url


def test_sign_up_group_size_is_a_number_input_without_size(client, make_event):
    event = make_event(registration_enabled=True, capacity=10, max_group_size=3)
    field = document(client.get(event.url)).get_element_by_id("id_group_size")
    assert field.get("type") == "number" and field.get("size") is None


def test_panel_application_street_address_uses_a_single_line_token(client, panel_page):
    """`street-address` is for a multi-line field; a one-line input takes `address-line1`."""
    panel = panel_page["fi"]
    panel.one_per_household = True
    panel.save_revision().publish()
    field = document(client.get(panel.apply_url())).get_element_by_id("id_street_address")
    assert field.tag == "input" and field.get("autocomplete") == "address-line1"


def test_search_page_names_its_two_search_landmarks_apart(client, site_tree):
    found = landmarks(document(client.get("/sv/search/?q=Kuulu")))
    searches = [name for role, name in found if role == "search"]
    assert len(searches) == 2 and len(set(searches)) == 2, searches
    assert "Sök" in searches


def test_footer_contact_is_no_region_named_like_a_page_contact_section(client, directory_page):
    """An organisation page has a "Contact" region; the footer's contact details are part of the
    contentinfo landmark, not a second "Contact" region."""
    from tests.fixtures_directory import make_organisation

    page = make_organisation(directory_page["fi"], title="Kokeiluyhdistys ry", email="info@example.fi")
    found = landmarks(document(client.get(page.url)))
    assert ("region", "Yhteystiedot") in found and ("contentinfo", "") in found
    assert [key for key, n in Counter(found).items() if n > 1] == []


@pytest.fixture
def idea_page(site_tree, tr):
    from demo.translation import translate

    page = StandardPage(
        title=tr("Puistot", "Parker", "Parks"),
        slug=tr("puistot", "parker", "parks"),
        body=[
            (
                "idea_box",
                {
                    "heading": tr("Kerro ideasi", "Berätta din idé", "Tell us your idea"),
                    "text": tr("Kaikki luetaan.", "Allt läses.", "We read them all."),
                },
            )
        ],
    )
    site_tree["fi"].add_child(instance=page)
    page.save_revision().publish()
    translated = translate(page, tr)
    return {"fi": page, **translated}


def test_after_an_idea_box_error_the_title_says_so_and_language_links_lead_to_the_page(client, idea_page):
    response = client.post("/sv/feedback/idea/", {"text": "", "page": idea_page["fi"].pk})
    assert response.status_code == 400
    page = document(response)
    assert page.findtext(".//title").startswith("Fel: ")
    links = {a.get("hreflang"): a.get("href") for a in page.xpath(f"{CLASS % 'language-switcher'}//a")}
    assert links == {"fi": idea_page["fi"].url, "en": idea_page["en"].url}
    for url in links.values():
        assert client.get(url).status_code == 200


def test_an_idea_posted_without_its_page_leads_the_language_links_home(client, site_tree):
    response = client.post("/fi/feedback/idea/", {"text": ""})
    assert response.status_code == 400
    links = {
        a.get("hreflang"): a.get("href")
        for a in document(response).xpath(f"{CLASS % 'language-switcher'}//a")
    }
    assert links == {"sv": site_tree["sv"].url, "en": site_tree["en"].url}


def test_a_page_without_errors_has_no_error_title(client, standard_page):
    assert not document(client.get(standard_page["fi"].url)).findtext(".//title").startswith("Virhe")


@pytest.mark.parametrize(("language", "home"), [("fi", "/fi/"), ("sv", "/sv/"), ("en", "/en/")])
def test_the_404_page_leads_to_the_readers_home_and_offers_only_pages_that_exist(
    client, site_tree, language, home
):
    response = client.get(f"/{language}/ei-ole/")
    assert response.status_code == 404
    page = document(response)
    assert page.get("lang") == language
    assert [a.get("href") for a in page.xpath("//main//a")] == [home]
    links = {a.get("hreflang"): a.get("href") for a in page.xpath(f"{CLASS % 'language-switcher'}//a")}
    assert links == {code: f"/{code}/" for code in ("fi", "sv", "en") if code != language}
    assert not page.xpath(CLASS % "language-switcher__note")
    assert not page.xpath("//link[@rel='alternate'][@hreflang]")
    for url in links.values():
        assert client.get(url).status_code == 200


def test_a_panel_results_page_before_its_draw_is_a_404_without_links_to_other_404s(client, panel_page):
    response = client.get(panel_page["sv"].url + "selection/")
    assert response.status_code == 404
    links = [a.get("href") for a in document(response).xpath(f"{CLASS % 'language-switcher'}//a")]
    assert links == ["/fi/", "/en/"]


def test_the_filters_error_state_says_error_in_the_title_in_every_language(client, calendar_page):
    """A GET form with a value that is not a choice shows the error summary: the title says so."""
    for language, prefix in (("fi", "Virhe: "), ("sv", "Fel: "), ("en", "Error: ")):
        url = calendar_page[language].url + "upcoming/"
        assert not document(client.get(url)).findtext(".//title").startswith(prefix)
        failed = document(client.get(url, {"area": "ei-ole"}))
        assert failed.get_element_by_id("error-summary") is not None
        assert failed.findtext(".//title").startswith(prefix)


def test_staff_forms_say_error_first_in_the_title_too(admin_client, make_event):
    """The admin's own Kuulu forms (sign-up by phone, messages, kiosk, paper answers, newsletters,
    the directory import) start the title with "Error:" after a failed submission as well."""
    from django.urls import reverse

    event = make_event(registration_enabled=True, capacity=5)
    url = reverse("registrations_admin:add", args=[event.pk])
    assert not " ".join(document(admin_client.get(url)).findtext(".//title").split()).startswith("Virhe:")
    failed = admin_client.post(url, {"name": "Nobody", "group_size": 1, "language": "fi"})
    assert "Anna sähköpostiosoite tai puhelinnumero." in failed.content.decode()
    assert " ".join(document(failed).findtext(".//title").split()).startswith("Virhe: ")


def test_staff_forms_start_with_an_error_summary_that_links_to_each_field(
    admin_client, make_event, panel_page
):
    """The error-summary pattern on the admin's own Kuulu forms too (WCAG 3.3.1): adding a
    sign-up by phone, a panel's quotas and the draw each list what failed, linked to the field."""
    from django.urls import reverse

    from tests.test_panels_admin import quota_post, selection_url

    event = make_event(registration_enabled=True, capacity=5)
    panel = panel_page["fi"]
    failures = [
        (
            admin_client.post(
                reverse("registrations_admin:add", args=[event.pk]),
                {"name": "Nobody", "group_size": 1, "language": "fi"},
            ),
            "Anna sähköpostiosoite tai puhelinnumero.",
        ),
        (
            admin_client.post(
                selection_url(panel, "save_quotas"),
                quota_post(panel, use_gender="on", gender__female__min=5, gender__female__max=2),
            ),
            "vähimmäismäärä (5) on suurempi kuin enimmäismäärä (2)",
        ),
        (
            admin_client.post(selection_url(panel, "start_draw"), {"algorithm": "legacy"}),
            "Vahvista, että tarvitset",
        ),
    ]
    for response, message in failures:
        assert response.status_code == 400
        page = document(response)
        summary = page.get_element_by_id("error-summary")
        assert message in summary.text_content()
        for link in summary.xpath(".//a"):
            assert page.get_element_by_id(link.get("href").removeprefix("#")) is not None
        assert len(page.xpath("//*[@id='error-summary']")) == 1
