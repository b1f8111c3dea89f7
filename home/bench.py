"""Shared parts of the apps' benchmarks (`<app>/bench.py`, run by `make bench`).

`scratch_database()` gives a throwaway test database (SQLite file or DATABASE_URL's server),
`bench_home()` a home page to build on;
`report_pages(command, rows)` requests each URL once to warm up and then `rounds` times, and
prints the median and slowest server time, the number of queries and the response size.
"""

import statistics
import time
from contextlib import contextmanager

ROUNDS = 15


@contextmanager
def scratch_database():
    from django.test.utils import setup_databases, teardown_databases

    config = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)


def bench_home():
    """A Finnish home page, made the default site's root (served at 127.0.0.1); returns it."""
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage

    fi = Locale.objects.get_or_create(language_code="fi")[0]
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Bench", slug="bench", locale=fi, site_name="Bench", hero_heading="Bench")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page, site.hostname, site.port = home, "127.0.0.1", 80
    site.save()
    return home


def measure(client, url, rounds=ROUNDS):
    """(median ms, slowest ms, queries of the last request, body bytes) for GET `url`."""
    from django.db import connection, reset_queries

    client.get(url, HTTP_HOST="127.0.0.1")
    timings = []
    for _ in range(rounds):
        reset_queries()
        began = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), max(timings), len(connection.queries), len(body)


def report_pages(command, rows, rounds=ROUNDS):
    """Measure and print each (label, url) of `rows`."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    width = max(len(label) for label, _url in rows) + 1
    with CaptureQueriesContext(connection):  # counts queries even with DEBUG off
        for label, url in rows:
            median, slowest, queries, size = measure(client, url, rounds)
            command.stdout.write(
                f"{label:<{width}} median {median:7.1f} ms   max {slowest:7.1f} ms   "
                f"{queries:3d} queries   {size / 1024:6.0f} KiB   {url}"
            )
