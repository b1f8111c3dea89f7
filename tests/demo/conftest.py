"""The demo city is loaded once for every test in this package (loading it takes minutes), inside a
transaction that is rolled back when the package is done; each test runs in a savepoint of it.
Its page set (tests/page_set.py: every page a resident can reach) is rendered once too, and the
tests that check every page read those responses."""

import shutil
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings

from tests import baseline, page_set
from tests.browser import CHROMIUM


@pytest.fixture(scope="package")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _media_root(settings, demo_media):
    """The demo's images are written once, so every test here reads the same media folder."""
    settings.MEDIA_ROOT = demo_media


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, demo_media, request):
    if shutil.which(CHROMIUM) and any(item.get_closest_marker("browser") for item in request.session.items):
        # Start Playwright before the demo's transaction: starting it gives Django new
        # connection objects (tests/fixtures.py), which on SQLite would wait for the lock the
        # demo's open transaction holds.
        request.getfixturevalue("browser")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media), transaction.atomic():
        mail.outbox = []
        baseline.remove()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", verbosity=0)
        yield {"emails_sent": list(mail.outbox)}
        transaction.set_rollback(True)


@pytest.fixture(scope="package")
def rendered_pages(demo, django_db_blocker):
    """[page_set.Rendered] of the demo city, rendered once for the package."""
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.monotonic()
        pages = page_set.collect(Client(), extra_paths=page_set.secret_link_paths())
        print(f"\npage set: {len(pages)} pages rendered in {time.monotonic() - started:.0f} s")
        transaction.set_rollback(True)  # what the forms sent changed (nothing, if all failed)
    return pages


@pytest.fixture(scope="package")
def rendered_by_path(rendered_pages):
    """{path: page_set.Rendered} of the page set's plain GETs."""
    return page_set.by_path(rendered_pages)
