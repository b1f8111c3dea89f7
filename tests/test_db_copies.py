"""The copies of the test database kept between test processes (tests/db_copies.py): a second test
process starts from the copy that holds the shared site instead of building it, and gets the same
site: the same ids and rows, its translations, working sequences, pages that are served."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail_localize.models import Translation

from home.models import StandardPage
from tests import baseline, db_copies

pytestmark = pytest.mark.django_db  # shared_site asks for the database only once it runs

# Set only in the second process the test starts: the file it writes what it found to.
PROBE = "KUULU_TEST_COPY_PROBE"


def _row_counts():
    """{table: rows} of every table of the test database, as this test's transaction sees it."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {qn(table)}")  # noqa: S608 (names from the catalogue, quoted)
            counts[table] = cursor.fetchone()[0]
    return counts


def _second_database(tmp_path):
    """(environment variables, PostgreSQL test database name or None) that give the second
    process a test database of its own on this engine."""
    if connection.vendor == "sqlite":
        return {"KUULU_TEST_DB": str(tmp_path / "second.sqlite3")}, None
    url = urlsplit(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/") + "_second"
    return {"DATABASE_URL": url._replace(path="/" + name).geturl()}, f"test_{name}"


def _run_second_process(tmp_path):
    """Run `test_probe` in a pytest process of its own; returns what it found (a dict)."""
    facts = tmp_path / "facts.json"
    variables, postgres_name = _second_database(tmp_path)
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    env.update(variables, **{PROBE: str(facts)})
    module = Path(__file__).relative_to(db_copies.ROOT)
    command = [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:randomly", "-q"]
    command += [f"--basetemp={tmp_path / 'second'}", f"{module}::test_probe"]
    try:
        done = subprocess.run(
            command, cwd=db_copies.ROOT, env=env, capture_output=True, text=True, timeout=600
        )  # noqa: S603
    finally:
        if postgres_name:
            with db_copies.postgres_maintenance() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{postgres_name}" WITH (FORCE)')
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(facts.read_text(encoding="utf-8"))


@pytest.mark.skipif(not db_copies.enabled(), reason="copies turned off (KUULU_TEST_MIGRATED_CACHE=0)")
def test_a_second_process_starts_from_the_copy_with_the_shared_site_and_gets_the_same_site(
    shared_site, request, tmp_path
):
    if request.config.getvalue("reuse_db"):
        pytest.skip("--reuse-db keeps no copies")
    facts = _run_second_process(tmp_path)

    assert facts["builds"] == 0
    assert facts["ids"] == shared_site
    assert facts["rows"] == _row_counts()
    assert facts["titles"] == {"fi": "Etusivu", "sv": "Startsida", "en": "Front page"}
    assert facts["translated_to"] == ["en", "sv"]
    assert facts["new_page_id"] > facts["largest_page_id"]
    assert facts["served"] == [200, True]
    assert facts["snapshot"] is True


if os.environ.get(PROBE):
    # Only in the second process: count the shared site's builds (before any test has run, so
    # before the test database and its site are set up).
    _builds = []
    _build = baseline.build

    def _counting_build():
        _builds.append(1)
        return _build()

    baseline.build = _counting_build

    def test_probe(shared_site, site_tree, client):
        from tests import snapshot

        rows = _row_counts()
        largest = Page.objects.order_by("-pk").values_list("pk", flat=True).first()
        page = StandardPage(title="Koetin", slug="koetin")
        site_tree["fi"].add_child(instance=page)
        page.save_revision().publish()
        response = client.get(site_tree["sv"].url)
        translated_to = Translation.objects.filter(source__object_id=site_tree["fi"].translation_key)
        facts = {
            "builds": len(_builds),
            "ids": shared_site,
            "rows": rows,
            "titles": {code: site_tree[code].title for code in baseline.LANGUAGES},
            "translated_to": sorted(translated_to.values_list("target_locale__language_code", flat=True)),
            "largest_page_id": largest,
            "new_page_id": page.pk,
            "served": [response.status_code, "Välkommen" in response.content.decode()],
            "snapshot": snapshot.available(),
        }
        Path(os.environ[PROBE]).write_text(json.dumps(facts), encoding="utf-8")
