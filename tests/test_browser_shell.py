"""Issue 2: axe-core and a keyboard walk on the page shell, in three languages."""

import pytest

from tests.browser import AXE_PATH, assert_accessible, axe_violations, load_axe, tab_through

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_home_standard_and_search_pages_have_no_axe_violations(
    site_server, browser_page, standard_page, language
):
    page = browser_page
    for path in (
        standard_page[language].get_parent().url,
        standard_page[language].url,
        f"/{language}/search/?q=Kuulu",
    ):
        response = page.goto(site_server.url + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)


def test_keyboard_reaches_skip_link_first_and_every_stop_shows_focus(
    site_server, browser_page, standard_page
):
    page = browser_page
    page.goto(site_server.url + standard_page["fi"].url)
    stops = tab_through(page)
    assert stops[0]["href"] == "#main"
    texts = [s["text"] for s in stops]
    assert "Svenska" in texts and "English" in texts
    assert any(s["tag"] == "input" for s in stops), "the search field is reachable"
    # The skip link moves focus into the main content.
    page.keyboard.press("Home")
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_search_from_header_finds_page(site_server, browser_page, standard_page):
    page = browser_page
    page.goto(site_server.url + standard_page["en"].url)
    page.get_by_role("searchbox").first.fill("influence")
    page.get_by_role("searchbox").first.press("Enter")
    page.wait_for_url("**/en/search/?q=influence")
    assert page.get_by_role("link", name="About the service").count() >= 1


def login_browser(browser_page, site_server, user):
    """Give the browser a logged-in session cookie for `user` (no password typing needed)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    browser_page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": site_server.url}]
    )


def test_public_pages_raise_no_csp_violations_even_with_the_editor_userbar(
    site_server, browser_page, standard_page, superuser
):
    login_browser(browser_page, site_server, superuser)
    errors = []
    browser_page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    browser_page.on("pageerror", lambda exc: errors.append(str(exc)))
    browser_page.goto(site_server.url + standard_page["fi"].url)
    browser_page.wait_for_selector("wagtail-userbar", state="attached")
    browser_page.wait_for_timeout(500)
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors


def test_admin_page_preview_renders_inside_the_editor(site_server, browser_page, standard_page, superuser):
    login_browser(browser_page, site_server, superuser)
    page_id = standard_page["fi"].id
    browser_page.goto(f"{site_server.url}/admin/pages/{page_id}/edit/")
    browser_page.get_by_role("button", name="Toggle preview").first.click()
    frame = browser_page.frame_locator("iframe#w-preview-iframe, iframe[title*='review']").first
    heading = frame.get_by_role("heading", level=1)
    assert heading.inner_text(timeout=15_000).strip() == "Tietoa palvelusta"


def test_the_axe_check_finds_violations_and_names_their_elements(browser_page):
    """The helper every axe test uses: its first run computes no selectors, so it must still
    find what is wrong, and the report must still say where."""
    browser_page.set_content(
        '<!doctype html><html lang="fi"><title>Testi</title><main>'
        '<p style="color:#bbb;background:#fff">Vaalea teksti</p>'
        '<form><input id="nimi" type="text"></form><img src="data:," id="kuva"></main></html>'
    )
    found = {violation["id"]: violation for violation in axe_violations(browser_page)}
    assert {"color-contrast", "label", "image-alt"} <= set(found)
    assert found["label"]["nodes"][0]["target"] == ["#nimi"]
    assert found["image-alt"]["nodes"][0]["target"] == ["#kuva"]
    with pytest.raises(AssertionError, match="#nimi"):
        assert_accessible(browser_page)
    browser_page.set_content(
        '<!doctype html><html lang="fi"><title>Testi</title><main><p>Hei</p></main></html>'
    )
    assert axe_violations(browser_page) == []


def test_a_page_of_the_test_server_loads_axe_as_its_own_script_and_it_checks_the_page(
    site_server, browser_page, standard_page
):
    """axe is fetched from the test server once a tab (`tests.browser.load_axe`; later pages take
    it from Chromium's cache), within the page's Content-Security-Policy and without an error in
    the console, leaves no script element behind, and finds and names what is wrong in the page."""
    page = browser_page
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    served = site_server.axe_served
    for path in (standard_page["fi"].url, standard_page["fi"].get_parent().url):
        assert page.goto(site_server.url + path).status == 200
        assert load_axe(page) == "server", path
        assert load_axe(page) == "page"
        assert axe_violations(page) == [], path
    assert site_server.axe_served == served + 1, "the second page did not take axe from the cache"
    assert page.locator(f'script[src$="{AXE_PATH}"]').count() == 0
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=nimeton>')"
    )
    found = {violation["id"]: violation for violation in axe_violations(page)}
    assert found["label"]["nodes"][0]["target"] == ["#nimeton"]
    assert problems == []
