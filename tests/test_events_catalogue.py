"""Issue 3: every string of the events app is translated into Finnish and Swedish, compiled, and
the catalogue matches the code."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from home.management.commands.kuulu_messages import Command, problems

APP_LOCALE = Path(settings.BASE_DIR) / "participation_pages" / "locale"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_events_catalogue_is_complete_and_compiled(language):
    assert problems(APP_LOCALE / language / "LC_MESSAGES" / "django.po") == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_events_catalogue_matches_the_code():
    stale = [line for line in Command().stale(Path(settings.BASE_DIR)) if "participation_pages" in line]
    assert stale == []
