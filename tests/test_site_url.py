"""Issue 12: one source of absolute URLs, the configured base URL (no `localhost` in links)."""

import io
import re
from urllib.parse import urlsplit

import pytest
import time_machine
import zxingcpp
from django.apps import apps
from django.core import mail
from django.utils import timezone
from PIL import Image

from home import site_url
from registrations import jobs
from registrations.models import Registration
from tests.fixtures_registrations import signup
from tests.test_feedback_events import rasterise_svg
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


def assert_links_on_base_url(name, text):
    body = text.encode() if isinstance(text, str) else text
    links = {u for u in absolute_urls(body) if urlsplit(u).hostname in OUR_HOSTS}
    assert b"localhost" not in body and b"testserver" not in body, name
    assert all(u.startswith(BASE) for u in links), (name, links)
    return links


def test_every_email_links_to_the_base_url(
    client, city_base_url, signup_event, django_capture_on_commit_callbacks
):
    """Sign-up confirmation (with its .ics), reminder, follow-up and newsletter confirmation."""
    start = timezone.now() + timezone.timedelta(days=3)
    event = signup_event(start=start, reminder_hours_before=24)
    sent = {}

    def capture(name, func, *args):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            func(*args)
        [sent[name]] = mail.outbox[before:]

    capture("sign-up confirmation", signup, event, "a@example.org")
    capture("reminder", jobs.send_due_reminders, start - timezone.timedelta(hours=23))
    Registration.objects.update(follow_up_opt_in=True)
    event.follow_up_what_happened = "<p>Kuulimme teitä.</p>"
    event.follow_up_published_at = timezone.localdate()
    with time_machine.travel(event.end + timezone.timedelta(days=1)):
        capture("follow-up", event.save_revision().publish)
    capture(
        "newsletter confirmation",
        client.post,
        "/fi/newsletters/",
        {"email": "b@example.org", "consent": "on", "source": "home", "language": "fi"},
    )
    for name, message in sent.items():
        parts = [message.body, *(alternative.content for alternative in message.alternatives)]
        parts += [content for _filename, content, _type in message.attachments]
        links = set()
        for part in parts:
            links |= assert_links_on_base_url(name, part)
        assert any(link.startswith(BASE + "/fi/") for link in links), name


def test_printed_feedback_posters_and_qr_codes_carry_the_base_url(client, city_base_url, make_event):
    event = make_event()
    expected = BASE + event.url + event.reverse_subpage("feedback")
    for subpage in ("feedback_poster", "feedback_card"):
        response = client.get(event.url + event.reverse_subpage(subpage), HTTP_HOST="localhost")
        assert response.status_code == 200, subpage
        html = response.content.decode()
        assert expected in html, subpage
        svg = re.search(r"<svg[^>]*class=\"qr-code\".*?</svg>", html, re.S).group(0)
        assert [code.text for code in zxingcpp.read_barcodes(rasterise_svg(svg))] == [expected], subpage
    png = client.get(event.url + event.reverse_subpage("feedback_qr_png"), HTTP_HOST="localhost")
    assert [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))] == [expected]
