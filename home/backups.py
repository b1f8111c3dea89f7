"""Back up and restore Kuulu's database and media (`manage.py kuulu_backup` / `kuulu_restore`).

A backup is a directory holding:

- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``, restored with ``pg_restore``) or
  ``database.sqlite3`` (SQLite: the online backup API, a consistent copy while the site runs);
- ``media.tar.gz``: every file under ``MEDIA_ROOT`` (images, documents; not used with object
  storage, whose bucket has its own versioning and replication);
- ``manifest.json``: ``{"engine", "created" (ISO 8601, UTC), "counts": {table: rows}}``. On
  PostgreSQL the counts are taken in the very snapshot ``pg_dump`` exports (``--snapshot``, a
  ``REPEATABLE READ`` transaction), on SQLite from the copy, so they describe exactly what was saved.

A restore loads the database into the target (``--clean --if-exists`` on PostgreSQL, so an
existing database is replaced in one transaction; SQLite: the file is overwritten), unpacks the
media and then counts every table again: any difference from the manifest is an error.

Needs ``pg_dump``/``pg_restore`` of the server's major version on PATH for PostgreSQL (Debian's
``postgresql-client``). See README, *Backups and upgrades*.
"""

import json
import os
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.apps import apps
from django.conf import settings
from django.db import connections

DUMP = "database.dump"
SQLITE = "database.sqlite3"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that could not be made or does not match its manifest."""


def _tables():
    """Every table of an installed model (with auto-created many-to-many tables), sorted."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return sorted(tables)


def _count(cursor, tables, quote):
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from the models
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_quote(name):
    return '"' + name.replace('"', '""') + '"'


def _pg_env(db):
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db):
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def _pg_connect(db):
    import psycopg

    return psycopg.connect(
        dbname=db["NAME"],
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
    )


def database_settings(database_url=None):
    """The settings dict of the database to use: `database_url` parsed, or Django's default one."""
    if database_url:
        return dj_database_url.parse(database_url)
    return connections["default"].settings_dict


def backup(directory, database_url=None, media_root=None):
    """Write a backup of the database and media into `directory` (created); return the manifest."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    db = database_settings(database_url)
    tables = _tables()
    if db["ENGINE"] == "django.db.backends.postgresql":
        with _pg_connect(db) as conn:
            conn.isolation_level = 3  # REPEATABLE READ: one snapshot for the dump and the counts
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                counts = _count(cursor, tables, lambda name: '"' + name.replace('"', '""') + '"')
                result = subprocess.run(  # noqa: S603
                    ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
                    + _pg_args(db)
                    + ["--file", str(directory / DUMP), str(db["NAME"])],
                    env=_pg_env(db),
                    capture_output=True,
                    text=True,
                )
            conn.rollback()
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    elif db["ENGINE"] == "django.db.backends.sqlite3":
        target = directory / SQLITE
        target.unlink(missing_ok=True)
        counts = _sqlite_copy(db["NAME"], target, tables)
    else:
        raise BackupError(f"no backup method for {db['ENGINE']}")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tarfile.open(directory / MEDIA, "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname=".")
    manifest = {
        "engine": db["ENGINE"].rsplit(".", 1)[-1],
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": counts,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def _sqlite_copy(source_path, target_path, tables):
    """Copy the SQLite database at `source_path` over `target_path` with SQLite's online backup
    API (https://www.sqlite.org/backup.html); returns {table: row count} of the copy."""
    source = sqlite3.connect(str(source_path))
    target = sqlite3.connect(str(target_path))
    try:
        source.backup(target)
        return _count(target.cursor(), tables, _sqlite_quote)
    finally:
        target.close()
        source.close()


def restore(directory, database_url=None, media_root=None):
    """Restore the backup in `directory` into the database and media root; return the table counts.

    Raises BackupError when a tool fails or the restored counts differ from the manifest."""
    directory = Path(directory)
    manifest = json.loads((directory / MANIFEST).read_text())
    db = database_settings(database_url)
    tables = sorted(manifest["counts"])
    if db["ENGINE"] == "django.db.backends.postgresql":
        if manifest["engine"] != "postgresql":
            raise BackupError("this backup is of a SQLite database; restore it into SQLite")
        result = subprocess.run(  # noqa: S603
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
            + ["--exit-on-error"]
            + _pg_args(db)
            + ["--dbname", str(db["NAME"]), str(directory / DUMP)],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        with _pg_connect(db) as conn, conn.cursor() as cursor:
            counts = _count(cursor, tables, lambda name: '"' + name.replace('"', '""') + '"')
    elif db["ENGINE"] == "django.db.backends.sqlite3":
        if manifest["engine"] != "sqlite3":
            raise BackupError("this backup is of a PostgreSQL database; restore it into PostgreSQL")
        if database_url is None:
            connections["default"].close()
        counts = _sqlite_copy(directory / SQLITE, db["NAME"], tables)
    else:
        raise BackupError(f"no restore method for {db['ENGINE']}")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / MEDIA, "r:gz") as archive:
        archive.extractall(media_root, filter="data")  # refuses absolute paths and ../ members
    differences = {
        t: (manifest["counts"][t], counts[t]) for t in tables if manifest["counts"][t] != counts[t]
    }
    if differences:
        raise BackupError(
            f"restored row counts differ from the backup (table: saved, restored): {differences}"
        )
    return counts
