"""Running Kuulu in production: health endpoints, request ids in JSON logs, shared-state settings."""

import importlib
import json
import logging
import os

import pytest
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from home import health
from home.logs import JsonFormatter, RequestIdFilter
from tests.test_security import CHECK_DEPLOY_SCRIPT, PRODUCTION_ENV, run_manage


def production_settings(**env):
    """site_config.settings.production's module, loaded with the test environment plus `env`."""
    env = {**{k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SETTINGS_MODULE"}, **env}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return importlib.reload(importlib.import_module("site_config.settings.production"))
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_healthz_answers_without_the_database_or_a_language_redirect(client):
    # No database fixture: pytest-django makes any query here an error.
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_green_on_a_migrated_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "migrations": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_fails_with_503_when_a_migration_is_not_applied(client, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)])
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert "manage.py migrate" in body["checks"]["migrations"]
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_readyz_fails_with_503_when_the_cache_keeps_nothing(client):
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        from django.core.cache import caches

        caches._settings = caches.settings = dummy  # the handler caches its settings
        try:
            response = client.get("/readyz")
        finally:
            del caches._settings
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] != "ok"


def test_probes_are_exempt_from_the_https_redirect_but_pages_are_not(client):
    production = production_settings()
    with override_settings(
        SECURE_SSL_REDIRECT=production.SECURE_SSL_REDIRECT,
        SECURE_REDIRECT_EXEMPT=production.SECURE_REDIRECT_EXEMPT,
    ):
        assert client.get("/healthz").status_code == 200
        redirected = client.get("/robots.txt")
    assert redirected.status_code == 301
    assert redirected["Location"].startswith("https://")


def test_every_response_carries_a_request_id_and_a_proxys_id_is_kept(client):
    generated = client.get("/healthz")["X-Request-ID"]
    assert len(generated) == 32 and generated != client.get("/healthz")["X-Request-ID"]
    assert client.get("/healthz", HTTP_X_REQUEST_ID="nginx-4f2a9c")["X-Request-ID"] == "nginx-4f2a9c"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x"\n{"level": "CRITICAL"}')["X-Request-ID"]
    assert forged != 'x"\n{"level": "CRITICAL"}' and len(forged) == 32


def test_log_lines_are_json_with_the_request_id(client, monkeypatch):
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Collect()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("kuulu.health")
    logger.addHandler(handler)
    monkeypatch.setattr(health, "CHECKS", {"database": lambda: 1 / 0})
    try:
        response = client.get("/readyz", HTTP_X_REQUEST_ID="req-123")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 503
    entry = json.loads(lines[-1])
    assert entry["request_id"] == "req-123"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "kuulu.health"
    assert entry["message"] == "readiness check database failed: division by zero"


def test_production_logging_is_json_and_check_deploy_stays_clean_with_every_option():
    env = {
        **PRODUCTION_ENV,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "AWS_STORAGE_BUCKET_NAME": "kuulu-media",
        "SENTRY_DSN": "https://public@sentry.example.invalid/1",
    }
    # One process with these settings: `check --deploy` first (in the process, as
    # CHECK_DEPLOY_SCRIPT runs it), then what the settings made of every option, then a log line.
    script = CHECK_DEPLOY_SCRIPT + (
        "deploy = check_deploy('--fail-level', 'WARNING');"
        "import logging; from django.conf import settings; from django.core.files.storage import storages;"
        "print(json.dumps({'deploy': deploy}));"
        "print(json.dumps({'cache': settings.CACHES['default']['BACKEND'],"
        " 'renditions': 'renditions' in settings.CACHES, 'sessions': settings.SESSION_ENGINE,"
        " 'storage': type(storages['default']).__name__, 'docs': settings.WAGTAILDOCS_SERVE_METHOD,"
        " 'conn': settings.DATABASES['default']['CONN_MAX_AGE'],"
        " 'checks': settings.DATABASES['default']['CONN_HEALTH_CHECKS']}));"
        "logging.getLogger('kuulu.test').warning('hello')"
    )
    result = run_manage("shell", "-c", script, env_overrides=env)
    assert result.returncode == 0, result.stderr
    deploy, shown = (json.loads(line) for line in result.stdout.strip().splitlines()[-2:])
    assert deploy == {"deploy": None}, deploy
    assert "System check identified no issues" in result.stdout
    assert shown == {
        "cache": "home.cache.RedisCache",
        "renditions": True,
        "sessions": "django.contrib.sessions.backends.cached_db",
        "storage": "S3Storage",
        "docs": "redirect",
        "conn": 60,
        "checks": True,
    }
    log = json.loads(result.stderr.strip().splitlines()[-1])
    assert log["message"] == "hello" and log["request_id"] == "-"


def test_with_redis_every_cache_operation_reuses_one_client():
    """Production's Redis cache (home.cache) builds one redis-py client per connection pool, not
    one per operation as Django's does (≈ 55 µs of CPU each; a sign-up makes four). Building a
    client opens no connection, so no server is needed here."""
    from django.core.cache import CacheHandler

    production = production_settings(REDIS_URL="redis://127.0.0.1:1/0")
    caches = CacheHandler(production.CACHES)
    for alias in ("default", "renditions"):
        client = caches[alias]._cache.get_client(write=True)
        assert caches[alias]._cache.get_client() is client
        assert client.connection_pool.connection_kwargs["port"] == 1


def test_without_options_production_keeps_local_media_and_streams_documents_through_wagtail():
    production = production_settings()
    assert production.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert production.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert production.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.django_db
def test_documents_are_served_only_through_wagtails_view_which_keeps_collection_privacy(client, settings):
    """With production's WAGTAILDOCS_SERVE_METHOD the file is streamed after the privacy check;
    nginx refuses /media/documents/ itself (deploy/nginx.conf, checked by make prod-smoke)."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    settings.WAGTAILDOCS_SERVE_METHOD = production_settings().WAGTAILDOCS_SERVE_METHOD
    document = get_document_model()
    private = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    public_doc = document.objects.create(title="Minutes", file=ContentFile(b"public minutes", "minutes.txt"))
    private_doc = document.objects.create(
        title="Draft", collection=private, file=ContentFile(b"private draft", "draft.txt")
    )

    public = client.get(public_doc.url)
    assert public.status_code == 200
    assert b"".join(public.streaming_content) == b"public minutes"
    refused = client.get(private_doc.url)
    assert refused.status_code == 302
    assert "login" in refused["Location"]
    assert b"private draft" not in refused.content


def _worker():
    from home.management.commands.db_worker import GracefulWorker
    from tests.worker import make_worker

    return make_worker(GracefulWorker, queue_names=["default"], interval=1, batch=False)


@pytest.mark.django_db
def test_the_worker_stops_after_the_queue_poll_when_sigterm_arrives_inside_it():
    """A SIGTERM inside the poll's transaction (the test's own atomic block here) ends the loop
    instead of raising SystemExit inside the COMMIT (which made the worker exit 1)."""
    import signal

    worker = _worker()
    worker.shutdown(signal.SIGTERM, None)  # no SystemExit inside the transaction
    assert worker.running is False


def test_the_idle_worker_still_exits_at_once_with_0_on_sigterm():
    import signal

    with pytest.raises(SystemExit) as exit_info:
        _worker().shutdown(signal.SIGTERM, None)
    assert exit_info.value.code == 0
