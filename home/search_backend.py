"""Wagtail's database search backend, with the SQLite query quoting fixed.

`WAGTAILSEARCH_BACKENDS` names this module. On SQLite, Wagtail (django-modelsearch) writes each
search word into the FTS5 query as a string `"word"` without doubling a `"` inside it (FTS5
query syntax, https://sqlite.org/fts5.html#fts5_strings), so a search for a lone `"` was an FTS5
syntax error and a 500 on the site search, the directory and the API. Here every word is
quoted correctly, so any text is a valid query; PostgreSQL and other databases are unchanged.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.query import PlainText


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database_search_backend(params)
    if connection.vendor != "sqlite" or not hasattr(backend.query_compiler_class, "LAST_TERM_IS_PREFIX"):
        return backend
    backend.query_compiler_class = _quoting(backend.query_compiler_class)
    backend.autocomplete_query_compiler_class = _quoting(backend.autocomplete_query_compiler_class)
    return backend


def _quoting(compiler_class):
    class QuotingCompiler(compiler_class):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                query = PlainText(query.query_string.replace('"', '""'), operator=query.operator)
            return super().build_search_query_content(query, config=config)

    QuotingCompiler.__name__ = f"Quoting{compiler_class.__name__}"
    return QuotingCompiler
