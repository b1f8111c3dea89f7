"""Settings shared by every environment. dev, test and production import from here."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    # Kuulu's own apps (the dev and test settings add the demo city, `demo`).
    "home",
    "taxonomy",
    "participation_pages",
    "directory",
    "panels",
    "registrations",
    "feedback",
    "newsletters",
    # Wagtail and its translation tooling
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id (home/logs.py).
    "home.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, so CommonMiddleware's redirects carry CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    "home.middleware.KuuluLocaleMiddleware",
    # NUL bytes and lone surrogates in any input: 400 before a view or the database sees them.
    "home.middleware.RejectUndecodableInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Wagtail Site, found once per host until content changes (home/page_cache.py);
    # after CommonMiddleware, so only a host in ALLOWED_HOSTS is ever looked up and kept.
    "home.page_cache.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff second factor: marks a session verified by a TOTP code, then keeps superusers and
    # Moderators out of the admin until it is (home/second_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "home.second_factor.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Stored copies of public pages for anonymous visitors (home/page_cache.py): after the
    # middleware that knows the visitor and the CSRF cookie, before those that only add headers.
    "home.page_cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.middleware.KuuluCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # AxesMiddleware must be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_config.urls"

# Django's default form renderer with <input> widgets written without templates (same HTML).
FORM_RENDERER = "home.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "site_config.wsgi.application"

# SQLite file by default; DATABASE_URL (postgres://…) switches to PostgreSQL through psycopg 3.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue up instead of failing with "database is locked"; IMMEDIATE transactions
    # take the write lock at BEGIN, which is what serialises seat counting on SQLite.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a login after too many failures before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Staff accounts hold residents' data: at least 12 characters (NCSC-FI and NIST SP 800-63B
    # advise long passphrases over composition rules).
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------
# Finnish is the default; Swedish and English are content languages with the same pages.
LANGUAGE_CODE = "fi"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("fi", "Suomi"),
    ("sv", "Svenska"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"
LOCALE_PATHS = [BASE_DIR / "locale"]

# Django's own formats per language (d.m.Y in Finnish, etc.).
FORMAT_MODULE_PATH = ["home.formats"]

# --- Static and media ------------------------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Kuulu"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "heic": "webp"}
# SVG too: a city's logo and participation symbol (Site settings) stay sharp at every size.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp", "svg"]

# Machine translation in wagtail-localize's editor only with a real backend: DeepL when a key is
# set. Without one nothing is offered (the dev and test settings add the dummy translator, which
# reverses words, to show how the button works; production never does).
if os.environ.get("DEEPL_AUTH_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_AUTH_KEY"]},
    }
else:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# "Translate this page" saves new translations as drafts, never live (wagtail-localize publishes
# them when the source is live by default); they are published through the review workflow
# (home/translation_workflow.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Background tasks (emails, long computations) ----------------------------------------------
# The database backend keeps a queue that `manage.py db_worker` drains; a request only enqueues.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Resident panels ---------------------------------------------------------------------------
# Applications keep only their selection features this many days after the panel's term ends.
PANELS_RETENTION_DAYS = int(os.environ.get("PANELS_RETENTION_DAYS", "90"))
# The site shell's own stores (home/retention.py, pruned by the scheduler); the privacy notice
# states the same periods.
TASK_RESULTS_RETENTION_DAYS = int(os.environ.get("TASK_RESULTS_RETENTION_DAYS", "14"))
LOGIN_LOG_RETENTION_DAYS = int(os.environ.get("LOGIN_LOG_RETENTION_DAYS", "90"))
# sortition-algorithms' solver: "highspy" (HiGHS) was the reliable one in our benchmark (README).
PANELS_SOLVER_BACKEND = os.environ.get("PANELS_SOLVER_BACKEND", "highspy")
# A draw still running after this many seconds is stopped and marked failed.
PANELS_DRAW_TIMEOUT = int(os.environ.get("PANELS_DRAW_TIMEOUT", str(60 * 60)))

# --- Cache (rate limits) ---------------------------------------------------------------------
# Production must use one cache shared by all workers (REDIS_URL); see production.py.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kuulu",
    }
}

# Public pages served to anonymous visitors from the cache above for at most this many seconds,
# purged on every publish (home/page_cache.py); 0 switches the page cache off (development and
# tests; production defaults to 60).
KUULU_PAGE_CACHE_SECONDS = int(os.environ.get("KUULU_PAGE_CACHE_SECONDS", "0"))
KUULU_PAGE_CACHE_ALIAS = "default"
# How long nginx keeps a page it asked for with X-Kuulu-Proxy-Cache (deploy/nginx.conf): nginx is
# not purged, so this bounds how late a publish shows through it.
KUULU_PROXY_CACHE_SECONDS = int(os.environ.get("KUULU_PROXY_CACHE_SECONDS", "2"))

# --- E-mail ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kuulu <noreply@kuulu.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security defaults shared by every environment --------------------------------------------
X_FRAME_OPTIONS = "DENY"  # the admin (and its preview) gets SAMEORIGIN in home.middleware
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail admin JS reads it
CSRF_FAILURE_VIEW = "home.views.csrf_failure"
LOGIN_URL = "wagtailadmin_login"
# No Gravatar: it would send a hash of each staff member's e-mail address to a third party (and
# the admin's CSP blocks it anyway). Wagtail shows an uploaded avatar, else its default image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# A TOTP code as well as the password for superusers and Moderators (home/second_factor.py);
# production turns it on unless KUULU_STAFF_SECOND_FACTOR_REQUIRED=false.
KUULU_STAFF_SECOND_FACTOR_REQUIRED = False
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", WAGTAIL_SITE_NAME)

# Public site: nothing from other origins, no inline script. The admin gets a relaxed policy in
# home.middleware.KuuluCSPMiddleware because Wagtail's admin does not yet run under this one.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
KUULU_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

# Reverse proxies whose X-Forwarded-For header names the client (addresses or networks,
# comma-separated in TRUSTED_PROXIES; empty: the header is never read). See home/ratelimit.py.
KUULU_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]

# django-axes: lock a username+IP pair after 5 failed logins for an hour. The address is the same
# one the rate limits use, so behind the city's proxy one attacker does not lock staff out for
# everyone (a lockout needs both the username and the real client address).
AXES_CLIENT_IP_CALLABLE = "home.ratelimit.client_ip"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "home/lockout.html"

# CORS (django-cors-headers): any origin may read, never write, the open data: the API, the
# calendar feeds (iCal, RSS, Atom), each event's .ics, the screen view, the news feed and the
# directory's open-data export. No cookies are sent or exposed, so nothing personal is shared.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified")
CORS_URLS_REGEX = r"^/(api/.*|[a-z]{2}/(.+/)?(ical|rss|atom|screen|ics|export/csv|export/json)/)$"

# Origins whose pages may show the calendar's screen view in a frame (a signage player), as a
# CSP `frame-ancestors` list, e.g. "https://player.example.fi https://signage.example.fi".
# Empty: no page of the site may be framed by anyone.
KUULU_SCREEN_FRAME_ANCESTORS = os.environ.get("KUULU_SCREEN_FRAME_ANCESTORS", "").split()

# REST framework (Wagtail API v2) is read-only and public.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["home.renderers.CleanJSONRenderer"],
    # Impossible dates and numbers in the API's field filters: 400 with a JSON message.
    "EXCEPTION_HANDLER": "home.api.exception_handler",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"kuulu": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
