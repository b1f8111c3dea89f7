"""Sign-ups in a real browser: sign up, get the confirmation, cancel by its link; axe and the keyboard."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from registrations.models import Registration
from tests.browser import assert_accessible, tab_through
from tests.fixtures_registrations import signup

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LABELS = {
    "fi": (
        "Ilmoittaudu",
        "Peru ilmoittautumiseni",
        "Tämä ilmoittautuminen on peruttu.",
        "Kiitos. Katso sähköpostisi",
    ),
    "sv": ("Anmäl dig", "Avboka min anmälan", "Den här anmälan har avbokats.", "Tack. Kolla din e-post"),
    "en": (
        "Sign up",
        "Cancel my sign-up",
        "This sign-up has been cancelled.",
        "Thank you. Check your e-mail",
    ),
}


@pytest.fixture
def browser_event(signup_event, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return signup_event(capacity=5, translate_to_all=True)


def test_resident_signs_up_receives_the_confirmation_and_cancels(site_server, browser_page, browser_event):
    page = browser_page
    page.goto(site_server.url + browser_event.url)
    page.locator("#id_name").fill("Selma Selaintesti")
    page.get_by_role("textbox", name="Sähköposti").fill("selma@example.invalid")
    page.get_by_role("radio", name="Koulut").check()
    page.get_by_label("Lähettäkää minulle seurantaraportti").check()
    page.get_by_label("Olen lukenut tietosuojaselosteen").check()
    page.get_by_role("button", name="Ilmoittaudu").click()
    page.wait_for_url("**/registrations/event/*/sent/")
    expect(page.get_by_role("heading", name="Kiitos. Katso sähköpostisi")).to_be_visible()

    [message] = [m for m in mail.outbox if m.to == ["selma@example.invalid"]]
    link = re.search(r"https?://\S+/fi/registrations/[\w-]+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    page.goto(site_server.url + path)
    page.get_by_role("button", name="Peru ilmoittautumiseni").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Tämä ilmoittautuminen on peruttu.")).to_be_visible()
    assert Registration.objects.get().status == Registration.Status.CANCELLED


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_form_error_state_and_cancel_page_pass_axe_and_the_keyboard(
    site_server, browser_page, browser_event, language
):
    page = browser_page
    event = browser_event.translations[language]
    page.goto(site_server.url + event.url)
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    ids = [s["id"] for s in tab_through(page, max_steps=150)]
    for field in ("id_name", "id_email", "id_phone", "id_consent", "id_follow_up_opt_in"):
        assert field in ids, f"{field} is not reachable with Tab"
    assert "id_website_url" not in ids, "the honeypot stays out of the keyboard order"

    # The error state: an empty form shows the focused error summary.
    page.get_by_role("button", name=LABELS[language][0], exact=True).click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert_accessible(page)

    registration = signup(browser_event, f"{language}@example.invalid", language=language)
    page.goto(site_server.url + f"/{language}/registrations/{registration.token}/")
    assert_accessible(page)
    page.get_by_role("button", name=LABELS[language][1]).click()
    page.wait_for_load_state()
    expect(page.get_by_text(LABELS[language][2])).to_be_visible()
    assert_accessible(page)

    # The neutral "check your e-mail" page every accepted form leads to (issue 13).
    page.goto(site_server.url + f"/{language}/registrations/event/{browser_event.pk}/sent/")
    assert page.locator("h1").inner_text() == LABELS[language][3]
    assert_accessible(page)
