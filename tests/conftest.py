import functools
import os
import re
import shutil
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests import arena_cache
from tests.browser import CHROMIUM

# Before the first test: every Python call that crosses a frame-stack chunk on CPython 3.11 maps
# and unmaps memory without it (tests/arena_cache/). CI (KUULU_REQUIRE_ARENA_CACHE=1) refuses to
# run without it, as it refuses a missing Chromium.
arena_cache.install()

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# while one is active unless told that this is deliberate (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = [
    "tests.fixtures",
    "tests.fixtures_events",
    "tests.fixtures_panels",
    "tests.fixtures_registrations",
    "tests.fixtures_feedback",
    "tests.fixtures_directory",
    "tests.fixtures_directory_content",
]


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server", "site_server"}

# Browser tests of how a page renders (axe, the keyboard walk, forced colours, the layout at a
# width, printing, the brand colour, CSP reports): what they check is the HTML and CSS Chromium
# gets, the same from either engine, so they run once, in `make check` (on SQLite), like the
# demo city. Browser tests of a flow (signing up, applying, publishing in the admin, reviewing a
# translation, signing in) write through the database and run on both engines.
RENDERING_TEST = re.compile(
    r"axe|keyboard_walk|by_keyboard|keyboard_reaches|forced_colours|on_a_phone|wide_screen|brand_colour|prints|csp_violations"
    r"|renders_inside_the_editor|readable_without_javascript|becomes_a_link_with_javascript"
)


def pytest_configure(config):
    if (
        os.environ.get("KUULU_REQUIRE_ARENA_CACHE") == "1"
        and arena_cache.needed()
        and not arena_cache.installed()
    ):
        raise pytest.UsageError(
            "KUULU_REQUIRE_ARENA_CACHE=1 but tests/arena_cache/arena_cache.c could not be compiled (no cc?)"
        )


def pytest_collection_modifyitems(config, items):
    """Mark database tests (`-m database`), and skip browser tests without Chromium — except in
    CI (KUULU_REQUIRE_BROWSER=1), where a missing Chromium is an installation error."""
    has_chromium = shutil.which(CHROMIUM) is not None
    browser_items = [item for item in items if "browser" in item.keywords]
    if browser_items and not has_chromium:
        if os.environ.get("KUULU_REQUIRE_BROWSER") == "1":
            raise pytest.UsageError(
                f"KUULU_REQUIRE_BROWSER=1 but {CHROMIUM} is missing: browser tests cannot run"
            )
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} not found"))
    for item in items:
        if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)
        # The demo city is development content: `make run` loads it on SQLite and `make
        # prod-smoke` loads it on PostgreSQL, so its tests run once (engine features such as
        # search have tests of their own on both engines).
        if item.nodeid.startswith("tests/demo/") or (
            "browser" in item.keywords and RENDERING_TEST.search(item.originalname)
        ):
            item.add_marker(pytest.mark.engine_independent)
    # After pytest-django's ordering (a tryfirst hook), which it keeps: the modules with
    # transactional tests last.
    items.sort(key=lambda item: _has_transactional_tests(item.nodeid.split("::", 1)[0]))


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits live in the cache; start every test with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language. Django leaves the last request's language
    active in the thread (LocaleMiddleware; the Wagtail admin's preferred language), so without
    this a test's `reverse()` depended on which test ran before it on the same worker."""
    translation.deactivate()
    yield
    translation.deactivate()


class _SteadyWallClock:
    """`time.time()` (time_machine's travels included), moved back ten minutes for the whole test
    when its first reading falls in the last ten minutes of an hour: a rate limit's hour window
    (aligned to the hour, `home.ratelimit`) then never ends in the middle of a test that counts
    attempts, however slowly the machine runs it."""

    def __init__(self):
        self.shift = None

    def __call__(self):
        now = time.time()
        if self.shift is None:
            self.shift = 600 if now % 3600 >= 3000 else 0
        return now - self.shift


@pytest.fixture(autouse=True)
def _steady_clocks(monkeypatch):
    """Wall-clock limits that a slow run must not cross in the middle of a test: what
    `page_cache.remember` keeps expires only by generation (a test that compares the queries of
    two requests failed when the 60 s expiry fell between them on a loaded machine; the expiry
    has its own test), and rate-limit windows do not roll over (`_SteadyWallClock`)."""
    from home import page_cache, ratelimit

    monkeypatch.setattr(page_cache, "_clock", lambda: 0.0)
    monkeypatch.setattr(ratelimit, "_clock", _SteadyWallClock())


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def postgres_only(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


# A module whose source names one of these has tests on a transactional database, which end by
# restoring the copy of the shared site (tests/snapshot.py); they run last, after the tests that
# share data in module-level transactions.
TRANSACTIONAL_MARKS = ("transaction=True", "transactional_db", "live_server")


@functools.cache
def _has_transactional_tests(path):
    try:
        source = (settings.BASE_DIR / path).read_text(encoding="utf-8")
    except OSError:
        return False
    return any(mark in source for mark in TRANSACTIONAL_MARKS)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under pytest-xdist (`-n`), give each worker whole modules, so module-level data is built
    once, and the whole demo package to one worker, so the demo city is loaded once."""
    from xdist.scheduler import LoadScopeScheduling

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            if path.startswith("tests/demo/"):
                return "tests/demo/"
            return path

    return ModuleScheduling(config, log)


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    arena = "yes" if arena_cache.installed() else ("no" if arena_cache.needed() else "not needed")
    return (
        f"Kuulu: database={engine}, chromium={'yes' if shutil.which(CHROMIUM) else 'no'}, arena cache={arena}"
    )
