"""Issue 7 in a real browser: applying to a panel, axe-core and the keyboard, in fi, sv and en."""

import pytest
from playwright.sync_api import expect

from panels import draw_results, draws, quota_rules
from panels import features as F
from panels.models import Application
from tests.browser import assert_accessible, tab_through
from tests.fixtures_panels import add_applicants

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def publish_draw(panel_page, capture_on_commit):
    """24 applicants, gender quotas, a maximin draw, adopted and published."""
    page = panel_page["fi"]
    add_applicants(page, 24, seed=5)
    quota_rules.save_quotas(
        page, {F.GENDER: {"female": (2, 4), "male": (2, 4), "other": (0, 1), "undisclosed": (0, 1)}}
    )
    with capture_on_commit(execute=True):  # the draw task starts on commit
        draw = draws.start_draw(page, algorithm="maximin", seed=2718)
    draw.refresh_from_db()
    draw_results.adopt(draw)
    return draw


def test_resident_applies_with_the_keyboard_and_mouse(site_server, browser_page, panel_page):
    page = browser_page
    page.goto(site_server.url + panel_page["fi"].url)
    page.get_by_role("link", name="Täytä hakemus").click()
    page.wait_for_url("**/apply/")
    # Sending an empty form shows the error summary, focused, with links to the fields.
    page.get_by_role("button", name="Lähetä hakemus").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    summary.locator('a[href="#id_name"]').click()
    assert page.evaluate("() => document.activeElement.id") == "id_name"

    page.locator("#id_name").fill("Selma Selaintesti")
    page.get_by_role("textbox", name="Sähköposti").fill("selma@example.invalid")
    page.get_by_role("textbox", name="Syntymävuosi").fill("1990")
    page.get_by_role("textbox", name="Tai postinumerosi").fill("00130")
    page.get_by_role("radio", name="En halua kertoa").check()
    page.get_by_role("radio", name="ruotsi").check()
    page.get_by_label("Olen lukenut tietosuojaselosteen").check()
    page.get_by_label("Kaupunki saa ottaa minuun yhteyttä").check()
    page.get_by_role("button", name="Lähetä hakemus").click()
    page.wait_for_url("**/apply/thanks/")
    expect(page.get_by_role("heading", name="Kiitos hakemuksestasi")).to_be_visible()
    application = Application.objects.get()
    assert (application.name, application.area, application.gender) == (
        "Selma Selaintesti",
        "pohjoinen",
        "undisclosed",
    )


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_panel_pages_pass_axe_and_keyboard_walk(
    site_server, browser_page, panel_page, django_capture_on_commit_callbacks, language
):
    page = browser_page
    panel = panel_page[language]

    # While the panel accepts applications: its page and the form, also in the error state.
    page.goto(site_server.url + panel.url)
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    stops = tab_through(page)
    assert any(s["href"] == panel.apply_url() for s in stops)

    page.goto(site_server.url + panel.apply_url())
    assert_accessible(page)
    ids = [s["id"] for s in tab_through(page, max_steps=120)]
    for field in ("id_name", "id_email", "id_birth_year", "id_home_area", "id_postcode", "id_motivation"):
        assert field in ids, f"{field} is not reachable with Tab"
    assert "id_website_url" not in ids, "the honeypot stays out of the keyboard order"

    # The error state.
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("#error-summary")
    assert_accessible(page)
    tab_through(page, max_steps=140)

    # After a published draw the panel takes no more applications (an application would stay
    # pending for ever); its page links to the transparency page instead of the form.
    publish_draw(panel_page, django_capture_on_commit_callbacks)
    page.goto(site_server.url + panel.url)
    assert_accessible(page)
    stops = tab_through(page)
    assert not any(s["href"] == panel.apply_url() for s in stops)
    assert any(s["href"] == panel.transparency_url() for s in stops)

    page.goto(site_server.url + panel.apply_url())
    assert page.locator("main form").count() == 0
    assert_accessible(page)
    stops = tab_through(page)
    assert any(s["href"] == panel.url for s in stops)

    response = page.goto(site_server.url + panel.transparency_url())
    assert response.status == 200
    assert page.locator("svg[role=img]").count() == 1
    assert_accessible(page)
    stops = tab_through(page)
    assert any(s["href"] == panel.url for s in stops)
