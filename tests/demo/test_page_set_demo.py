"""Issue 17: every page a resident can reach in the demo city (tests/page_set.py: the sitemap in
fi/sv/en, sub-pages, linked views, search, 404s, every form in its error state) is valid HTML
(the Nu HTML Checker), names its landmarks apart, says "Error:" first in the title of a failed
submission, offers language links that answer a GET, and reflows at 320 px without sideways
scrolling. The pages are rendered once through the Django test client and shared by the tests
(`rendered_pages`, tests/demo/conftest.py)."""

import json
import os
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import translation
from lxml import html as lxml_html

from tests import page_set
from tests.page_set import CLASS

pytestmark = pytest.mark.django_db

VNU_JAR = (
    Path(__file__).resolve().parents[1] / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def test_the_page_set_covers_every_kind_of_page(rendered_pages):
    labels = [p.label for p in rendered_pages]
    for language in ("fi", "sv", "en"):
        assert any(label.startswith(f"GET /{language}/") for label in labels), language
        assert f"GET /{language}/no-such-page/" in labels
    posted = [p for p in rendered_pages if p.method == "post"]
    # Sign-up, event feedback, idea box, quick poll, panel application, directory proposal and
    # newsletter subscription, each in its error state.
    for part in ("/registrations/event/", "/feedback/", "/feedback/idea/", "/feedback/poll/", "/apply/"):
        assert any(part in p.path for p in posted), part
    assert any("/propose/" in p.path for p in posted) and any("/newsletters/" in p.path for p in posted)
    assert len(rendered_pages) > 300


def _java():
    return shutil.which("java")


def test_nu_html_checker_finds_no_errors(rendered_pages, tmp_path):
    """vnu.jar (npm `vnu-jar`, tests/js) on every page of the set, in one Java process."""
    if _java() is None or not VNU_JAR.is_file():
        message = "Java or tests/js/node_modules/vnu-jar is missing (npm ci --prefix tests/js)"
        if os.environ.get("KUULU_REQUIRE_NODE") == "1":
            pytest.fail(f"KUULU_REQUIRE_NODE=1 but {message}")
        pytest.skip(message)
    files = {}
    for number, page in enumerate(rendered_pages):
        path = tmp_path / f"{number:04d}.html"
        path.write_text(page.html, encoding="utf-8")
        files[path.as_uri()] = page.label
    started = time.monotonic()
    result = subprocess.run(
        [
            _java(),
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, sorted(tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(f"\nvnu: {len(files)} pages in {time.monotonic() - started:.0f} s")
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    report = [
        f"{files.get(m.get('url'), m.get('url'))}: {m['message']}\n    {m.get('extract', '')[:160]!r}"
        for m in errors[:40]
    ]
    assert not errors, f"{len(errors)} HTML errors, the first:\n" + "\n".join(report)


def test_no_two_landmarks_of_a_kind_share_a_name(rendered_pages):
    """A screen reader's landmark list tells them apart (axe `landmark-unique`): no page has two
    landmarks of one role with the same name, or two unnamed ones (issue 17: a page's "Contact"
    region and the footer's, the header's and the search page's search forms)."""
    failures = []
    for page in rendered_pages:
        counts = Counter(page_set.landmarks(lxml_html.document_fromstring(page.html)))
        repeated = [f"{role} {name!r} ×{n}" for (role, name), n in counts.items() if n > 1]
        if repeated:
            failures.append(f"{page.label}: {', '.join(repeated)}")
    assert not failures, "\n".join(failures[:30])


def _title(page):
    return " ".join(lxml_html.document_fromstring(page.html).findtext(".//title").split())


def test_a_failed_submission_says_error_first_in_the_page_title(rendered_pages):
    """Every page showing the error summary (a form sent with errors, POST or GET filters) starts
    its title with "Error:" in its language, and no other page does."""
    prefixes = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            prefixes[language] = translation.pgettext("page title", "Error:")
    assert prefixes["fi"] == "Virhe:" and prefixes["sv"] == "Fel:"
    failures, with_errors = [], 0
    for page in rendered_pages:
        language = lxml_html.document_fromstring(page.html).get("lang")
        has_summary = 'id="error-summary"' in page.html
        with_errors += has_summary
        if has_summary != _title(page).startswith(prefixes[language] + " "):
            failures.append(f"{page.label}: {_title(page)!r}")
    assert with_errors > 20
    assert not failures, "\n".join(failures[:30])


def _language_links(page):
    document = lxml_html.document_fromstring(page.html)
    return [a.get("href") for a in document.xpath(f"{CLASS % 'language-switcher'}//a")]


def test_language_links_after_a_failed_post_lead_to_the_form_page(rendered_pages, rendered_by_path):
    """After a form is sent with errors, each language link leads to a page that answers a GET
    (the same form in that language), never a 405 (issue 17: the idea box). The page set's GET
    of the same address answers where it has one."""
    client = Client()
    failures, checked = [], 0
    for page in rendered_pages:
        if page.method != "post":
            continue
        for href in _language_links(page):
            checked += 1
            rendered = rendered_by_path.get(href)
            status = rendered.status if rendered else client.get(href).status_code
            if status not in (200, 302):
                failures.append(f"{page.label}: {href} answers {status}")
    assert checked > 20
    assert not failures, "\n".join(failures)


def test_not_found_pages_offer_only_what_exists(rendered_pages):
    """A 404 (a typo, or a sub-page that does not exist, such as a panel's results before its
    draw) leads to the reader's language home and offers only each language's home page; it
    names no hreflang alternate."""
    not_found = [p for p in rendered_pages if p.status == 404]
    assert len(not_found) >= 3
    for page in not_found:
        document = lxml_html.document_fromstring(page.html)
        language = document.get("lang")
        assert document.xpath(f"//main//a[@href='/{language}/']"), page.label
        assert sorted(_language_links(page)) == sorted(
            f"/{code}/" for code in ("fi", "sv", "en") if code != language
        ), page.label
        assert not document.xpath("//link[@rel='alternate'][@hreflang]"), page.label


# Reflow (WCAG 2.1 SC 1.4.10): at 320 CSS px nothing may need sideways scrolling.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.right > width + 0.5 && rect.width > 0 && getComputedStyle(el).position !== 'fixed') {
      const inner = [...el.children].some(c => c.getBoundingClientRect().right > width + 0.5);
      if (!inner) wide.push(`${el.tagName.toLowerCase()}${el.className ? '.' + [...el.classList].join('.') : ''}`
        + ` (${Math.round(rect.right)} px): ${(el.textContent || '').trim().slice(0, 50)}`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


@pytest.mark.browser
def test_every_page_reflows_at_320_px(rendered_pages, browser, site_server):
    """Every page of the set, fi/sv/en, at 320 × 640 with its styles, scripts, fonts and images:
    the document is no wider than the viewport; the failure names each page's overflowing
    elements.

    One tab on the site's live server (`site_server`: styles, scripts, fonts and images as the
    site serves them, kept in Chromium's cache from page to page) writes each rendered document
    (POST error states included) into itself at the page's own address (`history.replaceState`, then
    Playwright's `set_content`: `document.open`/`write`/`close`) and waits for its load event.
    Chromium parses, styles and lays it out as it would after navigating there, at a third of a
    navigation's CPU: a navigation builds a new document and frame in the renderer each time."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    loaded = Counter()
    try:
        tab = context.new_page()
        tab.on(
            "response",
            lambda response: response.ok and loaded.update([urlsplit(response.url).path.rsplit(".", 1)[-1]]),
        )
        failures = []
        started = time.monotonic()
        tab.goto(site_server.url + "/robots.txt")  # the site's origin, for the pages' own addresses
        for page in rendered_pages:
            tab.evaluate("path => history.replaceState(null, '', path)", urlsplit(page.path).path)
            tab.set_content(page.html, wait_until="load")
            overflow = tab.evaluate(OVERFLOW_JS)
            if overflow:
                failures.append(
                    f"{page.label}: {overflow['scrollWidth']} px > {overflow['width']} px\n      "
                    + "\n      ".join(overflow["wide"])
                )
        print(f"\nreflow: {len(rendered_pages)} pages in {time.monotonic() - started:.0f} s")
    finally:
        context.close()
    assert loaded["css"] and loaded["woff2"], (
        f"the pages were laid out without their styles or fonts: {loaded}"
    )
    assert not failures, f"{len(failures)} pages scroll sideways at 320 px:\n" + "\n".join(failures)


FIRST_SCREEN = {"width": 390, "height": 844}
BOTTOM_JS = """(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const rect = el.getBoundingClientRect();
  return {bottom: rect.bottom + window.scrollY, text: el.textContent.trim().slice(0, 80)};
}"""


def _upcoming_events():
    from django.utils import timezone

    from participation_pages.models import EventPage

    return EventPage.objects.live().filter(start__gt=timezone.now(), venue__isnull=False).order_by("start")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=FIRST_SCREEN)
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_an_event_page_shows_date_time_and_place_on_a_phones_first_screen(demo, site_server, phone):
    """At 390 × 844 (a phone that opens a QR poster's link) an event page shows its date, time and
    place without scrolling, in every language (they were ≈ 2,540 px down)."""
    for language in ("fi", "sv", "en"):
        event = _upcoming_events().filter(locale__language_code=language).first()
        phone.goto(site_server.url + event.url)
        for what, selector in (("date and time", ".event__facts time"), ("place", ".event__facts address")):
            found = phone.evaluate(BOTTOM_JS, selector)
            print(f"\n{event.url}: {what} ends {found and round(found['bottom'])} px down")
            assert found and found["bottom"] <= FIRST_SCREEN["height"], (event.url, what, found)


FIRST_EVENT_CARD_JS = """(calendar) => {
  const link = [...document.querySelectorAll('main a')].find(
    a => a.pathname.startsWith(calendar) && a.pathname.length > calendar.length);
  if (!link) return null;
  const card = link.closest('li') || link;
  const rect = card.getBoundingClientRect();
  return {bottom: rect.bottom + window.scrollY, text: card.textContent.trim().slice(0, 80)};
}"""


@pytest.mark.browser
def test_the_home_page_shows_its_first_upcoming_event_on_a_phones_first_screen(demo, site_server, phone):
    for language in ("fi", "sv", "en"):
        calendar = _upcoming_events().filter(locale__language_code=language).first().get_parent().url
        phone.goto(site_server.url + f"/{language}/")
        first = phone.evaluate(FIRST_EVENT_CARD_JS, calendar)
        assert first and first["bottom"] <= FIRST_SCREEN["height"], (language, first)
