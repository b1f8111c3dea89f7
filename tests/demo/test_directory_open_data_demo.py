"""Issue 12: the demo city's directory, exported as open data, imports into a fresh directory with
no errors and gives the same organisations (names, register numbers, places served, classifications
self-described fields, description and tags)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.html import strip_tags

from directory.models import DirectoryPage, OrganisationPage

pytestmark = pytest.mark.django_db


def _organisations(parent):
    """{name: (register number, municipality, served, classification codes, self-described fields)}"""
    result = {}
    for page in (
        OrganisationPage.objects.child_of(parent).live().select_related("municipality").order_by("title")
    ):
        result[page.title] = (
            page.register_number,
            page.municipality.code,
            sorted(m.code for m in page.municipalities_served.all()),
            {key: sorted(codes) for key, codes in page.classification_codes().items()},
            page.summary,
            strip_tags(page.description).split(),
            sorted(tag.name for tag in page.tags.all()),
            tuple(getattr(page, name) for name in OrganisationPage.SELF_DESCRIBED_FIELDS),
        )
    return result


def test_demo_directory_export_imports_into_a_fresh_directory_with_no_errors(demo, client, tmp_path):
    directory = DirectoryPage.objects.live().get(locale__language_code="fi")
    before = _organisations(directory)
    assert len(before) >= 55
    assert any(fields[3] for *_, fields in before.values()), "the demo lists meeting places"
    response = client.get(directory.url + "export/csv/")
    assert response.status_code == 200
    path = tmp_path / "demo-directory.csv"
    path.write_bytes(b"".join(response.streaming_content))

    fresh = directory.get_parent().add_child(
        instance=DirectoryPage(title="Tuotu hakemisto", slug="tuotu-hakemisto", live=True)
    )
    out = StringIO()
    with translation.override("en"):
        call_command(
            "import_organisations", str(path), "--directory", str(fresh.pk), "--no-progress", stdout=out
        )
    assert f"created {len(before)}, updated 0, skipped 0, errors 0" in out.getvalue(), out.getvalue()
    assert _organisations(fresh) == before
