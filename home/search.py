"""The search backend every search in Kuulu uses (site search, the directory, the admin): Wagtail's
database backend (django-modelsearch) with two changes, so a search understands Finnish and
Swedish compound words.

- **Every word is a prefix.** `kuoro` finds "Kuoroyhdistys", `partio` "Partiolaiset" and
  `mielenterveys` "Mielenterveysseura": Finnish and Swedish write compounds as one word, and the
  stock backend matches whole words only (only the last word of an autocomplete query is a
  prefix). On SQLite this is FTS5's prefix query (`"kuoro"*`), on PostgreSQL `to_tsquery`'s
  `:*` prefix label.
- **On PostgreSQL each language's text search configuration.** An object with a `locale` (pages,
  translatable snippets) is indexed with the configuration of its language (`finnish`, `swedish`,
  `english`: PostgreSQL's Snowball stemmers, see *Text Search Dictionaries* in the PostgreSQL
  manual), and a query is parsed with the configuration of the active language, which is the
  language of the pages searched (site search and the directory search their own language).
  So `kuoron` (a form of *kuoro*) is stemmed like the indexed words. Objects without a language,
  and languages without a configuration, use `simple` (no stemming).

Settings: `WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search"}}`. After changing the
configuration of existing data, run `manage.py update_index`. Code that saves many objects with
the per-save index update paused (the demo loader) indexes them with `add_bulk_task`: one bulk
update per model instead of one per object.
"""

import copy
from collections import defaultdict

from django.apps import apps
from django.db import connection
from django.utils import translation
from django_tasks import task
from modelsearch.query import PlainText

#: PostgreSQL text search configuration per language code (`\dF` in psql lists them).
TEXT_SEARCH_CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}
DEFAULT_CONFIG = "simple"


def text_search_config(language_code):
    """The PostgreSQL text search configuration of a language code (`fi-FI` → `finnish`),
    `simple` for an unknown or empty one."""
    base = (language_code or "").split("-")[0].lower()
    return TEXT_SEARCH_CONFIGS.get(base, DEFAULT_CONFIG)


def _object_config(obj):
    locale = getattr(obj, "locale", None)
    return text_search_config(getattr(locale, "language_code", None))


def _words(query_string):
    """The words of a query: `-` and `"` separate words; a query of nothing else (`"`, `-`, a
    space) is searched as it is, so it stays a valid query (one that matches nothing): the
    backends cannot compile no query at all."""
    return query_string.replace("-", " ").replace('"', " ").split() or [query_string]


def _fts5_string(word):
    """A word as the inside of an FTS5 string: a `"` is doubled (https://sqlite.org/fts5.html#fts5_strings),
    so `*`, `(`, `:`, `^`, `NEAR`, `AND` and the like are plain text."""
    return word.replace('"', '""')


def _postgres_backend(params):
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )
    from modelsearch.backends.database.postgres.query import Lexeme

    class LanguageIndex(PostgresIndex):
        """Indexes each language's objects with that language's configuration."""

        def add_items(self, model, objs):
            groups = defaultdict(list)
            for obj in objs:
                groups[_object_config(obj)].append(obj)
            for config, group in groups.items():
                backend = copy.copy(self.backend)
                backend.config = config
                PostgresIndex(backend).add_items(model, group)

    class PrefixQueryCompiler(PostgresSearchQueryCompiler):
        def get_config(self, backend):
            return text_search_config(translation.get_language())

        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, PlainText):
                from django.contrib.postgres.search import SearchQuery

                lexemes = _prefix_lexemes(query, lambda word: Lexeme(word, invert=invert, prefix=True))
                if lexemes is None:
                    return None
                return SearchQuery(lexemes, search_type="raw", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

    class Backend(PostgresSearchBackend):
        query_compiler_class = PrefixQueryCompiler
        index_class = LanguageIndex
        results_class = PostgresSearchResults

    return Backend(params)


def _prefix_lexemes(query, lexeme):
    """The words of a plain-text `query`, each made a prefix lexeme by `lexeme(word)`, joined by
    the query's operator (AND or OR); None when the query has no words."""
    lexemes = None
    for word in _words(query.query_string):
        term = lexeme(word)
        if lexemes is None:
            lexemes = term
        elif query.operator.lower() == "and":
            lexemes &= term
        else:
            lexemes |= term
    return lexemes


def _sqlite_backend(params):
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend, SQLiteSearchQueryCompiler

    class PrefixQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                lexemes = _prefix_lexemes(query, lambda word: Lexeme(_fts5_string(word), prefix=True))
                if lexemes is None:
                    return None
                return SearchQueryExpression(lexemes, config=config)
            return super().build_search_query_content(query, config=config)

    class Backend(SQLiteSearchBackend):
        query_compiler_class = PrefixQueryCompiler

    return Backend(params)


def add_bulk(model, pks):
    """Add the objects of `model` (a concrete indexed model, e.g. a specific page class) whose
    primary keys are in `pks` to every search backend that updates automatically, in one bulk
    update per backend, as `manage.py update_index` does. Objects outside
    `model.get_indexed_objects()` (e.g. a page type that indexes only live pages) are left out,
    as the per-save update leaves them out."""
    from modelsearch.backends import get_search_backends

    objects = list(model.get_indexed_objects().filter(pk__in=pks))
    if objects:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)


@task()
def add_bulk_task(app_label, model_name, pks):
    """`add_bulk` as a task: `app_label` and `model_name` name the model, `pks` is a list of
    primary keys (JSON: numbers or strings)."""
    add_bulk(apps.get_model(app_label, model_name), pks)


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    """The backend for the default database: PostgreSQL or SQLite with FTS5 as described above;
    any other database gets the stock database backend."""
    from modelsearch.backends import database

    if connection.vendor == "postgresql":
        return _postgres_backend(params)
    if connection.vendor == "sqlite":
        backend = database.SearchBackend(params)
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return _sqlite_backend(params)
        return backend
    return database.SearchBackend(params)
