"""Issue 16 in a real browser: the subscribe form (also with errors and without JavaScript), the
preferences page and a newsletter archive pass axe and the keyboard walk in fi, sv and en."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from demo.translation import translate
from newsletters.models import NewsletterArchivePage, NewsletterPage, Subscription
from tests.browser import assert_accessible, tab_through

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def archive(module_site):
    """The association newsletter's archive with one issue, in fi/sv/en; made once."""
    from home.models import HomePage

    tr = module_site["tr"]
    home = HomePage.objects.get(pk=module_site["ids"]["home"]["fi"])
    page = home.add_child(
        instance=NewsletterArchivePage(
            title=tr("Järjestökirje", "Föreningsbrevet", "Association newsletter"),
            slug=tr("jarjestokirje", "foreningsbrevet", "association-newsletter"),
            introduction=tr("Uutisia yhdistyksille.", "Nyheter för föreningar.", "News for associations."),
            list_slug="associations",
        )
    )
    page.save_revision().publish()
    issue = page.add_child(
        instance=NewsletterPage(
            title=tr("Järjestökirje 1/2027", "Föreningsbrevet 1/2027", "Association newsletter 1/2027"),
            slug=tr("1-2027", "1-2027-sv", "1-2027-en"),
            introduction=tr("Tervetuloa.", "Välkommen.", "Welcome."),
        )
    )
    issue.save_revision().publish()
    translated = translate(page, tr)
    translate(issue, tr)
    return {"fi": page, **{code: p.specific for code, p in translated.items()}}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_newsletter_pages_pass_axe_and_keyboard_walk(site_server, browser_page, archive, language):
    page = browser_page
    page.goto(f"{site_server.url}/{language}/newsletters/?area=torinranta")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    ids = {stop["id"] for stop in tab_through(page, max_steps=120)}
    assert {"id_email", "id_consent", "id_areas_0"} <= ids
    assert "id_website_url" not in ids
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert_accessible(page)

    now = timezone.now()
    subscription = Subscription.objects.create(
        email=f"selain-{language}@example.invalid",
        language=language,
        confirmation_sent_at=now,
        confirmed_at=now,
    )
    page.goto(f"{site_server.url}/{language}/newsletters/preferences/{subscription.token}/")
    assert_accessible(page)
    tab_through(page, max_steps=120)

    page.goto(site_server.url + archive[language].url)
    assert_accessible(page)
    stops = tab_through(page)
    assert any((stop["href"] or "").endswith("?list=associations") for stop in stops)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{site_server.url}/{language}/newsletters/")
    assert page.evaluate("() => document.documentElement.scrollWidth <= 320"), (
        "no horizontal scroll at 320 px"
    )


def test_resident_subscribes_and_confirms_without_javascript(site_server, browser, site_tree, mailoutbox):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server.url + site_tree["fi"].url)
    box = page.locator("section.newsletter-box")
    box.get_by_label("Sähköpostiosoitteesi").fill("ilman-js@example.invalid")
    box.get_by_label("Hyväksyn", exact=False).check()
    box.get_by_role("button", name="Tilaa").click()
    expect(page.get_by_role("heading", name="Tarkista sähköpostisi")).to_be_visible()
    [message] = mailoutbox
    link = next(word for word in message.body.split() if "/newsletters/confirm/" in word)
    page.goto(link.replace("http://testserver", site_server.url))
    page.get_by_role("button", name="Vahvista tilaukseni").click()
    expect(page.get_by_text("Kiitos, tilauksesi on vahvistettu.")).to_be_visible()
    context.close()
    assert Subscription.objects.get(email="ilman-js@example.invalid").confirmed_at is not None
