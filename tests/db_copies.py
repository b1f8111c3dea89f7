"""Copies of the test database kept between test processes, so that what every process would do
the same way is done once per database engine (and checkout):

- `MIGRATED`: the freshly migrated, empty database. Running every migration (Kuulu's and
  Wagtail's, ≈ 300) costs about 23 s of CPU.
- `SITE`: the database once the shared site (tests/baseline.py) is built and committed, with the
  ids `baseline.build()` returned. Building it (translations through wagtail-localize) cost the
  first test of every process about 29 s on a quiet machine, 70 s under CI's load.

`make test` starts four test processes (two pytest-xdist workers in each of the check and
database jobs; CI also runs PostgreSQL beside them). The first process of an engine migrates,
keeps `MIGRATED`, builds the site and keeps `SITE`; the others start from `SITE` and let Django's
`migrate` find nothing to apply (pytest-django's `keepdb`). A copy is:

- SQLite: a file `var/test-cache/<kind>-<key>.sqlite3`, written and read with SQLite's online
  backup API (https://www.sqlite.org/backup.html).
- PostgreSQL: a database `kuulu_<kind>_<checkout>_<key>`, and a process's test database is made
  with `CREATE DATABASE … TEMPLATE`
  (https://www.postgresql.org/docs/15/manage-ag-templatedbs.html), which copies the files:
  rows, sequences, the search index and the reference index as they were. `<checkout>` names
  this checkout, so that two checkouts on one server (branches with different keys) never drop
  each other's copies.

Each copy has `<kind>-<engine>-<key>.json` beside it in `var/test-cache` (the ids for `SITE`,
`{}` for `MIGRATED`), written after the copy: a copy counts only once its JSON is there.

`<key>` (`migrated_key`, `site_key`) is a hash of what the copy's content depends on, so any
change makes a new copy and the older ones of this checkout are removed. A lock file serialises
the processes of an engine: while the first one migrates and builds, the others wait for its
copies instead of doing the same. `KUULU_TEST_MIGRATED_CACHE=0` turns both copies off.
"""

import ast
import datetime
import fcntl
import functools
import hashlib
import json
import os
import sqlite3
from contextlib import contextmanager, suppress
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
CACHE = ROOT / "var" / "test-cache"
# What the shared site's rows depend on besides the tests/ modules baseline.py imports: the
# project's code (models, signals, hooks, demo/translation.py), its catalogues (group and
# workflow names are stored translated) and data files (the directory's reference data).
SITE_SOURCE_SUFFIXES = {".py", ".po", ".mo", ".csv"}
NOT_SITE_SOURCES = {"tests", "var"}  # tests/ counts through baseline.py's imports only


def enabled():
    return os.environ.get("KUULU_TEST_MIGRATED_CACHE", "1") != "0"


def _digest(parts, files):
    """Hex digest (16 characters) of `parts` (strings) and of the paths and contents of `files`."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def migrated_key():
    """Hex digest (16 characters) of what decides the migrated schema and its data: every
    migration of the project, the locked requirements (third-party migrations come with their
    versions), the settings modules and the database engine."""
    files = sorted(ROOT.glob("*/migrations/*.py"))
    files += sorted((ROOT / "requirements").glob("*.txt"))
    files += sorted((ROOT / "site_config" / "settings").glob("*.py"))
    return _digest([settings.DATABASES["default"]["ENGINE"]], files)


@functools.cache
def site_key():
    """Hex digest (16 characters) of what decides the shared site's rows: `migrated_key()`, the
    date (UTC), the project's sources outside tests/ (`SITE_SOURCE_SUFFIXES`) and
    tests/baseline.py with every tests/ module it imports, directly or not.

    The date is in it because the build reads the clock: the shared panel takes applications
    from yesterday to 20 days from now, its term is next year, and pages carry their publishing
    time. An older copy would hold dates a test comparing them with today's finds off by the
    copy's age, and in time a closed panel or a term in the current year."""
    today = datetime.datetime.now(datetime.UTC).date()
    return _digest([migrated_key(), today.isoformat()], _project_sources() + imported_test_modules())


def _project_sources():
    files = []
    for top in sorted(ROOT.iterdir()):  # not rglob from ROOT: .venv (a symlink here) and var/ are large
        if top.is_dir() and not top.name.startswith(".") and top.name not in NOT_SITE_SOURCES:
            files += sorted(path for path in top.rglob("*") if path.suffix in SITE_SOURCE_SUFFIXES)
    return files


def imported_test_modules(start="baseline"):
    """[Path] of tests/<start>.py and every module of tests/ it imports, directly or through
    another one (read from their source: nothing is imported), sorted."""
    found, pending = set(), [start]
    while pending:
        path = TESTS / (pending.pop().replace(".", "/") + ".py")
        if path in found or not path.exists():
            continue
        found.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "tests":
                pending += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests."):
                pending.append(node.module.removeprefix("tests."))
            elif isinstance(node, ast.Import):
                pending += [
                    alias.name.removeprefix("tests.")
                    for alias in node.names
                    if alias.name.startswith("tests.")
                ]
    return sorted(found)


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
    """Let the next process take the lock (nothing if this one does not hold it)."""
    handle = _lock.pop("handle", None)
    if handle is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _test_database():
    db = settings.DATABASES["default"]
    return db["ENGINE"].rsplit(".", 1)[-1], db.get("TEST", {}).get("NAME") or ""


class Copy:
    """One kind of kept copy ("migrated" or "site") with its key function. Call `seed` and `keep`
    with the lock held (`acquire`)."""

    def __init__(self, kind, key):
        self.kind, self._key = kind, key

    def _ids_file(self, key):
        vendor, _name = _test_database()  # per engine: a run on the other engine removes its old ones
        return CACHE / f"{self.kind}-{vendor}-{key}.json"

    def _sqlite_copy(self, key):
        return CACHE / f"{self.kind}-{key}.sqlite3"

    def seed(self):
        """Before the test database is set up: make it from the copy, if there is one. Returns the
        ids kept with the copy (a dict; `{}` for `MIGRATED`), or None when there is no copy (the
        test database is then untouched). After a copy, pytest-django must keep the database
        (`keepdb`)."""
        vendor, name = _test_database()
        key = self._key()
        ids_file = self._ids_file(key)
        if not ids_file.exists():
            return None
        if vendor == "sqlite3" and name:
            copy = self._sqlite_copy(key)
            if not copy.exists():
                return None
            for suffix in ("-wal", "-shm", "-journal"):
                Path(name + suffix).unlink(missing_ok=True)
            _sqlite_backup(copy, name)
        elif vendor == "postgresql":
            if not _postgres_copy_from(self._postgres_name(key)):
                return None
        else:
            return None
        return json.loads(ids_file.read_text(encoding="utf-8"))

    def keep(self, ids=None):
        """After `migrate` (MIGRATED) or the shared site's build (SITE), before anything else is
        written to the test database: copy it for the next processes, with `ids` (a
        JSON-serialisable dict), and remove this kind's older copies."""
        from django.db import connection

        vendor, name = _test_database()
        key = self._key()
        ids_file = self._ids_file(key)
        ids_file.unlink(missing_ok=True)  # the copy is incomplete until the JSON is back
        if vendor == "sqlite3" and name:
            copy = self._sqlite_copy(key)
            partial = _partial(copy)
            _sqlite_backup(connection.settings_dict["NAME"], partial)
            partial.replace(copy)
            for old in CACHE.glob(f"{self.kind}-*.sqlite3"):
                if old != copy:
                    old.unlink(missing_ok=True)
        elif vendor == "postgresql":
            connection.close()  # CREATE DATABASE … TEMPLATE needs the source without connections
            _postgres_replace(
                self._postgres_name(key), connection.settings_dict["NAME"], self._postgres_prefix()
            )
        else:
            return
        for old in CACHE.glob(f"{self.kind}-{vendor}-*.json"):
            old.unlink(missing_ok=True)
        partial = _partial(ids_file)
        partial.write_text(json.dumps(ids or {}), encoding="utf-8")
        partial.replace(ids_file)

    def _postgres_prefix(self):
        checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]
        return f"kuulu_{self.kind}_{checkout}_"

    def _postgres_name(self, key):
        return self._postgres_prefix() + key


MIGRATED = Copy("migrated", migrated_key)
SITE = Copy("site", site_key)


def _partial(path):
    """Where `path` is written before it is renamed into place (a rename is atomic)."""
    return path.with_name(path.name + ".partial")


def _sqlite_backup(source, target):
    source_db, target_db = sqlite3.connect(str(source)), sqlite3.connect(str(target))
    try:
        source_db.backup(target_db)
    finally:
        target_db.close()
        source_db.close()


def _postgres_copy_from(template):
    """Make the test database anew from the database `template`; False if there is none."""
    with postgres_maintenance() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if cursor.fetchone() is None:
            return False
        test_name = _postgres_test_name()
        cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
    return True


def _postgres_replace(copy, source, prefix):
    """Make the database `copy` from the database `source` (dropping an older `copy`), then drop
    the other databases named `prefix…` (copies for keys that changed since)."""
    import psycopg

    with postgres_maintenance() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')
        cursor.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s", [prefix, copy]
        )
        for (old,) in cursor.fetchall():
            with suppress(psycopg.Error):  # being copied by a run of an older version: next time
                cursor.execute(f'DROP DATABASE "{old}"')


def _postgres_test_name():
    from django.db import connection

    return connection.creation._get_test_db_name()


@contextmanager
def postgres_maintenance():
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
