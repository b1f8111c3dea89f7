"""`make prod-smoke`: Kuulu's production process set, run for real on this machine, then checked.

It installs nginx, PostgreSQL and Redis from Debian when missing, and starts on loopback only:
PostgreSQL (database ``kuulu_smoke``, made anew), Redis, **two** web instances of the Procfile's
``web`` process on different ports behind nginx (deploy/nginx.conf), one ``worker`` and the
``scheduler``, all with ``site_config.settings.production``; the only relaxation is the documented
test-only ``SECURE_SSL_REDIRECT=false`` (plain HTTP on loopback). E-mails go to a local SMTP sink
(aiosmtpd) in this process. Then it checks, and fails with a message on the first miss:

1. readiness (``/readyz``) is green through nginx and on each instance;
2. 300 sign-ups from 300 client addresses (the ``X-Forwarded-For`` a trusted load balancer would
   send; nginx turns it into the client address, Kuulu trusts nginx's) to a 100-seat event, sent
   in parallel through nginx and spread over both instances, give exactly 100 confirmed and 200
   on the waiting list, counted by PostgreSQL itself;
3. an address refused by the sign-up rate limit on instance A is refused on instance B too (the
   limit lives in Redis), while another address is still accepted there;
4. the worker delivers every sign-up's e-mail to the SMTP sink;
5. a page read through nginx from a cache (nginx's ``X-Proxy-Cache: HIT`` or the page cache's
   ``X-Cache: HIT``), then edited and published by an editor in Wagtail's admin on instance A
   (Chromium through Playwright), is fresh through nginx within 5 s, and its Swedish and English
   versions are rendered anew on instance B (the purge in Redis reaches both instances and every
   language); the sign-up burst of step 2 posted, as a browser does, from the event page kept by
   nginx as it is (no per-visitor token, home/csrf.py), and a cross-site post is refused;
6. ``/media/documents/<file>`` through nginx answers 404 though the file is on disk; the same
   public document through ``/documents/<id>/<name>`` is served, a private one is not;
7. every process stops cleanly on SIGTERM.

Nothing leaves 127.0.0.1. Logs are in var/smoke/logs/. Figures: README, *Production*.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "smoke"
LOGS = VAR / "logs"
# SMOKE_PORT_OFFSET and SMOKE_DATABASE let two checkouts on one machine run it side by side.
_OFFSET = int(os.environ.get("SMOKE_PORT_OFFSET", "0"))
NGINX_PORT, WEB_PORTS, REDIS_PORT, SMTP_PORT = (
    8180 + _OFFSET,
    (8181 + _OFFSET, 8182 + _OFFSET),
    6391 + _OFFSET,
    8125 + _OFFSET,
)
ADMIN_URL = os.environ.get("SMOKE_POSTGRES_ADMIN_URL", "postgres://kuulu:kuulu@127.0.0.1:5432/postgres")
DATABASE = os.environ.get("SMOKE_DATABASE", "kuulu_smoke")
SIGNUPS, SEATS = 300, 100
EDITOR, EDITOR_PASSWORD = "smoke-editor", "smoke-editor-" + "p" * 20
EDITOR_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test secret, hex
FRESH_WITHIN = 5  # seconds from the editor's publish to the new page through nginx
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def step(message):
    print(f"[prod-smoke] {message}", flush=True)


def fail(message):
    raise SystemExit(f"[prod-smoke] FAILED: {message}")


def run(args, env=None, **kwargs):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs)  # noqa: S603
    if result.returncode != 0:
        fail(f"{' '.join(map(str, args))}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def ensure_debian_packages(extra=()):
    """Install from Debian the packages whose command is missing: (command, package) pairs."""
    need = [
        package
        for command, package in (
            ("nginx", "nginx-light"),
            ("redis-server", "redis-server"),
            ("pg_ctlcluster", "postgresql"),
            ("chromium", "chromium"),  # the editor of step 5 publishes in Wagtail's admin
            *extra,
        )
        if shutil.which(command) is None and not Path(f"/usr/sbin/{command}").exists()
    ]
    if need:
        step(f"installing {' '.join(need)} from Debian")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run(["apt-get", "update", "-q"], env=env)
        run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *need], env=env)


def ensure_postgres():
    import psycopg

    try:
        psycopg.connect(ADMIN_URL, connect_timeout=3).close()
        return
    except psycopg.OperationalError:
        pass
    step("starting Debian's PostgreSQL cluster")
    version = sorted(os.listdir("/usr/lib/postgresql"), key=int)[-1]
    if " main " not in subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout:  # noqa: S607
        run(["pg_createcluster", version, "main"])
    subprocess.run(["pg_ctlcluster", version, "main", "start"], check=False)  # noqa: S607
    create_role = (
        "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='kuulu') THEN "
        "CREATE ROLE kuulu LOGIN SUPERUSER PASSWORD 'kuulu'; END IF; END$$;"
    )
    for _ in range(30):
        # No shell between us and psql: a shell would expand "$$" of the DO block into its PID.
        psql = ["runuser", "-u", "postgres", "--", "psql", "-qc", create_role]
        if subprocess.run(psql, check=False).returncode == 0:  # noqa: S603
            return
        time.sleep(1)
    fail("PostgreSQL did not start")


def fresh_database():
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    parts = urllib.parse.urlsplit(ADMIN_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{DATABASE}"))


def procfile():
    """{process type: argv} from the Procfile, with this virtualenv's gunicorn and python."""
    processes = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, command = line.split(":", 1)
            argv = command.split()
            argv[0] = (
                str(BIN / "gunicorn") if argv[0] == "gunicorn" else PYTHON if argv[0] == "python" else argv[0]
            )
            processes[name.strip()] = argv
    return processes


class Processes:
    def __init__(self, logs=LOGS):
        self.running = {}
        self.logs = logs

    def start(self, name, argv, env):
        log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        self.running[name] = (
            subprocess.Popen(
                argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            ),
            log,
        )  # noqa: S603

    def check_alive(self):
        for name, (process, _) in self.running.items():
            if process.poll() is not None:
                fail(f"{name} exited with {process.returncode}; see {self.logs / (name + '.log')}")

    def stop(self, timeout=30):
        """SIGTERM each process group; return {name: exit code} (None: had to be killed)."""
        for process, _ in self.running.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        codes, deadline = {}, time.monotonic() + timeout
        for name, (process, log) in self.running.items():
            try:
                codes[name] = process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                codes[name] = None
            log.close()
        self.running = {}
        return codes


class Http:
    """Plain HTTP on loopback, cookies by hand, redirects not followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(_NoRedirect)

    @classmethod
    def request(cls, url, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310 - loopback only
        try:
            with cls.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


def wait_ready(urls, processes, timeout=120):
    deadline = time.monotonic() + timeout
    for url in urls:
        while True:
            processes.check_alive()
            try:
                status, _, body = Http.request(url)
            except OSError:
                status, body = None, ""
            if status == 200 and json.loads(body)["status"] == "ok":
                break
            if time.monotonic() > deadline:
                fail(f"{url} not ready: {status} {body[:300]}")
            time.sleep(1)


SETUP = """
import json
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from participation_pages.models import EventPage
from registrations.models import Registration

event = (EventPage.objects.live().filter(locale__language_code="fi", registration_enabled=True,
         capacity__isnull=False).order_by("start").last())
event.capacity, event.waitlist_capacity, event.max_group_size = %(seats)d, None, 1
event.registration_questions = []
event.save_revision().publish()
Registration.objects.filter(event=event).delete()
Document = get_document_model()
root = Collection.get_first_root_node()
private = root.add_child(name="Smoke: staff only")
CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
public_doc = Document.objects.create(title="Smoke public", file=ContentFile(b"public minutes", "smoke-public.txt"))
private_doc = Document.objects.create(title="Smoke private", collection=private,
    file=ContentFile(b"private minutes", "smoke-private.txt"))
from django.contrib.auth import get_user_model
from home.models import StandardPage
editor = get_user_model().objects.create_superuser("%(editor)s", "editor@example.fi", "%(password)s")
# Production asks superusers for a second factor (home/second_factor.py): the editor's authenticator.
from django_otp.plugins.otp_totp.models import TOTPDevice
TOTPDevice.objects.create(user=editor, name="smoke", key="%(totp_key)s", confirmed=True)
standard = StandardPage.objects.live().public().filter(locale__language_code="fi").order_by("path").first()
print(json.dumps({"event": event.pk, "url": event.url, "public": [public_doc.url, public_doc.file.name],
    "private": [private_doc.url, private_doc.file.name],
    "page": {"id": standard.pk, "title": standard.title,
             "urls": {p.locale.language_code: p.url for p in standard.get_translations(inclusive=True).live()}}}))
"""


def publish_in_admin(base, page_id, title):
    """Log in to Wagtail's admin at `base` as the smoke editor, change the title of page
    `page_id` and publish it, as an editor does (Chromium through Playwright); returns the
    monotonic time at which the admin answered the publish."""
    from django_otp.oath import totp
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        try:
            page = browser.new_page()
            page.goto(f"{base}/admin/login/")
            page.fill("#id_username", EDITOR)
            page.fill("#id_password", EDITOR_PASSWORD)
            page.locator("form button[type=submit]").click()
            # The second factor production requires of superusers: the code the editor's app shows.
            page.wait_for_url(re.compile(r".*/admin/second-factor/.*"))
            code = page.locator("#id_code")  # strict: exactly one field
            code.fill(f"{totp(bytes.fromhex(EDITOR_TOTP_KEY)):06d}")
            code.press("Enter")
            page.wait_for_url(re.compile(r".*/admin/$"))
            page.goto(f"{base}/admin/pages/{page_id}/edit/")
            page.fill("#id_title", title)
            # Publish sits in the footer's action menu next to "submit for moderation".
            page.locator("footer [data-w-dropdown-target='toggle']").last.click()
            page.locator("button[name='action-publish']").click()
            page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
            return time.monotonic()
        finally:
            browser.close()


def main():
    ensure_debian_packages()
    ensure_postgres()
    shutil.rmtree(VAR, ignore_errors=True)
    LOGS.mkdir(parents=True)
    (VAR / "nginx").mkdir()
    media = VAR / "media"
    database_url = fresh_database()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")},
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": "prod-smoke-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "SECURE_SSL_REDIRECT": "false",  # test-only: plain HTTP on loopback
        "TRUSTED_PROXIES": "127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "MEDIA_ROOT": str(media),
        "WEB_CONCURRENCY": "2",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{NGINX_PORT}",
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
    }
    from aiosmtpd.controller import Controller

    received = []

    class Sink:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
            received.extend(envelope.rcpt_tos)
            return "250 OK"

    smtp = Controller(Sink(), hostname="127.0.0.1", port=SMTP_PORT)
    smtp.start()
    processes = Processes()
    try:
        processes.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            env,
        )
        step("release step: migrate, collectstatic, demo content (dev settings), smoke fixtures")
        # The demo city is content for the test only: its app (and its one table) exist only in the
        # dev settings, so the release step's migrate runs there too; production code ignores it.
        demo_env = {**env, "DJANGO_SETTINGS_MODULE": "site_config.settings.dev"}
        run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=demo_env)
        run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=env)
        run([PYTHON, "manage.py", "load_demo"], env=demo_env)
        run([PYTHON, "manage.py", "db_worker", "--batch", "--no-reload", "-v", "0"], env=env, timeout=600)
        fixtures = json.loads(
            run(
                [
                    PYTHON,
                    "manage.py",
                    "shell",
                    "-c",
                    SETUP
                    % {
                        "seats": SEATS,
                        "editor": EDITOR,
                        "password": EDITOR_PASSWORD,
                        "totp_key": EDITOR_TOTP_KEY,
                    },
                ],
                env=env,
            )
            .strip()
            .splitlines()[-1]
        )

        conf = (ROOT / "deploy" / "nginx.conf").read_text()
        for key, value in {
            "@LISTEN@": f"127.0.0.1:{NGINX_PORT}",
            "@SERVER_NAME@": "127.0.0.1 localhost",
            "@UPSTREAMS@": " ".join(f"server 127.0.0.1:{port};" for port in WEB_PORTS),
            "@MEDIA_ROOT@": str(media),
            # The test client stands for a load balancer in front of nginx.
            "@REAL_IP_FROM@": "set_real_ip_from 127.0.0.1;",
            "@PROXY_CACHE@": str(VAR / "nginx" / "cache"),
        }.items():
            conf = conf.replace(key, value)
        (VAR / "nginx" / "kuulu.conf").write_text(conf)
        (VAR / "nginx" / "nginx.conf").write_text(
            f"worker_processes 1; pid {VAR}/nginx/nginx.pid; error_log {LOGS}/nginx-error.log;\n"
            "events { worker_connections 512; }\n"
            f"http {{ access_log {LOGS}/nginx-access.log; client_body_temp_path {VAR}/nginx/body; "
            f"proxy_temp_path {VAR}/nginx/proxy; fastcgi_temp_path {VAR}/nginx/f; uwsgi_temp_path {VAR}/nginx/u; "
            f"scgi_temp_path {VAR}/nginx/s; include {VAR}/nginx/kuulu.conf; }}\n"
        )
        run(["nginx", "-t", "-c", str(VAR / "nginx" / "nginx.conf")])
        processes.start("nginx", ["nginx", "-c", str(VAR / "nginx" / "nginx.conf"), "-g", "daemon off;"], env)
        commands = procfile()
        for letter, port in zip("ab", WEB_PORTS, strict=True):
            processes.start(f"web-{letter}", commands["web"], {**env, "PORT": str(port)})
        processes.start("worker", commands["worker"], env)
        processes.start("scheduler", commands["scheduler"], env)

        nginx = f"http://127.0.0.1:{NGINX_PORT}"
        wait_ready([f"{nginx}/readyz", *(f"http://127.0.0.1:{port}/readyz" for port in WEB_PORTS)], processes)
        step("1. readiness green through nginx and on both instances")

        status, headers, html = Http.request(nginx + fixtures["url"])
        if status != 200:
            fail(f"event page answered {status}")
        if "Set-Cookie" in headers or "csrfmiddlewaretoken" in html or 'class="signup__form"' not in html:
            fail("the event page's sign-up form should carry no per-visitor token or cookie")
        signup_path = f"/fi/registrations/event/{fixtures['event']}/"
        # What a browser sends with a form posted from the site's own page (Fetch Metadata).
        browser = {"Origin": nginx, "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate"}

        def sign_up(n, base=nginx, address=None, email=None):
            address = (
                address or f"{(192, 198, 203)[n % 3]}.{(0, 51, 0)[n % 3]}.{(2, 100, 113)[n % 3]}.{n // 3 + 1}"
            )
            return Http.request(
                base + signup_path,
                {"name": f"Asukas {n}", "email": email or f"smoke{n}@example.fi", "consent": "on"},
                {**browser, "X-Forwarded-For": address},
            )

        forged = Http.request(
            nginx + signup_path,
            {"name": "Forged", "email": "forged@example.fi", "consent": "on"},
            {
                "Origin": "https://attacker.example",
                "Sec-Fetch-Site": "cross-site",
                "X-Forwarded-For": "198.51.100.77",
            },
        )
        if forged[0] != 403:
            fail(f"a cross-site sign-up post answered {forged[0]}, not 403")

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=24) as pool:
            results = list(pool.map(sign_up, range(SIGNUPS)))
        elapsed = time.monotonic() - started
        statuses = [status for status, _, _ in results]
        if statuses.count(302) != SIGNUPS:
            refused = " ".join(next(body for status, _, body in results if status != 302).split())
            fail(f"sign-up statuses {sorted(set(statuses))}: {refused[:600]}")
        import psycopg

        with psycopg.connect(database_url) as conn:
            counts = dict(
                conn.execute(
                    "SELECT status, SUM(group_size) FROM registrations_registration WHERE event_id = %s GROUP BY status",
                    [fixtures["event"]],
                ).fetchall()
            )
        if counts != {"confirmed": SEATS, "waitlisted": SIGNUPS - SEATS}:
            fail(f"PostgreSQL counts {counts}, expected {SEATS} confirmed and {SIGNUPS - SEATS} waiting")
        served = {
            letter: (LOGS / f"web-{letter}.log").read_text().count(f'"path": "{signup_path}", "status": 302')
            for letter in "ab"
        }
        if min(served.values()) < SIGNUPS // 5:
            fail(f"the burst was not spread over both instances: {served}")
        step(
            f"2. {SIGNUPS} sign-ups in {elapsed:.1f} s ({SIGNUPS / elapsed:.0f}/s): {counts['confirmed']} confirmed, "
            f"{counts['waitlisted']} waiting (PostgreSQL's count); instance A took {served['a']}, B {served['b']}"
        )

        instance_a, instance_b = (f"http://127.0.0.1:{port}" for port in WEB_PORTS)
        limited = "203.0.113.250"
        for attempt in range(1, 400):
            status, _, body = sign_up(1000 + attempt, base=instance_a, address=limited)
            if status != 302:  # the form again, with the rate limit's error
                break
        else:
            fail("instance A never refused the address")
        status, _, body = sign_up(2000, base=instance_b, address=limited)
        if status == 302:
            fail("instance B accepted an address that instance A had refused: the rate limit is not shared")
        if sign_up(2001, base=instance_b, address="203.0.113.251")[0] != 302:
            fail("instance B refused an address that had not been used")
        step(
            f"3. rate limit: refused on A after {attempt} attempts, refused on B, another address accepted on B"
        )

        expected = {f"smoke{n}@example.fi" for n in range(SIGNUPS)}
        deadline = time.monotonic() + 180
        while not expected <= set(received):
            processes.check_alive()
            if time.monotonic() > deadline:
                fail(f"the worker delivered {len(expected & set(received))} of {SIGNUPS} sign-up e-mails")
            time.sleep(1)
        step(f"4. the worker delivered all {SIGNUPS} sign-up e-mails to the SMTP sink")

        edited = fixtures["page"]
        for url in edited["urls"].values():
            Http.request(nginx + url)
        for _ in range(5):  # a row saved meanwhile (the scheduler) may have purged the copy
            status, headers, body = Http.request(nginx + edited["urls"]["fi"])
            cached = "HIT" in (headers.get("X-Proxy-Cache"), headers.get("X-Cache"))
            if cached:
                break
            time.sleep(0.5)
        if status != 200 or not cached or edited["title"] not in body:
            fail(f"the page was not served from a cache through nginx: {status} {headers}")
        new_title = f"{edited['title']} (muokattu)"
        published = publish_in_admin(instance_a, edited["id"], new_title)
        while True:
            status, headers, body = Http.request(nginx + edited["urls"]["fi"])
            fresh_after = time.monotonic() - published
            if status == 200 and new_title in body:
                break
            if fresh_after > FRESH_WITHIN:
                fail(f"the published title was not served through nginx within {FRESH_WITHIN} s")
            time.sleep(0.2)
        # Nobody has asked for the translations since: instance B renders them anew (the purge went
        # through Redis), though they were cached before.
        stale = {}
        for language, url in edited["urls"].items():
            cached = Http.request(instance_b + url)[1].get("X-Cache")
            if language != "fi" and cached != "MISS":
                stale[language] = cached
        if stale:
            fail(f"translations still served from the cache on instance B after the publish: {stale}")
        step(
            f"5. published in the admin on A, fresh through nginx after {fresh_after:.2f} s; "
            f"{', '.join(sorted(edited['urls']))} versions purged"
        )

        public_url, public_file = fixtures["public"]
        private_url, private_file = fixtures["private"]
        for name in (public_file, private_file):
            if not (media / name).is_file():
                fail(f"{name} is not on disk")
            status = Http.request(f"{nginx}/media/{name}")[0]
            if status not in (403, 404):
                fail(f"nginx served /media/{name} with {status}")
        status, _, body = Http.request(nginx + public_url)
        if status != 200 or body != "public minutes":
            fail(f"the public document through Wagtail's view: {status}")
        status, headers, body = Http.request(nginx + private_url)
        if status == 200 or "private minutes" in body:
            fail("the private document was served to an anonymous visitor")
        step(
            f"6. /media/documents/ refused by nginx; public document served, private one {status} to {headers.get('Location', '')}"
        )
    finally:
        codes = processes.stop()
        smtp.stop()
    unclean = {name: code for name, code in codes.items() if code != 0}
    if unclean:
        fail(f"did not stop cleanly on SIGTERM within 30 s (None: killed): {unclean}")
    step(f"7. all processes stopped on SIGTERM: {codes}")
    print("[prod-smoke] passed")


if __name__ == "__main__":
    main()
