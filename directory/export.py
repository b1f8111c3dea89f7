"""Open data: the public fields of the directory's organisations as CSV and JSON.

The exports honour the listing's filters and search (`export/csv/?municipality=091&field=sports`;
a filter value that does not exist is HTTP 400 with a plain-text message) and stream, so 10,000 organisations need neither much memory nor many queries: rows are read in
chunks with the municipality joined and the many-to-many codes prefetched per chunk.
"""

from django.http import JsonResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

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
    "summary",
    "website",
    "email",
    "phone",
    "looking_for_volunteers",
    "looking_for_partners",
    "url",
    "last_updated",
]
LICENCE = "CC BY 4.0"


def _rows(results, request):
    queryset = results.select_related("municipality__region").prefetch_related(
        "fields_of_activity", "target_groups", "languages"
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
            "summary": page.summary,
            "website": page.website,
            "email": page.email,
            "phone": page.phone,
            "looking_for_volunteers": page.looking_for_volunteers,
            "looking_for_partners": page.looking_for_partners,
            "url": page.get_full_url(request),
            "last_updated": timezone.localtime(page.last_published_at).isoformat()
            if page.last_published_at
            else "",
        }


def _csv_cell(value):
    """Lists as space-separated codes and flags as 1/0; the export module does the rest."""
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return value


def csv_response(directory, request):
    """The CSV open data, streamed, written by home.spreadsheets (formula-safe, UTF-8 with BOM)."""
    filters, results = filtered_organisations(directory, request)
    if bad_request := filters.bad_request():
        return bad_request
    rows = ([_csv_cell(value) for value in row.values()] for row in _rows(results, request))
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
