"""Issue 2: production settings, security headers, login throttling."""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

BASE_DIR = Path(django_settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-for-the-test-0123456789",
    "ALLOWED_HOSTS": "osallistu.example.fi",
}


# For `manage.py shell -c`: check_deploy(*options) runs `check --deploy` in the process and
# returns None when it passes, else the message it would exit with (SystemCheckError).
CHECK_DEPLOY_SCRIPT = (
    "import json\n"
    "from django.core.management import call_command\n"
    "from django.core.management.base import SystemCheckError\n"
    "def check_deploy(*options):\n"
    "    try:\n"
    "        call_command('check', '--deploy', *options)\n"
    "    except SystemCheckError as error:\n"
    "        return str(error)\n"
    "\n"
)


def run_manage(*args, env_overrides=None, drop=()):
    ignored = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", *drop}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(env_overrides or {})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env_overrides=env, drop=("SECRET_KEY",))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def production_security_settings():
    """The security-related settings of site_config.settings.production, loaded with a test env."""
    old = {k: os.environ.get(k) for k in PRODUCTION_ENV}
    os.environ.update({k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SETTINGS_MODULE"})
    try:
        module = importlib.reload(importlib.import_module("site_config.settings.production"))
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "CONTENT_SECURITY_POLICY",
    ]
    return {name: getattr(module, name) for name in names}


@pytest.mark.django_db
def test_public_page_sends_security_headers(client, site_tree):
    with override_settings(**production_security_settings()):
        response = client.get("/fi/", secure=True, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'", "no inline script and no third-party origin on the public site"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "http" not in response["Content-Security-Policy"], "no third-party origins"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"


@pytest.mark.django_db
def test_public_pages_have_no_inline_script(client, standard_page):
    html = client.get(standard_page["fi"].url).content.decode()
    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening or 'type="application/ld+json"' in opening, (
            f"inline script: <script{opening}>"
        )
    assert " style=" not in html, "inline styles are blocked by the CSP"


@pytest.mark.django_db
def test_admin_gets_a_relaxed_policy_only_under_admin(admin_client, site_tree):
    admin = admin_client.get("/admin/")
    assert admin.status_code == 200
    assert "'unsafe-inline'" in admin["Content-Security-Policy"]
    public = admin_client.get("/fi/")
    assert "'unsafe-inline'" not in public["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_preview_can_be_framed_by_the_admin(admin_client, standard_page):
    page = standard_page["fi"]
    response = admin_client.get(f"/admin/pages/{page.id}/edit/preview/?mode=")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_login_locks_out_after_repeated_failures(client, superuser):
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "admin", "password": "wrong"})
        assert response.status_code == 200  # the login form again, with an error
    assert client.post("/admin/login/", {"username": "admin", "password": "wrong"}).status_code == 429
    # Locked: even the right password is refused now.
    response = client.post("/admin/login/", {"username": "admin", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert (
        "Too many login attempts" in response.content.decode()
        or "liian monta" in response.content.decode().lower()
    )


@pytest.mark.django_db
def test_correct_login_works_before_lockout(client, superuser):
    response = client.post("/admin/login/", {"username": "admin", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_staff_only_pages_require_login(client, site_tree):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_passwords_need_twelve_characters():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Kuusi7Kala!")  # 11 characters
    validate_password("Kuusi-7-Kalaa")  # 13 characters, no error


@pytest.mark.django_db
def test_permissions_policy_header_on_the_public_site_and_the_admin(client):
    for path in ("/robots.txt", "/admin/login/"):
        policy = client.get(path)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


@pytest.mark.django_db
def test_the_admin_names_no_gravatar(admin_client, superuser, site_tree):
    """Wagtail's default avatar is a Gravatar image: a hash of the staff member's e-mail address
    sent to a third party. Kuulu switches it off (WAGTAIL_GRAVATAR_PROVIDER_URL = None)."""
    from django.urls import reverse

    assert superuser.email
    for url in (
        "/admin/",
        "/admin/pages/",
        reverse("wagtailadmin_account"),
        reverse("wagtailusers_users:index"),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "gravatar" not in response.content.decode().lower(), url


def test_check_deploy_with_the_database_reports_a_missing_cache_table(tmp_path):
    """Production with the database cache and no `createcachetable` answered 500 on every
    rate-limited form while `check --deploy` was clean; the database check names it."""
    database = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    env = {**PRODUCTION_ENV, "DATABASE_URL": database}
    # The three commands run in one process with the production settings (`manage.py check`
    # exits non-zero exactly when call_command raises SystemCheckError), not three: starting
    # Django costs seconds of CPU each time.
    script = CHECK_DEPLOY_SCRIPT + (
        "missing = check_deploy('--database', 'default');"
        "call_command('createcachetable');"
        "print(json.dumps({'missing': missing, 'created': check_deploy('--database', 'default')}))"
    )
    result = run_manage("shell", "-c", script, env_overrides=env)
    assert result.returncode == 0, result.stdout + result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["missing"] is not None
    assert "kuulu.E002" in outcome["missing"] and "createcachetable" in outcome["missing"]
    assert outcome["created"] is None, outcome["created"]
    assert "kuulu.E002" not in result.stderr
