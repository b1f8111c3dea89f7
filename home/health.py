"""Health endpoints for the process manager, the load balancer and the container platform.

- ``GET /healthz`` (liveness): 200 ``{"status": "ok"}`` as long as the process answers. It touches
  neither the database nor the cache, so a database outage does not make the platform restart
  every web process.
- ``GET /readyz`` (readiness): 200 when the database answers ``SELECT 1``, the default cache
  stores and returns a value, and every migration on disk is applied; otherwise **503** with the
  failing check named, so a load balancer sends no traffic to an instance started before
  ``manage.py migrate`` ran (the upgrade path in the README: migrate, then switch traffic).

Both answer JSON ``{"status": "ok" | "fail", "checks": {name: "ok" | message}}`` with
``Cache-Control: no-store``. They sit outside ``i18n_patterns`` (no language redirect), are exempt
from ``SECURE_SSL_REDIRECT`` (probes speak plain HTTP to the instance) and are no forms, so no
rate limit applies.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger("kuulu.health")

# Once every migration is applied, it stays so for this process's code: remember it.
_migrations_applied = False


def _check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    key = f"kuulu:readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    value = cache.get(key)
    cache.delete(key)
    if value != "1":
        raise RuntimeError("the cache did not return what was stored")


def _check_migrations():
    global _migrations_applied
    if _migrations_applied:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise RuntimeError(f"{len(plan)} migrations not applied: run manage.py migrate")
    _migrations_applied = True


#: The probes' paths (site_config/urls.py): middleware that reads the database or the cache
#: leaves them alone.
PROBE_PATHS = ("/healthz", "/readyz")

CHECKS = {"database": _check_database, "cache": _check_cache, "migrations": _check_migrations}


@never_cache
def healthz(request):
    """Liveness: 200 while the process serves requests; no database or cache access."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness: 200 when database, cache and migrations are in order, else 503 naming the check."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 - every failure is a "not ready"
            logger.warning("readiness check %s failed: %s", name, error)
            results[name] = f"{type(error).__name__}: {error}"
        else:
            results[name] = "ok"
    ok = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if ok else "fail", "checks": results}, status=200 if ok else 503)
