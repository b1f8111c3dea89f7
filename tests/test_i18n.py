"""Every user-facing string has fi, sv and en translations, compiled."""

import shutil

import polib
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from home.management.commands import kuulu_messages


def test_catalogues_are_complete_compiled_and_current():
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext not installed; CI installs it")
    try:
        call_command("kuulu_messages", "--check")
    except CommandError as error:
        pytest.fail(str(error))


def test_each_phrase_has_one_translation_per_language():
    """Django merges the apps' catalogues and keeps one translation of each (context, msgid),
    so two catalogues translating the same phrase differently would show one of them at random
    in the other's pages."""
    lines = kuulu_messages.describe_conflicts(settings.BASE_DIR)
    if lines:
        pytest.fail("Give each meaning its own context or msgid:\n" + "\n".join(lines), pytrace=False)


def test_conflicts_name_the_catalogues_and_their_translations(tmp_path):
    def catalogue(app, language, entries):
        po = polib.POFile()
        for context, msgid, msgstr, obsolete in entries:
            po.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=msgstr, obsolete=obsolete))
        path = tmp_path / app / "locale" / language / "LC_MESSAGES" / "django.po"
        path.parent.mkdir(parents=True)
        po.save(str(path))

    catalogue("one", "sv", [(None, "Share", "Dela", False), ("proportion", "Share", "Andel", False)])
    catalogue("two", "sv", [(None, "Share", "Andel", False), (None, "Old", "Gammal", True)])
    catalogue("three", "sv", [(None, "Share", "", False), (None, "Old", "Föråldrad", False)])
    catalogue("two", "fi", [(None, "Share", "Osuus", False)])

    assert kuulu_messages.describe_conflicts(tmp_path) == [
        "sv: 'Share' is translated differently:",
        "    one/locale/sv/LC_MESSAGES/django.po: 'Dela'",
        "    two/locale/sv/LC_MESSAGES/django.po: 'Andel'",
    ]


@pytest.mark.django_db
def test_ui_strings_follow_the_page_language(client, site_tree):
    assert "Siirry pääsisältöön" in client.get("/fi/").content.decode()
    assert "Hoppa till huvudinnehållet" in client.get("/sv/").content.decode()
    assert "Skip to main content" in client.get("/en/").content.decode()
