"""Issue 17: Google Lighthouse scores accessibility, best practices and SEO at 100 on one page of
every type of the demo city (tests/lighthouse.py picks them from the page set), as a phone and as
a desktop browser.

Lighthouse takes about 15 s a page on the 2-core CI machine (≈ 45 page types a language), so this
module runs only from `make lighthouse` (KUULU_LIGHTHOUSE=1; KUULU_LIGHTHOUSE_LANGUAGES, default
"fi,sv,en"; KUULU_LIGHTHOUSE_FORM_FACTORS, default "mobile"), not in `make test`; README's
*Lighthouse* section has the figures.

One SEO audit cannot pass on some pages by design, and is excused only there: `is-crawlable` on a
page Kuulu keeps out of search engines, one that says `noindex` (the pages behind e-mails' secret
links) or that `/robots.txt` disallows (search results). The test checks that the page really is
one of those, so a `noindex` or a robots rule added by mistake still fails.
"""

import os
import re
from urllib.request import urlopen

import pytest

from tests import lighthouse

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("KUULU_LIGHTHOUSE") != "1", reason="run by `make lighthouse`"),
]
FORM_FACTORS = os.environ.get("KUULU_LIGHTHOUSE_FORM_FACTORS", "mobile").split(",")
# Pages Kuulu keeps out of search engines on purpose: their templates or views say `noindex`.
NOINDEX = re.compile(r"^/[a-z]{2}/(registrations|newsletters/(confirm|preferences|unsubscribe))/[^/]+/$")


@pytest.fixture(scope="module")
def page_type_paths(rendered_pages):
    """One path per page type and language, from the package's page set (forms sent are undone)."""
    languages = tuple(os.environ.get("KUULU_LIGHTHOUSE_LANGUAGES", "fi,sv,en").split(","))
    return lighthouse.page_types(rendered_pages, languages)


def _disallowed(path, robots_txt):
    """Whether a `Disallow:` line of robots.txt (RFC 9309, `*` wildcards) matches `path`."""
    rules = []
    for line in robots_txt.splitlines():
        field, _, rule = line.partition(":")
        if field.strip().lower() == "disallow" and rule.strip():
            rules.append(".*".join(map(re.escape, rule.strip().split("*"))))
    return any(re.match(rule, path) for rule in rules)


def _get(url):
    """(headers, text) of `url`. Over HTTP, not with Django's test client: the client reconnects
    the signal handler that closes connections, and the live server shares the test's."""
    with urlopen(url, timeout=60) as response:  # noqa: S310 (the test's own live server)
        return response.headers, response.read().decode()


def _kept_out_of_search(url, path, robots_txt):
    """Whether `path` is one of the pages meant to stay out of search engines (NOINDEX, robots.txt)."""
    if _disallowed(path, robots_txt):
        return True
    headers, text = _get(url)
    return bool(NOINDEX.match(path)) and (
        "noindex" in headers.get("X-Robots-Tag", "") or '<meta name="robots" content="noindex">' in text
    )


def test_the_page_types_are_found(page_type_paths):
    languages = os.environ.get("KUULU_LIGHTHOUSE_LANGUAGES", "fi,sv,en").split(",")
    for language in languages:
        paths = [path for path in page_type_paths if path.startswith(f"/{language}/")]
        assert f"/{language}/" in paths and f"/{language}/search/" in paths
        assert any(path.endswith("/apply/") for path in paths)
        assert any(NOINDEX.match(path) for path in paths)
        assert len(paths) > 35, paths


@pytest.mark.parametrize("form_factor", FORM_FACTORS)
def test_lighthouse_scores_100_on_every_page_type(page_type_paths, site_server, form_factor):
    if not lighthouse.available():
        pytest.fail("Node or tests/js/node_modules/lighthouse is missing (npm ci --prefix tests/js)")
    robots_txt = _get(site_server.url + "/robots.txt")[1]
    results = lighthouse.run(site_server.url, page_type_paths, form_factor)
    failures = []
    for path, result in zip(page_type_paths, results, strict=True):
        failing = result["failing"]
        if any(audit["id"] == "is-crawlable" for audit in failing) and _kept_out_of_search(
            result["url"], path, robots_txt
        ):
            failing = [audit for audit in failing if audit["id"] != "is-crawlable"]
        elif min(result["scores"].values()) < 100 and not failing:  # a category Lighthouse could not score
            failing = [{"id": "score", "category": "", "title": f"scores {result['scores']}", "items": []}]
        if failing:
            failures.append({**result, "failing": failing})
    print(f"\nLighthouse ({form_factor}) on {len(results)} pages:\n{lighthouse.report(results)}")
    assert not failures, "Lighthouse audits fail:\n" + lighthouse.report(failures)
