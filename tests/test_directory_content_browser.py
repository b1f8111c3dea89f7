"""Issue 6 in a real browser: axe on the area-coordinator page, a network, a practice model and
an article in fi, sv and en; the keyboard walk; the finder without JavaScript; protected e-mail
addresses that become links with JavaScript."""

import re

import pytest
from wagtail.models import Page

from tests.browser import assert_accessible, tab_through

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def content_pages(module_content_factory, module_site):
    """Coordinators, a network, a practice model and an article, made once for the module."""
    factory = module_content_factory
    factory.coordinators()
    network = factory.network_page(factory.organisation_pages())
    practice = factory.practice_model(
        ("Yhdistyspiknik", "Föreningspicknick", "Association picnic"),
        theme_slugs=["koulut"],
        translate_all=True,
    )
    article = factory.article(
        ("Talkoot onnistuivat", "Talkot lyckades", "The work party went well"),
        tags=["talkoot"],
        translate_all=True,
    )
    pages = {
        code: Page.objects.get(pk=pk).specific for code, pk in module_site["ids"]["coordinator_page"].items()
    }
    return {
        "coordinator": pages,
        "network": network,
        "practice": practice.translations,
        "practice_index": {code: p.get_parent() for code, p in practice.translations.items()},
        "article": article.translations,
        "news": {code: p.get_parent() for code, p in article.translations.items()},
    }


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_directory_content_pages_have_no_axe_violations(site_server, browser_page, content_pages, language):
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    paths = [
        content_pages["coordinator"][language].url,
        content_pages["coordinator"][language].url + "?postcode=99110",
        content_pages["coordinator"][language].url + "?postcode=12345",
        content_pages["network"][language].url,
        content_pages["practice"][language].url,
        content_pages["practice_index"][language].url + "?theme=koulut",
        content_pages["article"][language].url,
        content_pages["news"][language].url,
    ]
    for path in paths:
        response = page.goto(site_server.url + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
    assert not errors, errors


def test_protected_email_becomes_a_link_with_javascript(site_server, browser_page, content_pages):
    page = browser_page
    page.goto(site_server.url + content_pages["coordinator"]["en"].url + "?area=keskusta")
    link = page.locator("#results").get_by_role("link", name="aino.esimerkki@jarvela.example")
    assert link.get_attribute("href") == "mailto:aino.esimerkki@jarvela.example"


def test_coordinator_finder_keyboard_walk(site_server, browser_page, content_pages):
    page = browser_page
    page.goto(site_server.url + content_pages["coordinator"]["fi"].url)
    stops = tab_through(page)
    assert stops[0]["href"] == "#main"
    ids = [s["id"] for s in stops]
    assert ids.index("id_area") + 1 == ids.index("id_postcode")
    assert stops[ids.index("id_postcode") + 1]["tag"] == "button"
    assert any(s["href"] == "mailto:aino.esimerkki@jarvela.example" for s in stops)
    assert any((s["href"] or "").startswith("mailto:?subject=") for s in stops)  # share by e-mail


def test_network_practice_model_and_article_keyboard_walk(site_server, browser_page, content_pages):
    page = browser_page
    for key, expected in (
        ("network", "Kyläyhdistys Koivikko ry"),
        ("practice", "Koulut ja päiväkodit"),
        ("article", "talkoot"),
    ):
        page.goto(site_server.url + content_pages[key]["fi"].url)
        texts = [s["text"] for s in tab_through(page)]
        assert expected in texts, (key, texts)


def test_finder_works_without_javascript(site_server, browser, content_pages):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_server.url + content_pages["coordinator"]["en"].url)
        page.fill("#id_postcode", "99120")
        page.get_by_role("button", name="Show contacts").click()
        page.wait_for_url(re.compile(r".*postcode=99120.*"))
        assert page.locator("#results .person-card__name").all_inner_texts() == ["Veikko Vapaaehtoinen"]
        assert page.locator("#results").get_by_text("veikko (at) example.org").count() == 1
        page.fill("#id_postcode", "12345")
        page.get_by_role("button", name="Show contacts").click()
        assert page.locator("#error-summary").get_by_role("link").inner_text().startswith("…or your postcode")
    finally:
        context.close()
