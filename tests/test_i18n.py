"""Every user-facing string has fi, sv and en translations, compiled."""

import shutil

import pytest
from django.core.management import CommandError, call_command


def test_catalogues_are_complete_compiled_and_current():
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext not installed; CI installs it")
    try:
        call_command("kuulu_messages", "--check")
    except CommandError as error:
        pytest.fail(str(error))


@pytest.mark.django_db
def test_ui_strings_follow_the_page_language(client, site_tree):
    assert "Siirry pääsisältöön" in client.get("/fi/").content.decode()
    assert "Hoppa till huvudinnehållet" in client.get("/sv/").content.decode()
    assert "Skip to main content" in client.get("/en/").content.decode()
