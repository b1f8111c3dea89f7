import os

from .base import *  # noqa: F403

# The demo city (demo/: data files and `manage.py load_demo`) is for development and tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
# Without a DeepL key, wagtail-localize's dummy translator (it reverses words) shows how machine
# translation works; production settings never offer it.
if WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None:  # noqa: F405
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tasks run inside the request in most tests; tests of the queue itself switch to the database
# backend with override_settings.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The tests serve static files from the apps and static/ (finders), never from a collected copy:
# `make prod-smoke`, which CI runs beside the suites, collects into var/static meanwhile.
STATIC_ROOT = BASE_DIR / "var" / "test-static"  # noqa: F405

# A file, not :memory:, for the test database: the live server used by browser tests answers
# several requests at once, and a shared in-memory SQLite database locks whole tables.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    # KUULU_TEST_DB lets two test runs share a checkout without sharing a database file.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.environ.get("KUULU_TEST_DB", str(BASE_DIR / "var" / "test-db.sqlite3"))  # noqa: F405
    }
