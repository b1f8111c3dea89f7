from .base import *  # noqa: F403

# The demo city (demo/: data files and `manage.py load_demo`) is for development and tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
# Without a DeepL key, wagtail-localize's dummy translator (it reverses words) shows how machine
# translation works; production settings never offer it.
if WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None:  # noqa: F405
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The address `make run` serves on (it sets this from HOST and PORT); the default Site follows it
# after every migrate (home.site_url), so no link says localhost.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
