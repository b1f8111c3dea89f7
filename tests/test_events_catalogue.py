"""Issue 3: every string of the events app is translated into Finnish and Swedish and compiled.
That the catalogue matches the code is checked with every other catalogue's, by one extraction
(tests/test_i18n.py::test_catalogues_are_complete_compiled_and_current)."""

from pathlib import Path

import pytest
from django.conf import settings

from home.management.commands.kuulu_messages import problems

APP_LOCALE = Path(settings.BASE_DIR) / "participation_pages" / "locale"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_events_catalogue_is_complete_and_compiled(language):
    assert problems(APP_LOCALE / language / "LC_MESSAGES" / "django.po") == []
