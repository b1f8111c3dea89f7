"""Issue 7: the public transparency page, personal data export/erase and the retention clean-up."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from home import periodic
from panels import draw_results, draws, quota_rules
from panels import features as F
from panels.models import Application, Draw, DrawEntry
from tests.fixtures_panels import add_applicants

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(panel_page, django_capture_on_commit_callbacks):
    page = panel_page["fi"]
    add_applicants(page, 30, seed=12)
    quota_rules.save_quotas(
        page,
        {
            F.GENDER: {"female": (2, 4), "male": (2, 4), "other": (0, 1), "undisclosed": (0, 1)},
            F.AREA: {"keskusta": (1, 3), "pohjoinen": (1, 3), "etela": (1, 3)},
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        draw = draws.start_draw(page, algorithm="maximin", seed=314159)
    draw.refresh_from_db()
    assert draw.status == Draw.Status.SUCCEEDED
    return panel_page, draw


class TableReader(HTMLParser):
    """Collects the text of every table cell, row by row."""

    def __init__(self):
        super().__init__()
        self.rows, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def tables(html):
    reader = TableReader()
    reader.feed(html)
    return reader.rows


def test_transparency_page_is_not_public_before_the_draw_is_adopted(client, drawn):
    pages, draw = drawn
    assert client.get(pages["fi"].transparency_url()).status_code == 404
    draw_results.adopt(draw)
    assert client.get(pages["fi"].transparency_url()).status_code == 200


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_transparency_page_shows_counts_method_and_no_personal_data(client, drawn, language):
    pages, draw = drawn
    draw_results.adopt(draw)
    response = client.get(pages[language].transparency_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "314159" in html
    assert draw.snapshot_digest in html
    assert draw.library_version in html
    assert "<svg" in html and 'role="img"' in html
    assert "example.invalid" not in html and "Testi Hakija" not in html and "040 000" not in html
    rows = tables(html)
    with translation.override(language):
        female = str(dict(F.feature_values(F.GENDER))["female"])
    female_row = next(r for r in rows if r and r[0] == female)
    stats = next(f for f in draw.statistics["features"] if f["feature"] == F.GENDER)
    expected = next(r for r in stats["rows"] if r["value"] == "female")
    assert female_row[1].startswith(str(expected["applicants"]))
    assert female_row[2] == f"{expected['minimum']}–{expected['maximum']}"
    # Two to four women were drawn (the quota): a count under 5 is not published.
    assert 0 < expected["selected"] < 5
    with translation.override(language):
        assert female_row[3] == translation.gettext("fewer than 5")
    # The panel page links to it.
    assert pages[language].transparency_url() in client.get(pages[language].url).content.decode()


def test_minimum_probability_is_published(client, drawn):
    pages, draw = drawn
    draw_results.adopt(draw)
    html = client.get(pages["en"].transparency_url()).content.decode()
    percent = f"{100 * draw.minimum_probability:.2f}".rstrip("0").rstrip(".")
    assert f"{percent} per cent" in html


def test_personal_data_export_and_erase_cover_panel_applications(drawn):
    pages, draw = drawn
    application = Application.objects.filter(panel=pages["fi"]).first()
    out = StringIO()
    call_command("personal_data", "export", application.email.upper(), stdout=out)
    exported = json.loads(out.getvalue())["data"]["resident panel applications"]
    assert exported[0]["name"] == application.name and exported[0]["gender"] == application.gender
    call_command("personal_data", "erase", application.email, "--yes", stdout=StringIO())
    application.refresh_from_db()
    assert (application.name, application.email, application.phone) == ("", "", "")
    assert application.gender, "the feature values stay for the statistics"


def personal_strings():
    return [
        value for row in Application.objects.values_list("name", "email", "phone") for value in row if value
    ]


def dump_database():
    """Every text value in every table, to search for personal data left behind."""
    text = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            text.extend(str(value) for row in cursor.fetchall() for value in row if value is not None)
    return "\n".join(text)


def test_after_retention_no_name_email_or_phone_remains_and_statistics_are_unchanged(client, drawn, settings):
    pages, draw = drawn
    draw_results.adopt(draw)
    secrets = personal_strings()
    assert len(secrets) == 90
    before_page = client.get(pages["fi"].transparency_url()).content.decode()
    before_stats = Draw.objects.get(pk=draw.pk).statistics

    # Nothing happens before the retention time has passed.
    settings.PANELS_RETENTION_DAYS = 30
    periodic.run_all()
    assert Application.objects.with_personal_data().count() == 30

    panel = pages["fi"]
    type(panel).objects.filter(translation_key=panel.translation_key).update(
        term_start=panel.term_start.replace(year=2020), term_end=panel.term_end.replace(year=2020)
    )
    results = periodic.run_all()
    assert results["panels.anonymise_expired_applications"] == 30
    assert periodic.run_all()["panels.anonymise_expired_applications"] == 0, "idempotent"

    dump = dump_database()
    leaks = [s for s in secrets if re.search(re.escape(s), dump)]
    assert not leaks, f"personal data left in the database: {leaks[:5]}"
    assert Application.objects.count() == 30
    assert DrawEntry.objects.filter(draw=draw).count() == 30
    assert Draw.objects.get(pk=draw.pk).statistics == before_stats
    after_page = client.get(pages["fi"].transparency_url()).content.decode()
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(after_page) == strip(before_page)


def test_retention_keeps_running_panels(drawn):
    pages, _draw = drawn
    from panels.personal_data import anonymise_expired_applications

    assert anonymise_expired_applications(today=pages["fi"].term_end + timedelta(days=89)) == 0
    assert anonymise_expired_applications(today=pages["fi"].term_end + timedelta(days=91)) == 30


@pytest.mark.parametrize(
    "counts, hidden",
    [
        ([12, 10, 8], set()),
        ([0, 0, 30], set()),  # zeros are shown
        ([15, 11, 3, 1], {2, 3}),  # every 1–4
        ([15, 11, 4], {2, 1}),  # one alone: the next smallest goes too
        ([2, 25, 0], {0, 1}),
        ([5, 5, 5], set()),
    ],
)
def test_small_counts_are_suppressed_with_a_complementary_cell(counts, hidden):
    from panels.charts import suppressed

    assert suppressed(counts) == hidden


def test_transparency_page_publishes_no_count_from_1_to_4(client, drawn):
    """Every count cell of every table, and every share in the charts, for the drawn panel."""
    pages, draw = drawn
    draw_results.adopt(draw)
    html = client.get(pages["en"].transparency_url()).content.decode()
    rows = [row for row in tables(html) if len(row) == 4 and row[1] != "Applicants"]  # not headings
    counts = [cell for row in rows for cell in (row[1], row[3])]
    assert counts and "fewer than 5" in counts
    for cell in counts:
        number = re.match(r"(\d+) \(", cell)
        assert cell == "fewer than 5" or (
            number and (int(number.group(1)) == 0 or int(number.group(1)) >= 5)
        ), cell
    # The charts show no share of a hidden count, and its bar has no length.
    bars = re.findall(
        r'width="([\d.]+)" height="13" class="panel-chart__(\w+)"/>\n<text[^>]*>([^<]*)</text>', html
    )
    stats = [row for feature in draw.statistics["features"] for row in feature["rows"]]
    assert len(bars) == 2 * len(stats)
    for row, (applicants, members) in zip(stats, zip(bars[::2], bars[1::2], strict=True), strict=True):
        for count, (width, kind, text) in ((row["applicants"], applicants), (row["selected"], members)):
            if 0 < count < 5:
                assert (float(width), text) == (0, "fewer than 5"), (kind, row)
