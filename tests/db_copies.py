"""A migrated, empty test database kept between test processes, so migrations run once.

Running every migration (Kuulu's and Wagtail's, ≈ 300) costs about 23 s of CPU, nine tenths of
a test process's setup, and `make test` starts four such processes (two pytest-xdist workers
in each of the check and database jobs; CI also runs PostgreSQL beside them). The first process
migrates as usual and keeps a copy; the others start from the copy and let Django's `migrate`
find nothing to apply (pytest-django's `keepdb`):

- SQLite: the copy is `var/test-cache/migrated-<key>.sqlite3`, written and read with SQLite's
  online backup API (https://www.sqlite.org/backup.html).
- PostgreSQL: the copy is a database `kuulu_migrated_<key>`, and a process's test database is
  made with `CREATE DATABASE … TEMPLATE` (https://www.postgresql.org/docs/15/manage-ag-templatedbs.html).

`<key>` is a hash of every migration file of the project, the locked requirements (third-party
migrations come with their versions) and the settings modules, so any change makes a new copy.
A lock file serialises the processes: while the first one migrates, the others wait for its
copy instead of migrating too. `KUULU_TEST_MIGRATED_CACHE=0` turns the copy off.
"""

import fcntl
import hashlib
import os
import sqlite3
from contextlib import contextmanager, suppress
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "test-cache"


def enabled():
    return os.environ.get("KUULU_TEST_MIGRATED_CACHE", "1") != "0"


def key():
    """Hex digest (16 characters) of what decides the migrated schema and its data."""
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("*/migrations/*.py"))
    files += sorted((ROOT / "requirements").glob("*.txt"))
    files += sorted((ROOT / "site_config" / "settings").glob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update(settings.DATABASES["default"]["ENGINE"].encode())
    return digest.hexdigest()[:16]


_lock = {}


def acquire():
    """Take the exclusive lock shared by every test process of this checkout on this database
    engine (waits for it)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    vendor, _name = _test_database()  # SQLite and PostgreSQL runs need not wait for each other
    handle = open(CACHE / f".lock-{vendor}", "w")  # noqa: SIM115 - held across fixtures, closed in release()
    fcntl.flock(handle, fcntl.LOCK_EX)
    _lock["handle"] = handle


def release():
    handle = _lock.pop("handle", None)
    if handle is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _test_database():
    db = settings.DATABASES["default"]
    return db["ENGINE"].rsplit(".", 1)[-1], db.get("TEST", {}).get("NAME") or ""


def seed():
    """Before the test database is set up: make it from the copy, if there is one. Returns True
    when it did (then pytest-django must keep the database: `keepdb`)."""
    vendor, name = _test_database()
    if vendor == "sqlite3" and name:
        copy = CACHE / f"migrated-{key()}.sqlite3"
        if not copy.exists():
            return False
        for suffix in ("-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
        _sqlite_backup(copy, name)
        return True
    if vendor == "postgresql":
        import psycopg

        template = f"kuulu_migrated_{key()}"
        with _postgres_maintenance() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                return False
            test_name = _postgres_test_name()
            cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')
            try:
                cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
            except psycopg.Error:  # another checkout is copying from it: migrate as usual
                return False
        return True
    return False


def keep():
    """After `migrate` has made the test database (and before anything else is written to it):
    copy it for the next processes."""
    from django.db import connection

    vendor, name = _test_database()
    if vendor == "sqlite3" and name:
        copy = CACHE / f"migrated-{key()}.sqlite3"
        if not copy.exists():
            partial = copy.with_suffix(".partial")
            _sqlite_backup(connection.settings_dict["NAME"], partial)
            partial.replace(copy)
        for old in CACHE.glob("migrated-*.sqlite3"):  # copies for migrations that changed since
            if old != copy:
                old.unlink(missing_ok=True)
    elif vendor == "postgresql":
        template = f"kuulu_migrated_{key()}"
        connection.close()  # CREATE DATABASE … TEMPLATE needs the source without connections
        import psycopg

        with _postgres_maintenance() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                # suppress: made meanwhile by a test run of another checkout
                with suppress(psycopg.Error):
                    cursor.execute(
                        f'CREATE DATABASE "{template}" TEMPLATE "{connection.settings_dict["NAME"]}"'
                    )
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'kuulu_migrated_%%' AND datname <> %s",
                [template],
            )
            for (old,) in cursor.fetchall():  # copies for migrations that changed since
                with suppress(psycopg.Error):  # in use by another checkout's run: next time
                    cursor.execute(f'DROP DATABASE "{old}"')


def _sqlite_backup(source, target):
    source_db, target_db = sqlite3.connect(str(source)), sqlite3.connect(str(target))
    try:
        source_db.backup(target_db)
    finally:
        target_db.close()
        source_db.close()


def _postgres_test_name():
    from django.db import connection

    return connection.creation._get_test_db_name()


@contextmanager
def _postgres_maintenance():
    """A cursor on the server's `postgres` database, in autocommit (CREATE DATABASE needs it)."""
    import psycopg

    db = settings.DATABASES["default"]
    with (
        psycopg.connect(
            dbname="postgres",
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            autocommit=True,
        ) as conn,
        conn.cursor() as cursor,
    ):
        yield cursor
