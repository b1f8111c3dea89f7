"""The page set that validity and reflow tests (issue 17) check: what a resident can reach.

Found, not listed: every page of the sitemap (every language), each routable page's sub-pages
without arguments (calendar views, screen view, sign-up and application forms, feedback), every
same-site HTML page those pages link to (sign-up, poll, results, newsletter pages…, one address
per path), the search with and without results, a 404 in each language, each GET form sent with a
value that is not a choice (the filters' error state) and each POST form sent empty (the form's
error state). A new page type, sub-page, view or form is then covered without a test change.

`collect(client)` renders them through the Django test client and returns `[Rendered]`;
`by_path(rendered)` finds a page's plain GET among them, so other tests of the demo read the same
responses instead of rendering the page again.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.urls import URLPattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

LANGUAGES = ("fi", "sv", "en")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
INVALID_CHOICE = "no-such-choice"
# XPath of the elements with a class: CLASS % "language-switcher" (lxml without cssselect).
CLASS = "//*[contains(concat(' ', normalize-space(@class), ' '), ' %s ')]"
# Paths that are not pages a resident reads (feeds, files, posters for print, the admin).
SKIPPED = re.compile(r"^/(admin|documents|api|i18n|static|media)/|/(ical|rss|atom|ics|export/[a-z]+)/$")


@dataclass
class Rendered:
    """One page of the set: `label` says how it was reached (e.g. "POST /fi/feedback/idea/ {}")."""

    label: str
    path: str
    method: str
    status: int
    html: str


class _Links(HTMLParser):
    """Same-site links and forms of a page: hrefs, and [(method, action, [field names])]."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.forms = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        elif tag == "form":
            self.forms.append(((attrs.get("method") or "get").lower(), attrs.get("action"), []))
        elif (
            tag in ("input", "select", "textarea")
            and self.forms
            and attrs.get("name") not in (None, "csrfmiddlewaretoken")
            and attrs.get("type") not in ("hidden", "submit")
        ):
            self.forms[-1][2].append(attrs["name"])


def sitemap_paths(client):
    """Paths of every <loc> in /sitemap.xml, in its order."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [urlsplit(loc.text).path for loc in root.iter(f"{SITEMAP_NS}loc")]


def sub_page_paths(page):
    """A routable page's sub-pages that take no argument (`upcoming/`, `apply/`, `feedback/`…)."""
    if not isinstance(page, RoutablePageMixin):
        return []
    paths = []
    for pattern in page.get_subpage_urls():
        if isinstance(pattern, URLPattern) and "<" not in str(pattern.pattern):
            route = str(pattern.pattern).lstrip("^").rstrip("$")
            if route:
                paths.append(page.url + route)
    return paths


def _is_html(response):
    return (
        not response.streaming
        and response.status_code in (200, 400, 404, 403, 410)
        and "text/html" in response.get("Content-Type", "")
    )


def collect(client, extra_paths=()):
    """Render the whole page set with `client` (a django.test.Client); returns [Rendered].

    `extra_paths`: pages no link leads to (behind a secret link in an e-mail); their forms are
    sent empty too. Sending forms may change rows: run it in a transaction that is rolled back."""
    rendered, seen_paths, forms = [], set(), {}

    def visit(path, label=None, query="", method="get", data=None):
        response = client.get(path, QUERY_STRING=query) if method == "get" else client.post(path, data or {})
        if not _is_html(response):
            return None
        html = response.content.decode()
        shown = f"{path}?{query}" if query else path
        rendered.append(
            Rendered(label or f"{method.upper()} {shown}", shown, method, response.status_code, html)
        )
        parser = _Links()
        parser.feed(html)
        for form_method, action, fields in parser.forms:
            target = urlsplit(action).path if action else path
            if target.startswith(("/i18n/", "/admin/")) or target.endswith("/search/"):
                continue
            # One error state per kind of form: the same form on many pages (a sign-up per event)
            # differs only in the ids in its address.
            kind = (form_method, re.sub(r"\d+", "N", target), tuple(sorted(fields)))
            forms.setdefault(kind, (form_method, target, fields))
        return parser

    # The sitemap's pages, then their routable sub-pages.
    pages = sitemap_paths(client)
    assert pages, "the sitemap is empty"
    routable = {page.url: page for page in Page.objects.live().public().specific() if page.url}
    queue = []
    for path in pages:
        seen_paths.add(path)
        queue.append(path)
        for sub in sub_page_paths(routable.get(path)):
            if sub not in seen_paths:
                seen_paths.add(sub)
                queue.append(sub)
    links = []
    for path in queue:
        parser = visit(path)
        if parser is not None:
            links.extend(parser.hrefs)
    # Same-site pages the pages link to (once per path: filters and paging are the same page).
    for href in links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path in seen_paths:
            continue
        if SKIPPED.search(parts.path) or parts.path.endswith("/search/"):
            continue
        seen_paths.add(parts.path)
        visit(parts.path, query=parts.query)
    for path in extra_paths:
        if path not in seen_paths:
            seen_paths.add(path)
            visit(path)
    # Non-page views in every language.
    for language in LANGUAGES:
        visit(f"/{language}/search/")
        visit(f"/{language}/search/", query="q=a")
        visit(f"/{language}/no-such-page/")
    # Each kind of form in its error state.
    for method, target, fields in list(forms.values()):
        if method == "get":
            if fields:
                query = "&".join(f"{name}={INVALID_CHOICE}" for name in fields)
                visit(target, label=f"GET {target} (invalid choices)", query=query)
        else:
            visit(target, label=f"POST {target} (empty)", method="post", data={})
    return rendered


def secret_link_paths():
    """The pages behind the secret links of e-mails, in every language: a sign-up's own page and
    a subscription's confirmation, preferences and unsubscribe pages (for `collect`'s
    `extra_paths`)."""
    from newsletters.models import Subscription
    from registrations.models import Registration

    registration = Registration.objects.filter(anonymised_at__isnull=True).first()
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False).first()
    unconfirmed = Subscription.objects.filter(confirmed_at__isnull=True).first()
    paths = []
    for language in LANGUAGES:
        if registration:
            paths.append(f"/{language}/registrations/{registration.token}/")
        for subscription, views in ((confirmed, ("preferences", "unsubscribe")), (unconfirmed, ("confirm",))):
            if subscription:
                paths += [f"/{language}/newsletters/{view}/{subscription.token}/" for view in views]
    assert registration and confirmed, "the demo has a sign-up and a confirmed subscription"
    return paths


def by_path(rendered):
    """{path: Rendered} of the plain GETs of `rendered` (no query string, no form sent)."""
    found = {}
    for page in rendered:
        if page.method == "get" and page.path == urlsplit(page.path).path:
            found.setdefault(page.path, page)
    return found


# Implicit ARIA landmark roles (WAI-ARIA 1.2, HTML-AAM); header/footer only outside sectioning
# content, section and form only with a name.
LANDMARK_ROLES = {"banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"}


def landmarks(document):
    """[(role, accessible name)] of the landmarks of an lxml.html `document`."""
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag
        name = element.get("aria-label", "")
        if element.get("aria-labelledby"):
            parts = []
            for ref in element.get("aria-labelledby").split():
                target = document.get_element_by_id(ref, None)
                if target is not None:
                    parts.append(target.text_content())
            name = " ".join(" ".join(parts).split())
        role = element.get("role")
        if role is None:
            sectioning = any(
                a.tag in ("article", "aside", "main", "nav", "section") for a in element.iterancestors()
            )
            role = {
                "main": "main",
                "nav": "navigation",
                "aside": "complementary",
                "header": None if sectioning else "banner",
                "footer": None if sectioning else "contentinfo",
                "section": "region" if name else None,
                "form": "form" if name else None,
                "search": "search",
            }.get(tag)
        if role in LANDMARK_ROLES:
            found.append((role, name))
    return found
