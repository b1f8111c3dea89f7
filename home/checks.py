"""System checks for a production deployment (`manage.py check --deploy`).

- `kuulu.W001`: no base URL for e-mails and the admin (`WAGTAILADMIN_BASE_URL`);
- `kuulu.E002`: the database cache is configured but its table is missing (every rate-limited
  form would answer 500); a database check, so it runs with
  `manage.py check --deploy --database default`, which the deployment steps in the README use.
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connections


@register(Tags.security, deploy=True)
def base_url_check(app_configs, **kwargs):
    if getattr(settings, "WAGTAILADMIN_BASE_URL", ""):
        return []
    return [
        Warning(
            "WAGTAILADMIN_BASE_URL is not set: links in e-mails and the admin have no host.",
            hint="Set WAGTAILADMIN_BASE_URL (or ALLOWED_HOSTS) in the environment.",
            id="kuulu.W001",
        )
    ]


@register(Tags.database, Tags.caches, deploy=True)
def cache_table_check(app_configs, databases=None, **kwargs):
    errors = []
    for alias, config in settings.CACHES.items():
        if not config["BACKEND"].endswith("DatabaseCache") or not databases:
            continue
        table = config["LOCATION"]
        for database in databases:
            try:
                with connections[database].cursor() as cursor:
                    exists = table in connections[database].introspection.table_names(cursor)
            except DatabaseError:
                continue
            if not exists:
                errors.append(
                    Error(
                        f"The cache table {table!r} (cache {alias!r}) does not exist in database {database!r}.",
                        hint="Run `manage.py createcachetable`, or set REDIS_URL.",
                        id="kuulu.E002",
                    )
                )
    return errors
