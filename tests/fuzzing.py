"""Issue 14: no error pages. The fuzz harness that tests/test_fuzz.py and tests/test_fuzz_forms.py
share: every public URL, parameter and form, with hostile input.

The harness finds its targets itself: every live public page of the module's site (each page
type, its routable sub-pages), the non-page URLs (search, sign-up and feedback views, the API
endpoints, sitemap, robots), every parameter named in a GET form on those pages plus the
parameters the views read, and every POST form on them. Each gets listed hostile values and
hypothesis-generated text. No answer may be a 5xx; a 400 is a page with the error summary, plain
text or JSON. Runs on SQLite and PostgreSQL (`make test-db` runs it on each).

The URLs are dealt between the two test modules (`share`; the forms go with the smaller
share), so that pytest-xdist, which gives a
worker whole modules, runs the two halves side by side; both modules find the same targets, and
each checks that the targets are all there (`assert_every_target_found`).
"""

import re
import time
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from directory.models import DirectoryPage
from home.api import api_router
from registrations import services
from tests.fixtures_directory import make_organisation

# At least this many requests in all, per database: test_fuzz.py sends at least 3,000 of them,
# test_fuzz_forms.py at least 2,000.
MINIMUM_REQUESTS = 5000
MINIMUM_REQUESTS_OF = {"test_fuzz": 3000, "test_fuzz_forms": 2000}
assert sum(MINIMUM_REQUESTS_OF.values()) >= MINIMUM_REQUESTS
# What the harness found on the module's site when the test was split in two (December 2026): a
# change that loses a URL, a parameter or a form fails here rather than fuzzing less.
MINIMUM_TARGETS = {"get": 66, "parameters": 45, "post": 9}

# Parameters the views read from a query string (filters, paging, API); the pages' own GET forms
# add theirs.
QUERY_PARAMETERS = [
    "q", "page", "offset", "limit", "search", "search_operator", "locale", "html_path", "type",
    "fields", "order", "child_of", "descendant_of", "translation_of", "id", "area", "theme",
    "format", "tag", "stage", "region", "municipality", "field", "target_group", "language",
    "volunteers", "partners", "sort", "postcode", "organisation", "start", "end", "from", "to",
    "date", "month", "year", "view", "series", "mode", "status", "lang", "next",
]  # fmt: skip

HOSTILE = [
    "",
    "\x00",
    "kulttuuri\x00",
    "\ud800",
    "\udfff x",
    "\x01\x02\x1b[31m\x7f",
    '"',
    '"kulttuuri',
    "<",
    "<script>alert(1)</script>",
    "=",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "%",
    "%00",
    "%%",
    "'",
    "' OR 1=1 --",
    "\\",
    "*",
    "NEAR(a b)",
    "a AND OR NOT b",
    "-1",
    "0",
    "abc",
    "1e30",
    "1.5",
    "99999999999999999999999",
    "-99999999999999999999999",
    "9223372036854775808",
    "NaN",
    "inf",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "9999-12-31",
    "-2026-01-01",
    "20260230",
    "😀" * 3,
    "ä" * 300,
    "x" * 100_000,
    " ",
    "\r\n",
    "../../etc/passwd",
    "[]",
    "{}",
    "null",
]


def _encode(value):
    """A query-string value as bytes would carry it; lone surrogates become invalid UTF-8."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


class _Forms(HTMLParser):
    """The forms of an HTML page: [(method, action, [field names])]."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(((attrs.get("method") or "get").lower(), attrs.get("action") or "", []))
        elif (
            tag in ("input", "select", "textarea")
            and self.forms
            and attrs.get("name") not in (None, "csrfmiddlewaretoken")
        ):
            self.forms[-1][2].append(attrs["name"])


class Harness:
    """Sends requests, counts them and keeps every answer that breaks the rules."""

    def __init__(self):
        self.client = Client(raise_request_exception=False)
        self.count = 0
        self.failures = []

    def check(self, response, what):
        self.count += 1
        status = response.status_code
        if status >= 500:
            self.failures.append((status, what))
        elif status == 400:
            kind = response.get("Content-Type", "")
            body = response.content.decode("utf-8", "replace") if not response.streaming else ""
            # A page with a form explains the error in its summary; Django's own 400 for a request
            # it refuses outright (an over-long redirect, SuspiciousOperation) has no form.
            if "text/html" in kind and "<form" in body and 'id="error-summary"' not in body:
                self.failures.append((status, f"{what}: an HTML 400 without the error summary"))
        return response

    def get(self, path, query=""):
        return self.check(self.client.get(path, QUERY_STRING=query), f"GET {path}?{query[:120]}")

    def post(self, path, data):
        cache.clear()  # the rate limit would answer before validation does
        body = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in data.items())
        response = self.client.generic(
            "POST", path, body.encode("ascii"), content_type="application/x-www-form-urlencoded"
        )
        return self.check(
            response, f"POST {path} {sorted(data)[:6]}… = {next(iter(data.values()), '')[:40]!r}"
        )


def _routable_paths(page):
    """Paths of a routable page's sub-pages: arguments filled with a plausible value."""
    paths = []
    for pattern in page.get_subpage_urls():
        if isinstance(pattern, URLResolver):
            continue
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        route = re.sub(r"<int:[^>]+>", "1", route)
        route = re.sub(r"<(str|slug):[^>]+>", "x", route)
        route = re.sub(r"<path:[^>]+>", "x/y", route)
        if "^" in route or "(" in route:
            continue
        paths.append(page.url + route.lstrip("/"))
    return paths


@pytest.fixture(scope="module")
def targets(module_site, module_make_event, django_db_blocker):
    """{"get": [path], "parameters": [name], "post": [(path, [field names])]} of the module's site."""
    with django_db_blocker.unblock():
        ids = module_site["ids"]
        soon = timezone.now() + timedelta(days=10)
        signup_event = module_make_event(
            start=soon, registration_enabled=True, capacity=5, areas=("keskusta",), themes=()
        )
        module_make_event(start=timezone.now() - timedelta(days=1))
        registration = services.sign_up(signup_event, name="Fuzz Testi", email="fuzz@example.invalid")
        directory = DirectoryPage.objects.get(pk=ids["directory_page"]["fi"])
        organisation = make_organisation(directory, title="Kokeiluyhdistys ry")
        paths = set()
        # Finnish pages (the other languages are translations served by the same code) and the
        # other languages' home pages.
        for page in Page.objects.live().public().specific():
            if not page.url or not (
                page.url.startswith("/fi/") or page.depth <= 2 or page.url.count("/") <= 2
            ):
                continue
            paths.add(page.url)
            if isinstance(page, RoutablePageMixin):
                paths.update(_routable_paths(page))
        for language in ("fi",):
            paths.update(
                {
                    f"/{language}/search/",
                    f"/{language}/registrations/event/{signup_event.pk}/",
                    f"/{language}/registrations/{registration.token}/",
                    f"/{language}/registrations/{registration.token}/cancel/",
                    f"/{language}/registrations/not-a-token/",
                    f"/{language}/feedback/idea/thanks/",
                    f"/{language}/feedback/poll/{ids['poll']['fi']}/",
                    f"/{language}/feedback/poll/{ids['poll']['fi']}/results/",
                    f"/{language}/feedback/poll/{ids['poll']['fi']}/thanks/",
                }
            )
        for name in api_router._endpoints:
            paths.update({f"/api/v2/{name}/", f"/api/v2/{name}/1/", f"/api/v2/{name}/{2**40}/"})
        paths.update({"/sitemap.xml", "/robots.txt", "/api/v2/pages/find/", f"{organisation.url}"})
        parameters, forms = set(QUERY_PARAMETERS), {}
        client = Client()
        for path in sorted(paths):
            response = client.get(path)
            if "text/html" not in response.get("Content-Type", "") or response.streaming:
                continue
            parser = _Forms()
            parser.feed(response.content.decode())
            for method, action, fields in parser.forms:
                action = urlsplit(action).path or path
                if method == "get":
                    parameters.update(fields)
                elif not action.startswith(("/i18n/", "/admin/")):
                    forms.setdefault(action, set()).update(fields)
        return {
            "get": sorted(paths),
            "parameters": sorted(parameters),
            "post": sorted((action, sorted(fields)) for action, fields in forms.items()),
        }


def assert_every_target_found(targets):
    found = {kind: len(targets[kind]) for kind in MINIMUM_TARGETS}
    assert all(found[kind] >= MINIMUM_TARGETS[kind] for kind in found), (found, MINIMUM_TARGETS)


_VARIABLE = re.compile(r"[0-9A-Za-z_-]{20,}|\d+")


SHARES = 3  # the URLs are dealt in thirds: two to test_fuzz.py, one to test_fuzz_forms.py (the forms'
# requests cost about as much as a third of the URLs')


def share(paths, thirds):
    """The paths dealt to `thirds` (of 0, 1, 2), dealt in turn in an order that does not depend on
    primary keys or tokens, which differ between the modules' sites: the thirds together are every
    path, each once."""
    ordered = sorted(paths, key=lambda path: (_VARIABLE.sub("#", path), path))
    return [path for n, path in enumerate(ordered) if n % SHARES in thirds]


def fuzz_urls(harness, targets, paths):
    """Each URL gets every hostile value in all parameters at once, then each parameter alone
    with a value taken in turn from the list (so every value meets every parameter somewhere),
    then repeated parameters and invalid UTF-8."""
    names = targets["parameters"]
    for path in paths:
        u = targets["get"].index(path)
        for value in HOSTILE:
            if len(value) > 1000:  # one 100 kB value per request, not one per parameter
                harness.get(path, f"q={_encode(value)}&page={_encode(value)}")
                continue
            harness.get(path, "&".join(f"{name}={_encode(value)}" for name in names))
        for p, name in enumerate(names):
            value = HOSTILE[(u + p) % len(HOSTILE)]
            harness.get(path, f"{name}={_encode(value)}")
        harness.get(path, "page=1&page=2&area=a&area=b&q=a&q=%ff%fe&%ff=1")


def fuzz_forms(harness, targets):
    """Each form gets every hostile value in all its fields."""
    for action, fields in targets["post"]:
        for value in HOSTILE:
            harness.post(action, dict.fromkeys(fields, value) | {"page": value})


def report(harness, started, targets, what):
    elapsed = time.monotonic() - started
    print(
        f"\nfuzz ({what}): {harness.count} requests in {elapsed:.0f} s; targets: "
        f"{len(targets['get'])} URLs, {len(targets['parameters'])} parameters, {len(targets['post'])} forms"
    )
