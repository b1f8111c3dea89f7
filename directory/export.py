"""Open data: the public fields of the directory's organisations as CSV and JSON.

The exports honour the listing's filters and search (`export/csv/?municipality=091&field=sports`;
a filter value that does not exist is HTTP 400 with a plain-text message) and stream, so 10,000 organisations need neither much memory nor many queries: rows are read in
chunks with the municipality joined and the many-to-many codes prefetched per chunk.
"""

import csv

from django.http import JsonResponse, StreamingHttpResponse
from django.utils import timezone

from directory.views import filtered_organisations

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
            "fields_of_activity": [f.slug for f in page.fields_of_activity.all()],
            "target_groups": [t.slug for t in page.target_groups.all()],
            "languages": [lang.code for lang in page.languages.all()],
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


class _Echo:
    def write(self, value):
        return value


def _filename(directory, extension):
    return f"{directory.slug}-{timezone.localdate().isoformat()}.{extension}"


def csv_response(directory, request):
    filters, results = filtered_organisations(directory, request)
    if bad_request := filters.bad_request():
        return bad_request
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so that spreadsheet programs read UTF-8
        yield writer.writerow(COLUMNS)
        for row in _rows(results, request):
            yield writer.writerow(
                [
                    " ".join(v) if isinstance(v, list) else ("1" if v is True else "0" if v is False else v)
                    for v in row.values()
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(directory, "csv")}"'
    return response


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
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="{_filename(directory, "json")}"'
    return response
