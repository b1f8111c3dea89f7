"""Issue 10: one spreadsheet export (home/spreadsheets.py) behind every CSV and XLSX file.

A hostile value is put into the data behind each export, the file is downloaded as staff or a
resident would download it and parsed with `csv` or `openpyxl`; no cell may start a formula.
"""

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from directory.importer import read_csv
from feedback.models import EventFeedback, Poll, PollAnswer, PollResponse
from home import spreadsheets
from panels.models import Application
from tests.fixtures_directory import make_organisation
from tests.fixtures_panels import make_panel
from tests.fixtures_registrations import signup

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil.example")', "+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FINNISH = "Hyvää yötä, Åsa"  # so that a wrong encoding shows


# Every export, with a fixture that fills it with hostile values and returns its address.
EXPORTS = [
    ("signups", "csv", "registrations_admin:export_csv"),
    ("signups", "xlsx", "registrations_admin:export_xlsx"),
    ("poll_answers", "csv", "feedback_admin:poll_csv"),
    ("event_feedback", "csv", "feedback_admin:event_csv"),
    ("panel_members", "csv", "panels_admin:members_csv"),
    ("directory_open_data", "csv", "directory:export_csv"),
    ("follow_ups_due", "csv", "participation_pages_follow_ups_due?export=csv"),
    ("follow_ups_due", "xlsx", "participation_pages_follow_ups_due?export=xlsx"),
]


@pytest.fixture
def signups(signup_event):
    event = signup_event(capacity=len(HOSTILE) + 1)
    signup(event, "suomi@example.org", name=FINNISH, answers={"tyopaja": "Koulut"})
    for number, value in enumerate(HOSTILE):
        signup(
            event,
            f"person{number}@example.org",
            name=value,
            phone=value,
            answers={"ruokavalio": value, "tyopaja": "Koulut"},
        )
    return event.pk


@pytest.fixture
def poll_answers(site_tree):
    poll = Poll.objects.create(
        title="Kysely",
        questions=[
            ("question", {"kind": "text", "text": text, "options": [], "required": False})
            for text in HOSTILE[:4]
        ],
    )
    for value in [FINNISH, *HOSTILE]:
        response = PollResponse.objects.create(poll=poll, language="fi")
        for block_id, _question in poll.question_list():
            PollAnswer.objects.create(response=response, question_id=block_id, text=value)
    return poll.pk


@pytest.fixture
def event_feedback(make_event):
    event = make_event()
    for value in [FINNISH, *HOSTILE]:
        EventFeedback.objects.create(event=event, rating=3, good=value, develop=value, language="fi")
    return event.pk


@pytest.fixture
def panel_members(site_tree):
    panel = make_panel(site_tree["fi"], site_tree["tr"])
    for number, value in enumerate([FINNISH, *HOSTILE]):
        Application.objects.create(
            panel=panel,
            name=value,
            email=f"{value.strip()}{number}@example.invalid",
            phone=value,
            language="fi",
            age_group="40-54",
            area=value,  # a background-question column
            outcome=Application.Outcome.SELECTED if number % 2 else Application.Outcome.RESERVE,
            reserve_rank=None if number % 2 else number,
        )
    return panel.pk


@pytest.fixture
def directory_open_data(directory_page):
    directory = directory_page["fi"]
    for number, value in enumerate([FINNISH, *HOSTILE]):
        make_organisation(
            directory, title=value, slug=f"yhdistys-{number}", summary=value, phone=value, website=""
        )
    return directory


@pytest.fixture
def follow_ups_due(make_event):
    past = timezone.now() - timedelta(days=10)
    for value in [FINNISH, *HOSTILE]:
        make_event(title=value, start=past)
    return None


def export_url(fixture, route, value):
    if fixture == "directory_open_data":
        return value.url + value.reverse_subpage("export_csv")
    name, _sep, query = route.partition("?")
    url = reverse(name, args=[] if value is None else [value])
    return f"{url}?{query}" if query else url


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def csv_cells(body):
    assert body.startswith("\ufeff".encode()), "a CSV starts with the UTF-8 byte-order mark"
    text = body.decode("utf-8")  # raises if it is not UTF-8
    return [cell for row in csv.reader(io.StringIO(text[1:], newline="")) for cell in row]


def xlsx_cells(body):
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"], "no formula cells"
    return [cell.value for cell in cells if isinstance(cell.value, str)]


@pytest.mark.parametrize(("fixture", "extension", "route"), EXPORTS, ids=[f"{f}-{e}" for f, e, _r in EXPORTS])
def test_every_export_neutralises_formulas_in_every_column(admin_client, request, fixture, extension, route):
    url = export_url(fixture, route, request.getfixturevalue(fixture))
    response, body = download(admin_client, url)

    cells = csv_cells(body) if extension == "csv" else xlsx_cells(body)
    live = [cell for cell in cells if cell.startswith(TRIGGERS)]
    assert not live, f"cells that start a formula: {live}"
    for value in HOSTILE:  # each is there, quoted (in XLSX, an XML reader without lxml reads a CR as LF)
        quoted = "'" + value
        assert quoted in cells or (extension == "xlsx" and quoted.replace("\r", "\n") in cells), value
    assert FINNISH in cells

    content_type = spreadsheets.CSV_CONTENT_TYPE if extension == "csv" else spreadsheets.XLSX_CONTENT_TYPE
    assert response["Content-Type"] == content_type
    today = timezone.localdate().isoformat()
    assert re.fullmatch(
        rf'attachment; filename="[a-z0-9-]+-{today}\.{extension}"', response["Content-Disposition"]
    )


def test_every_export_endpoint_is_in_the_hostile_test():
    """A new CSV/XLSX address must join EXPORTS above (or this test names it)."""

    def names(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from names(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield namespace + pattern.name

    found = {name for name in names(get_resolver().url_patterns) if re.search(r"csv|xlsx|export", name)}
    covered = {route.partition("?")[0] for _f, _e, route in EXPORTS}
    assert found <= covered, found - covered


def test_the_export_module_is_the_only_spreadsheet_writer():
    root = Path(__file__).resolve().parent.parent
    writers = re.compile(r"csv\.writer|csv\.DictWriter|Workbook\(")
    found = [
        str(path.relative_to(root))
        for path in root.glob("*/**/*.py")
        if not path.relative_to(root).parts[0].startswith((".", "tests"))
        and "migrations" not in path.parts
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["home/spreadsheets.py"]


@pytest.mark.parametrize("value", [*HOSTILE, "'=1", "''+x", "'plain", "plain", "", "'", "-"])
def test_restore_undoes_neutralise_exactly(value):
    neutralised = spreadsheets.neutralise(value)
    assert not neutralised.startswith(TRIGGERS)
    assert spreadsheets.restore(neutralised) == value


def test_open_data_csv_reads_back_through_the_importer_unchanged(client, directory_open_data):
    _response, body = download(client, export_url("directory_open_data", "", directory_open_data))
    rows = read_csv(body)
    assert sorted(row["name"] for row in rows) == sorted([FINNISH, *HOSTILE])
    assert all(row["summary"] == row["name"] == row["phone"] for row in rows)


def test_xlsx_keeps_dates_as_dates_in_local_time_and_drops_characters_xlsx_cannot_hold():
    aware = timezone.make_aware(timezone.datetime(2030, 3, 10, 16, 0), timezone.get_fixed_timezone(0))
    body = spreadsheets.xlsx_bytes(["when", "day", "text"], [[aware, date(2030, 3, 10), "\x01=1+1"]])
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    when, day, text = (cell.value for cell in sheet[2])
    assert when == timezone.datetime(2030, 3, 10, 18, 0)  # Helsinki is UTC+2 in March
    assert day.date() == date(2030, 3, 10)
    assert text == "'=1+1"
