"""Backups: kuulu_backup then kuulu_restore into a fresh database gives the same pages, sign-ups
and media (SQLite here; PostgreSQL when DATABASE_URL points at it). Transactional: the backup
tools read the database through their own connections, which see committed rows only."""

import sqlite3
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page

from registrations.models import Registration
from tests.fixtures_registrations import signup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fresh_database(tmp_path):
    """(database URL, count(table)) of a new, empty database of the test database's engine."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"

        def count(table):
            with sqlite3.connect(path) as conn:
                return conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608

        yield f"sqlite:///{path}", count
        return
    import psycopg

    name = f"kuulu_restore_{uuid.uuid4().hex[:12]}"
    params = {
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def count(table):
        with psycopg.connect(dbname=name, **params) as conn:
            return conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608

    user, password = params["user"] or "", params["password"] or ""
    yield (
        f"postgres://{user}:{password}@{params['host'] or 'localhost'}:{params['port'] or 5432}/{name}",
        count,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restore_into_a_fresh_database_gives_the_same_pages_sign_ups_and_media(
    signup_event, fresh_database, tmp_path, settings, capsys
):
    event = signup_event(capacity=2)
    for n in range(3):
        signup(event, f"asukas{n}@example.fi")
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "poytakirja.pdf").write_bytes(b"%PDF-1.4 minutes")
    pages, signups = Page.objects.count(), Registration.objects.count()
    assert signups == 3

    call_command("kuulu_backup", str(tmp_path / "backup"))
    url, count = fresh_database
    restored_media = tmp_path / "restored-media"
    call_command("kuulu_restore", str(tmp_path / "backup"), database_url=url, media_root=str(restored_media))

    assert count("wagtailcore_page") == pages
    assert count(Registration._meta.db_table) == signups
    assert (restored_media / "documents" / "poytakirja.pdf").read_bytes() == b"%PDF-1.4 minutes"
    assert "counts match the backup" in capsys.readouterr().out

    # Restoring again over the restored database replaces it rather than doubling rows.
    call_command("kuulu_restore", str(tmp_path / "backup"), database_url=url, media_root=str(restored_media))
    assert count(Registration._meta.db_table) == signups


def test_a_backup_of_another_engine_is_refused_with_a_clear_message(tmp_path, fresh_database):
    call_command("kuulu_backup", str(tmp_path / "backup"))
    manifest = tmp_path / "backup" / "manifest.json"
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite3"
    manifest.write_text(
        manifest.read_text().replace(
            f'"engine": "{connection.vendor if connection.vendor == "postgresql" else "sqlite3"}"',
            f'"engine": "{other}"',
        )
    )
    url, _ = fresh_database
    with pytest.raises(CommandError, match="this backup is of a"):
        call_command("kuulu_restore", str(tmp_path / "backup"), database_url=url)
