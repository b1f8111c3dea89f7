"""Issue 2: the page shell in three languages."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_home_page_renders_in_each_language(client, site_tree, language):
    page = site_tree[language]
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert page.hero_heading in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_standard_page_renders_in_each_language(client, standard_page, language):
    page = standard_page[language]
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{page.title}</h1>" in html


def test_translations_are_real_not_copies(standard_page):
    assert standard_page["sv"].title == "Om tjänsten"
    assert standard_page["en"].title == "About the service"
    assert standard_page["sv"].url == "/sv/om/"
    assert standard_page["en"].url == "/en/about/"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_search_page_renders_in_each_language(client, site_tree, language):
    response = client.get(f"/{language}/search/", {"q": "x"})
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_language_switcher_leads_to_the_same_page_in_other_languages(client, standard_page):
    html = client.get(standard_page["fi"].url).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert 'href="/sv/om/"' in switcher
    assert 'href="/en/about/"' in switcher
    assert 'aria-current="true" lang="fi"' in switcher
    # and the linked pages really are the translations
    assert "<h1>Om tjänsten</h1>" in client.get("/sv/om/").content.decode()


def test_hreflang_alternates_name_every_translation(client, standard_page):
    html = client.get("/en/about/").content.decode()
    for code, path in (("fi", "/fi/tietoa/"), ("sv", "/sv/om/"), ("en", "/en/about/")):
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{path}">' in html


def test_untranslated_page_says_so_and_links_that_languages_home(client, site_tree, locales):
    from home.models import StandardPage

    page = StandardPage(title="Vain suomeksi", slug="vain-suomeksi")
    site_tree["fi"].add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert 'href="/sv/"' in switcher and 'href="/en/"' in switcher
    assert "not translated yet" in switcher  # rendered in English for the English link
    assert "inte översatt" in switcher  # and in Swedish for the Swedish one


@pytest.mark.parametrize(
    ("accept", "target"),
    [("sv-FI,sv;q=0.9", "/sv/"), ("en-GB,en;q=0.8", "/en/"), ("fi", "/fi/"), ("de", "/fi/")],
)
def test_root_redirects_by_browser_language(client, site_tree, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_breadcrumbs_and_menu(client, standard_page):
    html = client.get("/sv/om/").content.decode()
    assert '<nav class="breadcrumbs"' in html
    assert 'href="/sv/">Startsida</a>' in html
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert 'href="/sv/om/" aria-current="page"' in menu


def test_participation_symbol_on_flagged_pages_only(client, standard_page):
    page = standard_page["en"]
    assert "You can take part" not in client.get(page.url).content.decode()
    page.participation_open = True
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "participation-symbol__label" in html
    assert "You can take part" in html


def test_footer_links_to_accessibility_statement_and_privacy_notice_in_reader_language(
    client, site_tree, standard_page
):
    from home.models import SiteSettings

    settings = SiteSettings.for_site(site_tree["site"])
    settings.accessibility_statement = standard_page["fi"]
    settings.privacy_notice = standard_page["fi"]
    settings.email = "osallisuus@example.fi"
    settings.save()
    html = client.get(site_tree["sv"].url).content.decode()
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
    assert 'href="/sv/om/"' in footer
    assert "mailto:osallisuus@example.fi" in footer


def test_page_not_found_is_translated(client, site_tree):
    response = client.get("/sv/finns-inte/")
    assert response.status_code == 404
    assert '<html lang="sv">' in response.content.decode()
