"""One spreadsheet export for the whole site: CSV and Excel (XLSX) files that are safe to open.

Every CSV or XLSX file Kuulu produces is written here — the organisers' sign-up lists, poll and
event-feedback answers, panel members, the directory's open data and the admin reports — so the
same rules hold for all of them:

- **No live formulas.** A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return gets an apostrophe in front, in every column and in the heading row, in CSV and XLSX alike
  (OWASP, *CSV Injection*: https://owasp.org/www-community/attacks/CSV_Injection).
  :func:`neutralise` adds it and :func:`restore` takes it off again, exactly, so an exported file
  imports back to the same text (``directory/importer.py``).
- **CSV is UTF-8 with a byte-order mark**, in Excel's dialect (comma, double quotes, CRLF), so
  Excel shows ä, ö and å correctly.
- **File names** are ``<name>-<YYYY-MM-DD>.csv`` or ``.xlsx`` (today in the site's time zone),
  sent as an attachment with :data:`CSV_CONTENT_TYPE` or :data:`XLSX_CONTENT_TYPE`.

Entry points: :func:`csv_response` and :func:`xlsx_response` take a heading row and rows (the
public directory export streams its rows through ``csv_response(..., streaming=True)``);
:class:`SpreadsheetExportMixin` is Wagtail's admin-listing export (``?export=csv|xlsx``) written by
this module.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from wagtail.admin.views import mixins as wagtail_mixins

from home.text import strip_control_characters

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
"""First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula."""
ESCAPE = "'"
BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"  # Excel number formats for XLSX cells
DATE_FORMAT = "yyyy-mm-dd"
LINES_PER_CHUNK = 200  # a streamed CSV is sent in chunks of this many rows
_PLAIN_TYPES = (bool, int, float, Decimal, datetime.date, datetime.time)
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")


def _starts_a_formula(text):
    return text.lstrip(ESCAPE)[:1] in FORMULA_TRIGGERS


def neutralise(text):
    """`text` with an apostrophe in front if a spreadsheet would read it as a formula.

    Also escapes text that already starts with apostrophes before such a character
    (``'=1`` → ``''=1``), so that :func:`restore` can undo every change exactly.
    """
    return ESCAPE + text if _starts_a_formula(text) else text


def restore(text):
    """The text :func:`neutralise` was given: one leading apostrophe removed where it added one."""
    return text[1:] if text[:1] == ESCAPE and _starts_a_formula(text) else text


def cell_value(value):
    """What a cell holds: None (empty), a number, a date or time, or neutralised text.

    Aware datetimes become naive ones in the site's time zone (spreadsheets have no time zones);
    lists and tuples become their items' text joined with ``", "``; anything else becomes its
    ``str()`` (lazy translations included), without control characters (`home.text`).
    """
    if value is None:
        return None
    if isinstance(value, _PLAIN_TYPES):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value)
    return neutralise(strip_control_characters(str(value)))


def export_filename(name, extension):
    """``<name>-<today>.<extension>``, e.g. ``signups-asukasilta-2025-03-10.csv``."""
    return f"{name}-{timezone.localdate().isoformat()}.{extension}"


def _attachment(response, name, extension):
    response["Content-Disposition"] = content_disposition_header(True, export_filename(name, extension))
    return response


# CSV


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a generator."""

    def write(self, line):
        return line


def _csv_text(value):
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def csv_lines(header, rows):
    """The CSV file as text: the byte-order mark and heading line, then one line per row.

    `header` is a sequence of cells, `rows` an iterable of sequences of cells (read lazily).
    """
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([_csv_text(value) for value in header])
    for row in rows:
        yield writer.writerow([_csv_text(value) for value in row])


def _chunks(lines):
    batch = []
    for line in lines:
        batch.append(line)
        if len(batch) == LINES_PER_CHUNK:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def csv_response(name, header, rows, *, streaming=False):
    """An attachment ``<name>-<today>.csv`` holding `header` and `rows` (see :func:`csv_lines`).

    With ``streaming=True`` the rows are read and sent while the response is being sent (a
    StreamingHttpResponse), so a large export needs little memory.
    """
    if streaming:
        response = StreamingHttpResponse(_chunks(csv_lines(header, rows)), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse("".join(csv_lines(header, rows)), content_type=CSV_CONTENT_TYPE)
    return _attachment(response, name, "csv")


# XLSX


def _sheet_title(title):
    """Excel's rules for a sheet name: at most 31 characters, none of ``\\ / ? * [ ] :``."""
    return _SHEET_TITLE_FORBIDDEN.sub(" ", str(title))[:31].strip() or "Sheet1"


def _xlsx_cells(sheet, values):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cells = []
    for value in values:
        value = cell_value(value)
        if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
            # XLSX cannot hold control characters other than tab, LF and CR: drop them first.
            value = neutralise(ILLEGAL_CHARACTERS_RE.sub("", restore(value)))
        cell = WriteOnlyCell(sheet, value)
        if isinstance(value, datetime.datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
        cells.append(cell)
    return cells


def xlsx_bytes(header, rows, *, sheet_title="Sheet1"):
    """An Excel workbook (bytes) with one sheet: `header`, then `rows`, cells as :func:`cell_value`."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    sheet.append(_xlsx_cells(sheet, header))
    for row in rows:
        sheet.append(_xlsx_cells(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(name, header, rows, *, sheet_title=None):
    """An attachment ``<name>-<today>.xlsx`` (see :func:`xlsx_bytes`); the sheet is named
    `sheet_title`, or `name`."""
    content = xlsx_bytes(header, rows, sheet_title=sheet_title or name)
    return _attachment(HttpResponse(content, content_type=XLSX_CONTENT_TYPE), name, "xlsx")


# Wagtail admin listings


class SpreadsheetExportMixin(wagtail_mixins.SpreadsheetExportMixin):
    """Wagtail's export of an admin listing (``?export=csv`` or ``?export=xlsx``), written here.

    Put it before Wagtail's view class (``class Report(SpreadsheetExportMixin, PageReportView)``).
    ``list_export``, ``export_headings`` and ``custom_field_preprocess`` work as Wagtail documents
    them; ``export_filename`` is the name without date and extension. Dates and datetimes are
    passed through as values, so the files show them in the site's time zone.
    """

    custom_value_preprocess = {
        list: {
            wagtail_mixins.SpreadsheetExportMixin.FORMAT_CSV: wagtail_mixins.list_to_str,
            wagtail_mixins.SpreadsheetExportMixin.FORMAT_XLSX: wagtail_mixins.list_to_str,
        }
    }

    def export_header(self, queryset):
        return [self.get_heading(queryset, field) for field in self.list_export]

    def export_rows(self, queryset, export_format):
        for item in queryset:
            yield [
                self.preprocess_field_value(field, value, export_format)
                for field, value in self.to_row_dict(item).items()
            ]

    def write_csv_response(self, queryset):
        rows = self.export_rows(queryset, self.FORMAT_CSV)
        return csv_response(self.get_filename(), self.export_header(queryset), rows, streaming=True)

    def write_xlsx_response(self, queryset):
        rows = self.export_rows(queryset, self.FORMAT_XLSX)
        return xlsx_response(self.get_filename(), self.export_header(queryset), rows)
