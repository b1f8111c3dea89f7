"""A copy of the test database taken once, after the shared site is built, and put back after
every transactional test in place of Django's flush.

Django ends a transactional test (`TransactionTestCase`, pytest-django's `transactional_db`,
a live server) by emptying every table and sending `post_migrate` again; the next test then
needed the shared site (tests/baseline.py) built and translated again: about 10 s per
transactional test. Restoring a copy is a fraction of that:

- SQLite: the copy is an in-memory database made with SQLite's online backup API
  (https://www.sqlite.org/backup.html); restoring backs it up into the test database.
- PostgreSQL: the copy is a schema `kuulu_snapshot` holding each non-empty table
  (`CREATE TABLE … AS SELECT …` of its insertable columns); restoring truncates every table and inserts the copies in
  one transaction (Django's foreign keys are `DEFERRABLE INITIALLY DEFERRED`, so the order of
  the inserts does not matter), then sets each sequence past its table's largest id.

Any other engine keeps Django's flush (and the rebuild in tests/fixtures.py).
"""

import sqlite3

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "kuulu_snapshot"

_copy = {}  # {"sqlite": sqlite3.Connection} or {"postgresql": [(table, columns, filled)]}


def take():
    """Copy the committed state of the test database. Returns False (and copies nothing) inside
    a transaction, where the state is not committed, or on another engine."""
    if connection.in_atomic_block:
        return False
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _copy.clear()
        _copy["sqlite"] = copy
        return True
    if connection.vendor == "postgresql":
        _copy.clear()
        _copy["postgresql"] = _take_postgresql()
        return True
    return False


def available():
    return bool(_copy)


def restore():
    """Put the copy back over whatever a transactional test left (committed, autocommit)."""
    connection.ensure_connection()
    if "sqlite" in _copy:
        _copy["sqlite"].backup(connection.connection)
    else:
        _restore_postgresql(_copy["postgresql"])


def _tables(cursor):
    """[(table, [insertable column])] of the public schema, generated columns left out."""
    cursor.execute(
        "SELECT table_name, array_agg(quote_ident(column_name::text) ORDER BY ordinal_position) "
        "FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name) "
        "WHERE table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER' "
        "GROUP BY table_name ORDER BY table_name"
    )
    return cursor.fetchall()


def _take_postgresql():
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        tables = []
        for table, columns in _tables(cursor):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {qn(table)})")  # noqa: S608 (names from the catalogue, quoted)
            filled = cursor.fetchone()[0]
            if filled:
                names = ", ".join(columns)
                cursor.execute(f"CREATE TABLE {SCHEMA}.{qn(table)} AS SELECT {names} FROM {qn(table)}")  # noqa: S608
            tables.append((table, columns, filled))
    return tables


def _restore_postgresql(tables):
    qn = connection.ops.quote_name
    models = apps.get_models(include_auto_created=True)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(qn(table) for table, _columns, _filled in tables))
        for table, columns, filled in tables:
            if filled:
                names = ", ".join(columns)
                cursor.execute(f"INSERT INTO {qn(table)} ({names}) SELECT {names} FROM {SCHEMA}.{qn(table)}")  # noqa: S608
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
