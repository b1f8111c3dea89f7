"""Production: everything secret or site-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment; Kuulu will not start without it.")

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed, content-hashed file names so they can be cached forever.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media (images, documents) on S3-compatible object storage when a bucket is named; the local
# filesystem (MEDIA_ROOT) otherwise. Objects are private and every URL is signed and short-lived,
# so a document is only reachable through Wagtail's /documents/<id>/<name> view, which checks the
# collection's privacy before redirecting to a signed URL (WAGTAILDOCS_SERVE_METHOD).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "300")),
            "file_overwrite": False,
        },
    }
    WAGTAILDOCS_SERVE_METHOD = "redirect"
else:
    # Never a plain /media/documents/ URL: documents are streamed by Wagtail's view after the
    # privacy check (the nginx example refuses /media/documents/ too).
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Test-only relaxation: `make prod-smoke` runs on HTTPS-less loopback with SECURE_SSL_REDIRECT=false.
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
# Superusers and Moderators sign in with a TOTP code as well (home/second_factor.py).
KUULU_STAFF_SECOND_FACTOR_REQUIRED = (
    os.environ.get("KUULU_STAFF_SECOND_FACTOR_REQUIRED", "true").lower() != "false"
)
# The platform's probes speak plain HTTP to the instance (home/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "false").lower() == "true"
EMAIL_TIMEOUT = 30

# Persistent database connections, checked before reuse (a restarted database is not an error).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Rate limits, the cache and sessions must be shared by all app servers: Redis when REDIS_URL is
# set, else the database cache (run `manage.py createcachetable`). Image renditions get a cache of
# their own, so a page view never writes a rendition lookup into the database cache table.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "home.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "kuulu",
        },
        "renditions": {
            "BACKEND": "home.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "kuulu-renditions",
            "TIMEOUT": 60 * 60 * 24,
        },
    }
    # Sessions read from Redis, written through to the database (they survive a Redis restart).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kuulu_cache",
        },
        # Per process: a miss costs one query, but a view never writes to the database for it.
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kuulu-renditions",
            "TIMEOUT": 60 * 60,
        },
    }

# Anonymous visitors get public pages from the shared cache, purged on publish (home/page_cache.py).
KUULU_PAGE_CACHE_SECONDS = int(os.environ.get("KUULU_PAGE_CACHE_SECONDS", "60"))

# One JSON object a line on stderr, with the request id (home/logs.py); gunicorn's access log
# uses the same id (deploy/gunicorn.conf.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "home.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "home.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "json"}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "kuulu": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Error reporting when SENTRY_DSN is set: no personal data (no cookies, user or request bodies).
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else ""
)
