"""Issue 12: one source of absolute URLs, the configured base URL (no `localhost` in links)."""

import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.utils import timezone

from home import site_url
from tests.test_security import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db

BASE = "https://osallistu.example.fi"
OUR_HOSTS = {"osallistu.example.fi", "localhost", "testserver"}
URL = re.compile(rb"https?://[^\s\"'<>\\]+")


@pytest.fixture
def city_base_url(settings, site_tree):
    settings.WAGTAILADMIN_BASE_URL = BASE
    # What every `migrate` does (home.apps connects it to post_migrate), here without migrating.
    site_url.post_migrate_handler(sender=apps.get_app_config("wagtailcore"))
    return BASE


def absolute_urls(body):
    return {match.decode() for match in URL.findall(body)}


def test_every_absolute_link_is_on_the_base_url_whatever_the_host_header(
    client, city_base_url, calendar_page, make_event, directory_page
):
    event = make_event(title="Ilta", start=timezone.now() + timezone.timedelta(days=2))
    calendar = calendar_page["fi"].url
    assert calendar.startswith(BASE) or calendar.startswith("/")
    path = lambda url: re.sub(r"^https?://[^/]+", "", url)  # noqa: E731
    outputs = {
        "rss": path(calendar) + "rss/",
        "atom": path(calendar) + "atom/",
        "ical": path(calendar) + "ical/",
        "ics": path(event.url) + "ics/",
        "event page": path(event.url),
        "calendar page": path(calendar),
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "directory csv": path(directory_page["fi"].url) + "export/csv/",
    }
    for name, url in outputs.items():
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # Links to this site (share links to other services carry it only as a parameter).
        links = {u for u in absolute_urls(body) if urlsplit(u).hostname in OUR_HOSTS}
        assert b"localhost" not in body, name
        assert all(u.startswith(BASE) for u in links), (name, links)
    assert any(u.startswith(BASE + "/fi/") for u in absolute_urls(client.get("/sitemap.xml").content))
    assert event.full_url.startswith(BASE + "/")


def test_production_check_refuses_a_local_or_plain_http_base_url():
    for bad in ("http://localhost", "https://127.0.0.1:8000", "http://osallistu.example.fi"):
        result = run_manage(
            "check", "--deploy", env_overrides={**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": bad}
        )
        assert result.returncode != 0, bad
        assert "kuulu.E001" in result.stderr + result.stdout, bad
