"""Issue 17: Google Lighthouse scores accessibility, best practices and SEO at 100 on one page of
every type of the demo city (tests/lighthouse.py picks them from the page set).

Lighthouse takes several seconds a page on the 2-core CI machine, so this module runs only from
`make lighthouse` (KUULU_LIGHTHOUSE=1; KUULU_LIGHTHOUSE_LANGUAGES, default "fi,sv,en"), not in
`make test`; README's *Lighthouse* section has the figures.

Two SEO audits cannot pass on some pages by design, and are the only ones excused there:
`is-crawlable` on the pages that say `noindex` (secret e-mail links, the pattern page: they must
stay out of search engines) and `http-status-code` on a 404 page.
"""

import os

import pytest
from django.test import Client

from tests import lighthouse, page_set

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("KUULU_LIGHTHOUSE") != "1", reason="run by `make lighthouse`"),
]


@pytest.fixture(scope="module")
def page_type_paths(demo, django_db_blocker):
    """One path per page type and language, found once for the module (forms sent are undone)."""
    from django.db import transaction

    from tests.demo.test_page_set_demo import _secret_link_pages

    languages = tuple(os.environ.get("KUULU_LIGHTHOUSE_LANGUAGES", "fi,sv,en").split(","))
    with django_db_blocker.unblock(), transaction.atomic():
        rendered = page_set.collect(Client(), extra_paths=_secret_link_pages())
        transaction.set_rollback(True)
    return lighthouse.page_types(rendered, languages)


def _excused(audit, result):
    """Whether a failing audit is one a page fails by design (see the module's docstring)."""
    return (audit["id"] == "is-crawlable" and result["noindex"]) or (
        audit["id"] == "http-status-code" and result["status"] == 404
    )


def test_lighthouse_scores_100_on_every_page_type(page_type_paths, site_server):
    if not lighthouse.available():
        pytest.fail("Node or tests/js/node_modules/lighthouse is missing (npm ci --prefix tests/js)")
    client = Client()
    results = lighthouse.run(site_server.url, page_type_paths)
    failures = []
    for path, result in zip(page_type_paths, results, strict=True):
        response = client.get(path)
        result["status"] = response.status_code
        result["noindex"] = "noindex" in response.get("X-Robots-Tag", "") or (
            '<meta name="robots" content="noindex">' in response.content.decode()
        )
        result["failing"] = [audit for audit in result["failing"] if not _excused(audit, result)]
        if result["failing"]:
            failures.append(result)
    print(f"\nLighthouse on {len(results)} pages:\n{lighthouse.report(results)}")
    assert not failures, "Lighthouse audits fail:\n" + lighthouse.report(failures)
