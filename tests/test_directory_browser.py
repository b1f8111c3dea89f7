"""The directory in a real browser: axe-core and the keyboard on the listing, an organisation
page and the proposal form, in fi, sv and en; the protected e-mail becomes a link."""

import pytest

from demo.translation import Translations, translate
from directory.models import DirectoryPage, OrganisationContact
from tests.browser import assert_accessible, tab_through
from tests.fixtures_directory import make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def browser_directory(module_site):
    """A choir with a contact person (translated) and a football club, made once for the module."""
    tr = Translations()
    ids = module_site["ids"]["directory_page"]
    directory_page = {code: DirectoryPage.objects.get(pk=pk) for code, pk in ids.items()}
    fi = directory_page["fi"]
    choir = make_organisation(
        fi,
        title="Kallion kuoro",
        fields=["culture-arts"],
        targets=["older-people"],
        languages=["fi", "sv"],
        email="kuoro@example.fi",
        looking_for_volunteers=True,
        register_number="123.456",
        summary="Laulamme joka tiistai.",
        meeting_places="Seurakuntatalo",
    )
    OrganisationContact.objects.create(
        page=choir,
        name="Maija Meikäläinen",
        role="puheenjohtaja",
        email="maija@example.fi",
        locale=choir.locale,
    )
    choir.save_revision().publish()
    make_organisation(fi, title="Esbo bollklubb", municipality="049", fields=["sports"], languages=["sv"])
    tr("Kallion kuoro", "Berghälls kör", "Kallio choir")
    tr("kallion-kuoro", "berghalls-kor", "kallio-choir")
    tr("Laulamme joka tiistai.", "Vi sjunger varje tisdag.", "We sing every Tuesday.")
    tr("Seurakuntatalo", "Församlingshemmet", "Parish hall")
    tr("puheenjohtaja", "ordförande", "chair")
    translated = translate(choir, tr)
    return {**directory_page, "choir": {"fi": choir, **translated}}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_listing_and_organisation_pass_axe_and_keyboard(
    site_server, browser_page, browser_directory, language
):
    page = browser_page
    directory = browser_directory[language]
    page.goto(site_server.url + directory.url)
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    stops = tab_through(page, max_steps=120)
    ids = [s["id"] for s in stops]
    for field in (
        "id_q",
        "id_municipality",
        "id_region",
        "id_field",
        "id_target",
        "id_language",
        "id_volunteers",
    ):
        assert field in ids, f"{field} is not reachable with Tab"

    # Filter without a mouse: choose a field of activity and submit with Enter.
    page.locator("#id_field").select_option("culture-arts")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**field=culture-arts**")
    assert page.locator(".organisation-card").count() == 1
    assert_accessible(page)

    choir = browser_directory["choir"][language]
    page.goto(site_server.url + choir.url)
    assert_accessible(page)
    mailto = page.locator('a[href="mailto:maija@example.fi"]')
    assert mailto.count() == 1 and mailto.inner_text() == "maija@example.fi"
    stops = tab_through(page, max_steps=80)
    assert any(s["href"] == "mailto:kuoro@example.fi" for s in stops)


def test_email_is_readable_without_javascript(site_server, browser, browser_directory):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_server.url + browser_directory["choir"]["fi"].url)
        text = page.locator(".organisation__contact").inner_text()
        assert "maija" in text and "example.fi" in text
        assert page.locator('a[href^="mailto:"]').count() == 1  # only the share-by-e-mail link
    finally:
        context.close()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_proposal_form_passes_axe_with_errors(site_server, browser_page, browser_directory, language):
    page = browser_page
    directory = browser_directory[language]
    page.goto(site_server.url + directory.url + "propose/")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert_accessible(page)
