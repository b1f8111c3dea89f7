"""Issue 12: the directory's open-data CSV export imports back without errors."""

import pytest
from django.core.management import call_command
from django.utils import translation

from directory.models import OrganisationPage

pytestmark = pytest.mark.django_db


def test_export_then_import_gives_no_errors_and_the_same_organisations(
    client, directory_page, organisations, tmp_path
):
    before = sorted(OrganisationPage.objects.live().values_list("title", "register_number"))
    assert any(
        len(page.target_groups.all()) > 1 or len(page.languages.all()) > 1
        for page in OrganisationPage.objects.live()
    ), "some rows list several values"
    response = client.get(directory_page["fi"].url + "export/csv/")
    path = tmp_path / "export.csv"
    path.write_bytes(b"".join(response.streaming_content))
    from io import StringIO

    out = StringIO()
    with translation.override("en"):
        call_command("import_organisations", str(path), "--no-progress", stdout=out)
    assert "created 0," in out.getvalue() and ", errors 0" in out.getvalue(), out.getvalue()
    assert sorted(OrganisationPage.objects.live().values_list("title", "register_number")) == before
