"""Parsing what a request sends, once, for every view: ids, page numbers, dates, search text.

Every value in a query string or a form is text a bot or a careless typist may fill with anything.
These helpers turn it into a Python value or `None`; they never raise, so a view answers with its
error summary, a 400 or a 404 instead of a 500. `home.middleware.RejectUndecodableInputMiddleware`
has already refused NUL bytes and undecodable text before a view runs.
"""

import datetime
import re

from django.http import Http404
from wagtail.models import Page

from home import i18n, page_cache

# The largest id a database integer column holds (PostgreSQL `integer`, SQLite's 64-bit rowid is larger).
MAX_ID = 2**31 - 1


def parse_id(value):
    """A primary key from text: `"12"` → 12; anything else (`"abc"`, `"-1"`, `"1e30"`, a number
    over `MAX_ID`, `None`) → None."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def parse_date(value):
    """An ISO 8601 calendar date `YYYY-MM-DD` → `datetime.date`; an impossible date
    (`2026-02-30`), another format or `None` → None."""
    value = (value or "").strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def public_page_or_404(value, *, required=False, request=None, model=Page):
    """The live, public page whose id is `value`, as `model` (any type, `Page`, by default; a
    page of another type is a 404 then), for views that take a page id from a request and show
    its title or address.

    An empty value → None (or 404 when `required`); an id that is not a number, or names a draft,
    a scheduled (not yet live), a password- or login-protected page, or no page → `Http404`, so
    counting ids reveals nothing that is not already public. "Public" is Wagtail's `.public()`,
    checked against the private sections `home.page_cache.restricted_paths` keeps (with
    `request`, no query for them).
    """
    if not (value or "").strip() and not required:
        return None
    page_id = parse_id(value)
    page = model.objects.live().filter(pk=page_id).first() if page_id else None
    if page is None or not page_cache.is_public(page, request):
        raise Http404
    return page


# Characters that mean something to a full-text query parser (SQLite FTS5 quotes, operators and
# column filters; PostgreSQL's tsquery operators). Search is for words, so they become spaces.
SEARCH_SYNTAX = re.compile(r"[\"'()*:^<>=!&|~+\-{}\[\]\\/%@#$;,.?`]")


def search_words(text, max_length=200):
    """Search text as plain words: the characters a full-text query parser treats as syntax are
    replaced with spaces, whitespace is collapsed and the result cut at `max_length` characters.
    `'"'` → `""` (no search), `'kulttuuri "yhdistys'` → `"kulttuuri yhdistys"`."""
    words = SEARCH_SYNTAX.sub(" ", text or "")
    return " ".join(words.split())[:max_length].strip()


def public_translation(page, request=None):
    """`page` in the reader's language (Wagtail's `.localized`: live translations only) when that
    translation is also public (not behind a password or login, `page_cache.is_public`); `page`
    itself otherwise."""
    localized = i18n.localized(page)
    if localized.pk == page.pk or page_cache.is_public(localized, request):
        return localized
    return page
