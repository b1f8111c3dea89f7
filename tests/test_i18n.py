"""Every user-facing string has fi, sv and en translations, compiled."""

import shutil

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.utils import translation

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


@pytest.mark.parametrize(
    ("language", "proportion", "verb"), [("fi", "Osuus", "Jaa"), ("sv", "Andel", "Dela")]
)
def test_share_reads_as_a_proportion_in_charts_and_as_a_verb_over_share_links(language, proportion, verb):
    chart = {"id": "q1", "width": 600, "height": 40, "bars": [{"label": "Kyllä", "count": 3, "pct": 75}]}
    with translation.override(language):
        table = BeautifulSoup(
            render_to_string("feedback/includes/bar_chart.html", {"chart": chart, "caption": "?"}),
            "html.parser",
        )
        links = BeautifulSoup(
            render_to_string("includes/share_links.html", {"page": {"title": "Ilta", "url": "/fi/ilta/"}}),
            "html.parser",
        )
    assert [th.get_text() for th in table.select("thead th")][-1] == proportion
    assert links.select_one(".share-links__title").get_text() == verb


@pytest.mark.django_db
def test_ui_strings_follow_the_page_language(client, site_tree):
    assert "Siirry pääsisältöön" in client.get("/fi/").content.decode()
    assert "Hoppa till huvudinnehållet" in client.get("/sv/").content.decode()
    assert "Skip to main content" in client.get("/en/").content.decode()
