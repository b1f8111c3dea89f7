"""Issue 12: one source of absolute URLs, the configured base URL (no `localhost` in links)."""

import io
import json
import re
from urllib.parse import urlsplit

import pytest
import time_machine
import zxingcpp
from django.apps import apps
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.models import Page

from home import site_url
from registrations import jobs
from registrations.models import Registration
from tests.fixtures_directory import make_organisation
from tests.fixtures_registrations import signup
from tests.test_feedback_events import rasterise_svg
from tests.test_security import CHECK_DEPLOY_SCRIPT, PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db

BASE = "https://osallistu.example.fi"
MAKE_RUN_BASE = "http://127.0.0.1:8000"  # what `make run` sets (HOST and PORT in the Makefile)
OUR_HOSTS = {"osallistu.example.fi", "localhost", "testserver", "127.0.0.1"}
URL = re.compile(rb"https?://[^\s\"'<>\\]+")


@pytest.fixture
def city_base_url(settings, site_tree):
    settings.WAGTAILADMIN_BASE_URL = BASE
    # What every `migrate` does (home.apps connects it to post_migrate), here without migrating.
    site_url.post_migrate_handler(sender=apps.get_app_config("wagtailcore"))
    return BASE


def absolute_urls(body):
    return {match.decode() for match in URL.findall(body)}


@pytest.mark.parametrize("base", [BASE, MAKE_RUN_BASE], ids=["production", "make run"])
def test_every_absolute_link_is_on_the_base_url_whatever_the_host_header(
    client,
    superuser,
    settings,
    site_tree,
    base,
    calendar_page,
    make_event,
    directory_page,
    news_index,
    make_article,
):
    """Feeds, .ics, the API, the sitemap, exports and a page of every type in the shared site
    (event, organisation and article added), asked for on `localhost`: every link to this site
    is on the base URL, under production's address and under `make run`'s."""
    staff = Client()
    staff.force_login(superuser)
    settings.WAGTAILADMIN_BASE_URL = base
    site_url.post_migrate_handler(sender=apps.get_app_config("wagtailcore"))
    event = make_event(title="Ilta", start=timezone.now() + timezone.timedelta(days=2))
    make_event(title="Mennyt", start=timezone.now() - timezone.timedelta(days=9))  # follow-up due
    organisation = make_organisation(directory_page["fi"], title="Kuoro", website="")
    article = make_article("Uutinen")
    calendar = calendar_page["fi"].url
    assert calendar.startswith(base) or calendar.startswith("/")
    path = lambda url: re.sub(r"^https?://[^/]+", "", url)  # noqa: E731
    pages = {
        f"{page.specific_class.__name__} page": path(page.specific.url)
        for page in Page.objects.live().filter(depth__gt=1, locale__language_code="fi")
    }
    pages.update({"organisation page": path(organisation.url), "article page": path(article.url)})
    outputs = {
        **pages,
        "news rss": path(news_index["fi"].url) + "rss/",
        "directory json": path(directory_page["fi"].url) + "export/json/",
        "api events": "/api/v2/events/?fields=*",
        "api event": f"/api/v2/events/{event.pk}/",
        "api pages": "/api/v2/pages/?fields=*",
        "rss": path(calendar) + "rss/",
        "atom": path(calendar) + "atom/",
        "ical": path(calendar) + "ical/",
        "ics": path(event.url) + "ics/",
        "event page": path(event.url),
        "calendar page": path(calendar),
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "directory csv": path(directory_page["fi"].url) + "export/csv/",
        "follow-ups due export": reverse("participation_pages_follow_ups_due") + "?export=csv",
    }
    for name, url in outputs.items():
        # What the public reads; the staff export as staff (signed in, pages would carry
        # Wagtail's user bar, whose admin links follow the editor's own host).
        response = (staff if name.endswith("export") else client).get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # Links to this site (share links to other services carry it only as a parameter).
        links = {u for u in absolute_urls(body) if urlsplit(u).hostname in OUR_HOSTS}
        assert b"localhost" not in body, (name, re.findall(rb"[^\n]{0,100}localhost[^\n]{0,60}", body))
        assert all(u.startswith(base + "/") for u in links), (name, links)
    assert any(u.startswith(base + "/fi/") for u in absolute_urls(client.get("/sitemap.xml").content))
    api_event = client.get(f"/api/v2/events/{event.pk}/", HTTP_HOST="localhost").json()
    assert api_event["meta"]["html_url"] == base + path(event.url)
    assert event.full_url.startswith(base + "/")


BAD_BASE_URLS = ("http://localhost", "https://127.0.0.1:8000", "http://osallistu.example.fi")


def test_production_check_refuses_a_local_or_plain_http_base_url():
    # One production-settings process for every case, not one each: starting Django costs
    # seconds of CPU. The first value comes from the environment as in production (and `manage.py
    # check` itself exits non-zero for it), the others replace the setting in the same process.
    script = CHECK_DEPLOY_SCRIPT + (
        "from django.test import override_settings\n"
        "outcome = {'environment': check_deploy()}\n"
        f"for bad in {BAD_BASE_URLS!r}:\n"
        "    with override_settings(WAGTAILADMIN_BASE_URL=bad):\n"
        "        outcome[bad] = check_deploy()\n"
        "print(json.dumps(outcome))\n"
        "call_command('check', '--deploy')\n"
    )
    env = {**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": BAD_BASE_URLS[0]}
    result = run_manage("shell", "-c", script, env_overrides=env)
    # The last line, `check --deploy` as `manage.py check` runs it, fails on the environment's URL.
    assert result.returncode != 0, result.stdout + result.stderr
    assert "kuulu.E001" in result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(outcome) == {"environment", *BAD_BASE_URLS}
    for case, message in outcome.items():
        assert message is not None, case
        assert "kuulu.E001" in message, case


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
