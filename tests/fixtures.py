"""Fixtures shared by every test module: locales, a three-language site, users, a browser."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from tests import baseline
from tests.browser import CHROMIUM, CHROMIUM_ARGS, SharedConnectionServer


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the shared site (tests/baseline.py) built once and committed."""
    with django_db_blocker.unblock():
        return baseline.build()


@pytest.fixture
def shared_site(django_db_setup, request):
    """{name: {language: pk}} of the shared site. A transactional test runs after another one
    emptied the database, so it builds the site again (and empties it again when it ends)."""
    request.getfixturevalue("transactional_db" if _is_transactional(request) else "db")
    ids = django_db_setup
    if not baseline.exists(ids):
        ids = baseline.build()
    return ids


@pytest.fixture(scope="module")
def module_site(django_db_setup, django_db_blocker):
    """For data a module's tests share: an atomic block around the whole module, in which
    module-scoped fixtures build their rows once; each test runs in a savepoint of it and the
    block is rolled back when the module is done. Returns {"ids": shared site ids, "tr": …}.
    Only for modules without transactional tests (pytest-django runs those last)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield {"ids": django_db_setup, "tr": baseline.translations()}
        transaction.set_rollback(True)


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    return (
        bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        or "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
    )


def _fetch(model, ids):
    """{language: instance} for one translated object of the shared site."""
    objects = model.objects.in_bulk(ids.values())
    return {code: objects[pk] for code, pk in ids.items()}


@pytest.fixture
def locales(db, shared_site):
    return {code: Locale.objects.get(language_code=code) for code in baseline.LANGUAGES}


@pytest.fixture
def tr():
    return baseline.translations()


@pytest.fixture
def site_tree(shared_site, locales, tr):
    """The shared home page in fi with real sv/en translations made through wagtail-localize.

    Returns a dict: {"fi": HomePage, "sv": HomePage, "en": HomePage, "site": Site, "tr": tr}.
    """
    pages = _fetch(HomePage, shared_site["home"])
    return {**pages, "site": Site.objects.get(pk=shared_site["site"]), "tr": tr}


def shared_pages(name):
    """A fixture returning {language: page} for one of the shared site's index pages."""

    @pytest.fixture(name=name)
    def fixture(site_tree, shared_site):
        pages = _fetch(Page, shared_site[name])
        return {code: page.specific for code, page in pages.items()}

    fixture.__doc__ = f"The shared site's {name.replace('_', ' ')} in fi, sv and en."
    return fixture


standard_page = shared_pages("standard_page")


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
    # snapshot. Instead, fixtures rebuild the shared site (see the shared_site fixture).
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def _shared_connection_server():
    server = SharedConnectionServer()
    yield server
    server.stop()


@pytest.fixture
def site_server(db, _shared_connection_server):
    """A live server (`.url`) that sees this test's rows and whose writes are rolled back with
    them (see tests.browser.SharedConnectionServer)."""
    from django.db import DEFAULT_DB_ALIAS, connections

    _shared_connection_server.serve(connections[DEFAULT_DB_ALIAS])
    yield _shared_connection_server
    _shared_connection_server.release()


@pytest.fixture
def browser_page(browser):
    """A fresh browser tab (own cookies) for one test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
