"""Open data: the public fields of the directory's organisations as CSV and JSON.

The exports honour the listing's filters and search (`export/csv/?municipality=091&field=sports`;
a filter value that does not exist is HTTP 400 with a plain-text message) and stream, so 10,000 organisations need neither much memory nor many queries: rows are read in
chunks with the municipality joined and the many-to-many codes prefetched per chunk.
"""

import re
from html import unescape

from django.http import JsonResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header

from directory.models import OrganisationPage
from directory.views import filtered_organisations
from home import spreadsheets
from home.text import clean_deep

CHUNK = 500
COLUMNS = [
    "name",
    "register_number",
    "municipality_code",
    "municipality",
    "region_code",
    "region",
    "fields_of_activity",
    "target_groups",
    "languages",
    "municipalities_served",
    "summary",
    "description",
    *OrganisationPage.SELF_DESCRIBED_FIELDS,
    "tags",
    "url",
    "last_updated",
]
LICENCE = "CC BY 4.0"
# List columns whose items may hold spaces (names, tags): comma-separated in the CSV; the code
# lists (fields of activity, target groups, languages) are space-separated.
COMMA_SEPARATED = {"municipalities_served", "tags"}
# Block-level ends of the description's rich text, which become paragraph breaks in plain text.
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|ul|ol|blockquote)>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def plain_text(html):
    """The description's rich text as plain text, one paragraph (or heading, or list item) per
    block, blocks separated by a blank line: the form the importer reads back
    (`directory.proposals.paragraphs`). `"<p>a</p><ul><li>b</li></ul>"` → `"a\n\nb"`."""
    text = unescape(strip_tags(_LINE_BREAK.sub("\n", _BLOCK_END.sub("\n\n", html or ""))))
    blocks = ("\n".join(line.strip() for line in block.splitlines()).strip() for block in text.split("\n\n"))
    return "\n\n".join(block for block in blocks if block)


def _rows(results, request):
    queryset = results.select_related("municipality__region").prefetch_related(
        "fields_of_activity", "target_groups", "languages", "municipalities_served", "tags"
    )
    for page in queryset.order_by("title", "pk").iterator(chunk_size=CHUNK):
        municipality = page.municipality
        yield {
            "name": page.title,
            "register_number": page.register_number,
            "municipality_code": municipality.code if municipality else "",
            "municipality": municipality.name if municipality else "",
            "region_code": municipality.region.code if municipality else "",
            "region": municipality.region.name if municipality else "",
            **page.classification_codes(),
            "municipalities_served": sorted(m.code for m in page.municipalities_served.all()),
            "summary": page.summary,
            "description": plain_text(page.description),
            "website": page.website,
            "email": page.email,
            "phone": page.phone,
            "meeting_places": page.meeting_places,
            "accessibility": page.accessibility,
            "looking_for_volunteers": page.looking_for_volunteers,
            "looking_for_partners": page.looking_for_partners,
            "tags": sorted(tag.name for tag in page.tags.all()),
            "url": page.get_full_url(request),
            "last_updated": timezone.localtime(page.last_published_at).isoformat()
            if page.last_published_at
            else "",
        }


def _csv_cell(column, value):
    """Lists as space-separated codes (comma-separated for COMMA_SEPARATED columns) and flags as
    1/0; the export module does the rest."""
    if isinstance(value, list):
        return (", " if column in COMMA_SEPARATED else " ").join(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return value


def csv_response(directory, request):
    """The CSV open data, streamed, written by home.spreadsheets (formula-safe, UTF-8 with BOM)."""
    filters, results = filtered_organisations(directory, request)
    if bad_request := filters.bad_request():
        return bad_request
    rows = (
        [_csv_cell(column, value) for column, value in zip(COLUMNS, row.values(), strict=True)]
        for row in _rows(results, request)
    )
    return spreadsheets.csv_response(directory.slug, COLUMNS, rows, streaming=True)


def json_response(directory, request):
    filters, results = filtered_organisations(directory, request)
    if bad_request := filters.bad_request():
        return bad_request
    data = {
        "source": directory.full_url,
        "licence": LICENCE,
        "generated": timezone.localtime().isoformat(),
        "organisations": list(_rows(results, request)),
    }
    # No control characters (home.text), like every other output.
    response = JsonResponse(clean_deep(data), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = content_disposition_header(
        False, spreadsheets.export_filename(directory.slug, "json")
    )
    return response
