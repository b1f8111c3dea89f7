"""Fixtures shared by every test module: locales, a three-language site, users, a browser."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site

from demo.translation import Translations, translate
from home.models import HomePage, StandardPage
from tests.browser import CHROMIUM, CHROMIUM_ARGS


def ensure_baseline():
    """What migrations create and a transactional test's flush removes: the Finnish locale,
    Wagtail's root page, a default site, and Kuulu's groups and review workflow."""
    from home.roles import ensure_roles

    fi, _ = Locale.objects.get_or_create(language_code="fi")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=fi))
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True)
    ensure_roles()


@pytest.fixture
def locales(db):
    ensure_baseline()
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fi", "sv", "en")}


@pytest.fixture
def tr():
    return Translations()


@pytest.fixture
def site_tree(locales, tr):
    """A home page in fi with real sv/en translations made through wagtail-localize.

    Returns a dict: {"fi": HomePage, "sv": HomePage, "en": HomePage, "site": Site, "tr": tr}.
    """
    root = Page.get_first_root_node()
    home = HomePage(
        title=tr("Etusivu", "Startsida", "Front page"),
        slug=tr("koti", "hem", "home"),
        locale=locales["fi"],
        site_name=tr("Testikaupunki", "Teststad", "Test City"),
        hero_heading=tr("Tervetuloa", "Välkommen", "Welcome"),
        hero_text=tr("Osallistu meillä.", "Delta hos oss.", "Take part with us."),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    old = site.root_page
    site.root_page = home
    site.hostname = "testserver"
    site.port = 80
    site.save()
    if old.depth == 2 and old.id != home.id:
        old.delete()
    translated = translate(home, tr)
    return {
        "fi": home,
        "sv": translated["sv"].specific,
        "en": translated["en"].specific,
        "site": site,
        "tr": tr,
    }


@pytest.fixture
def standard_page(site_tree):
    """A standard page under the Finnish home page, translated into sv and en."""
    tr = site_tree["tr"]
    page = StandardPage(
        title=tr("Tietoa palvelusta", "Om tjänsten", "About the service"),
        slug=tr("tietoa", "om", "about"),
        introduction=tr("Lyhyt johdanto.", "En kort inledning.", "A short introduction."),
        body=[
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Kuulu kertoo, miten voit vaikuttaa.",
                        "Kuulu berättar hur du kan påverka.",
                        "Kuulu tells you how you can have your say.",
                    )
                ),
            )
        ],
        show_in_menus=True,
    )
    site_tree["fi"].add_child(instance=page)
    page.save_revision().publish()
    translated = translate(page, tr)
    return {"fi": page, "sv": translated["sv"].specific, "en": translated["en"].specific}


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.com", "correct-horse-battery")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Browser tests use transactional_db without serialized_rollback: starting Playwright gives
    # Django new connection objects (its sync API switches context), which lose the serialized
    # snapshot. Instead, fixtures rebuild the migration baseline (see ensure_baseline).
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def browser_page(browser):
    """A fresh browser tab (own cookies) for one test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
