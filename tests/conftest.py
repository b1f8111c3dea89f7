import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.browser import CHROMIUM

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


def pytest_collection_modifyitems(config, items):
    skip_browser = pytest.mark.skip(reason=f"{CHROMIUM} not found")
    has_chromium = shutil.which(CHROMIUM) is not None
    for item in items:
        if "browser" in item.keywords and not has_chromium:
            item.add_marker(skip_browser)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits live in the cache; start every test with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def postgres_only(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"Kuulu: database={engine}, chromium={'yes' if shutil.which(CHROMIUM) else 'no'}"
