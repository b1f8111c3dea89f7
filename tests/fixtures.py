"""Fixtures shared by every test module: locales, a three-language site, users, a browser."""

import pytest
from django.contrib.auth import get_user_model
from django.test import TransactionTestCase
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from tests import baseline, db_copies, snapshot
from tests.browser import CHROMIUM, CHROMIUM_ARGS, SharedConnectionServer

_SITE = {}  # {"ids": …} of the shared site now in the database; what this process is to keep


def _site_ids():
    """Ids of the shared site, built again first if the database no longer holds it. A site
    built outside a transaction is copied (tests/snapshot.py) for the transactional tests; the
    first one the first process of an engine builds is also kept for the other processes
    (tests/db_copies.py)."""
    if not baseline.exists(_SITE.get("ids")):
        _SITE["ids"] = baseline.build()
        if _SITE.pop("keep_site", False):
            db_copies.SITE.keep(_SITE["ids"])
        snapshot.take()
    return _SITE["ids"]


_flush = TransactionTestCase._fixture_teardown


def _restore_or_flush(self):
    """After a transactional test: the copy of the shared site instead of an empty database."""
    if snapshot.available():
        snapshot.restore()
    else:
        _flush(self)


TransactionTestCase._fixture_teardown = _restore_or_flush


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings, django_db_blocker):
    """pytest-django's `--reuse-db`, or True when the test database was made from a copy another
    process kept (tests/db_copies.py): the one holding the shared site, else the migrated one.
    Without the site's copy, the lock stays held until this process has built and kept it
    (`django_db_setup`): the other processes wait for it rather than build the site too."""
    if request.config.getvalue("reuse_db") or not db_copies.enabled():
        return request.config.getvalue("reuse_db")
    db_copies.acquire()
    with django_db_blocker.unblock():
        ids = db_copies.SITE.seed()
        if ids is not None:
            _SITE.update(ids=ids, copied=True)
            db_copies.release()
            return True
        seeded = db_copies.MIGRATED.seed() is not None
    _SITE.update(keep_migrated=not seeded, keep_site=True)
    return seeded


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the shared site (tests/baseline.py) built once and committed, or
    copied with it; the copies this process is to keep are kept, then the lock released."""
    with django_db_blocker.unblock():
        try:
            if _SITE.pop("keep_migrated", False):
                db_copies.MIGRATED.keep()
            if _SITE.pop("copied", False) and baseline.exists(_SITE["ids"]):
                snapshot.take()  # what _site_ids() does after a build
            return _site_ids()
        finally:
            db_copies.release()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by putting back the copy of the shared site, or, where there is
    no copy, by emptying every table: then build the shared site again, committed, for the tests
    that follow it (under pytest-xdist a worker runs whole modules in turn)."""
    result = yield
    if nextitem is not None and "ids" in _SITE and _is_transactional(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _site_ids()
    return result


@pytest.fixture
def shared_site(django_db_setup, request):
    """{name: {language: pk}} of the shared site."""
    request.getfixturevalue("transactional_db" if _is_transactional(request.node) else "db")
    return _site_ids()


@pytest.fixture(scope="module")
def module_site(django_db_setup, django_db_blocker):
    """For data a module's tests share: an atomic block around the whole module, in which
    module-scoped fixtures build their rows once; each test runs in a savepoint of it and the
    block is rolled back when the module is done. Returns {"ids": shared site ids, "tr": …}.
    Not for modules with transactional tests."""
    from django.db import transaction

    with django_db_blocker.unblock():
        ids = _site_ids()
        with transaction.atomic():
            yield {"ids": ids, "tr": baseline.translations()}
            transaction.set_rollback(True)


def _is_transactional(item):
    """Whether the test `item` runs on a transactional database (its tables emptied after it)."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return (
        bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


def _fetch(model, ids):
    """{language: instance} for one translated object of the shared site."""
    objects = model.objects.in_bulk(ids.values())
    return {code: objects[pk] for code, pk in ids.items()}


def fetch_pages(ids):
    """{language: specific page} of one translated page from its {language: pk}."""
    return {code: page.specific for code, page in _fetch(Page, ids).items()}


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
        return fetch_pages(shared_site[name])

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
