"""Shared services every app relies on: e-mail via the task queue with retries, personal data
export/erase, scheduled jobs and the rate limit."""

import json
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail import hooks

from home import emails, periodic, personal_data, ratelimit

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def greeting_email(name):
    """A test builder: ids only in real apps; a name here keeps the test readable."""
    from django.core.mail import EmailMultiAlternatives

    return EmailMultiAlternatives(subject=f"Hei {name}", body="Tervetuloa", to=["resident@example.invalid"])


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO()
    )


@pytest.mark.django_db(transaction=True)
def test_email_is_queued_after_commit_and_sent_by_the_worker():
    with override_settings(TASKS=DB_TASKS):
        emails.queue("tests.test_home_services.greeting_email", "Aino")
        assert mail.outbox == []  # nothing sent inside the request
        run_worker()
    assert [m.subject for m in mail.outbox] == ["Hei Aino"]


@pytest.mark.django_db
def test_an_email_left_running_by_a_killed_worker_is_sent_once_its_time_is_up(
    django_capture_on_commit_callbacks,
):
    """A worker killed while sending (not stopped: SIGTERM lets it finish) left the task RUNNING,
    and nothing ever ran it again: the confirmation was lost and its row, which names the
    addressee, was never pruned. After 15 minutes the scheduler's job queues it again."""
    from django_tasks_db.models import DBTaskResult

    from tests.worker import run_ready_tasks

    requeue = periodic.jobs()["home.requeue_abandoned_tasks"]
    start = timezone.now()
    with override_settings(TASKS=DB_TASKS):
        with django_capture_on_commit_callbacks(execute=True):
            emails.queue("tests.test_home_services.greeting_email", "Aino")
        [task] = DBTaskResult.objects.ready()
        task.claim("killed-worker")
        with time_machine.travel(start + timedelta(minutes=14)):
            assert requeue() == 0 and run_ready_tasks() == 0  # it may still be sending
        with time_machine.travel(start + timedelta(minutes=16)):
            assert requeue() == 1
            assert run_ready_tasks() == 1
            assert requeue() == 0
    assert [m.subject for m in mail.outbox] == ["Hei Aino"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_failing_mail_server_causes_a_later_retry_not_a_loss():
    with override_settings(TASKS=DB_TASKS):
        with override_settings(EMAIL_BACKEND="tests.test_home_services.FailingBackend"):
            emails.queue("tests.test_home_services.greeting_email", "Eino")
            run_worker()  # first attempt fails and schedules a retry
        assert mail.outbox == []
        with time_machine.travel(timezone.now() + timedelta(minutes=5)):
            run_worker()  # the mail server is back
    assert [m.subject for m in mail.outbox] == ["Hei Eino"]


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_emails_shares_one_smtp_connection_and_a_dropped_one_loses_nothing(settings):
    """The worker keeps its connection to the mail server between e-mails (issue 15: a burst of
    sign-ups sent one connection, greeting and QUIT each). A server that went away meanwhile
    (restarted on the same port, or one that dropped the idle client) is noticed before the next
    e-mail (NOOP), which goes out at once on a new connection. (A server failing during the
    sending itself: `test_failing_mail_server_causes_a_later_retry_not_a_loss`.)"""
    import email

    from django_tasks_db.models import DBTaskResult

    from tests.smtp_sink import SmtpSink

    class CountingSink(SmtpSink):
        connections = 0

        def handle_accepted(self, conn, addr):
            self.connections += 1
            super().handle_accepted(conn, addr)

    def subjects(sink):
        return sorted(email.message_from_bytes(data)["Subject"] for _to, data in sink.received)

    first = CountingSink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", first.port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    second = None
    try:
        with override_settings(TASKS=DB_TASKS):
            for name in ("Aino", "Eino", "Ilona"):
                emails.queue("tests.test_home_services.greeting_email", name)
            run_worker()
            assert subjects(first) == ["Hei Aino", "Hei Eino", "Hei Ilona"]
            assert first.connections == 1
            first.stop()
            second = CountingSink(port=first.port)
            emails.queue("tests.test_home_services.greeting_email", "Oona")
            run_worker()  # the kept connection is dead: a new one, no retry needed
        assert subjects(second) == ["Hei Oona"] and second.connections == 1
        assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 4
    finally:
        emails.drop_mail_connection()
        first.stop()
        if second is not None:
            second.stop()


def test_retry_delays_grow():
    assert emails.retry_delay(1) < emails.retry_delay(2) < emails.retry_delay(5)


def test_render_email_uses_the_recipients_language(settings, tmp_path):
    template_dir = tmp_path / "templates" / "t"
    template_dir.mkdir(parents=True)
    (template_dir / "hello_subject.txt").write_text("{% load i18n %}{% translate 'Search' %}")
    (template_dir / "hello.txt").write_text("{% load i18n %}{% translate 'Search' %} {{ name }}")
    (template_dir / "hello.html").write_text("{% load i18n %}<p>{% translate 'Search' %} {{ name }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}
    ]
    message = emails.render_email("t/hello", {"name": "<b>Aino</b>"}, to=["a@example.invalid"], language="sv")
    assert message.subject == "Sök"
    assert message.body == "Sök <b>Aino</b>"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "&lt;b&gt;Aino&lt;/b&gt;" in html
    assert message.extra_headers["Content-Language"] == "sv"


class NotebookProvider(personal_data.PersonalDataProvider):
    name = "notebook"
    rows = {}

    def export(self, email):
        return [{"note": n} for n in self.rows.get(email, [])]

    def erase(self, email):
        return len(self.rows.pop(email, []))


@pytest.mark.django_db
def test_personal_data_command_exports_and_erases_through_providers(monkeypatch):
    monkeypatch.setattr(NotebookProvider, "rows", {"aino@example.invalid": ["came to the evening"]})
    with hooks.register_temporarily(personal_data.HOOK, NotebookProvider):
        out = StringIO()
        call_command("personal_data", "export", "AINO@example.invalid ", stdout=out)
        data = json.loads(out.getvalue())["data"]
        assert data["notebook"] == [{"note": "came to the evening"}]
        # Every app's store is covered, and none of them holds anything for this address.
        assert {"event sign-ups", "directory proposals"} < data.keys()
        assert all(rows == [] for name, rows in data.items() if name != "notebook")
        out = StringIO()
        call_command("personal_data", "erase", "aino@example.invalid", "--yes", stdout=out)
    assert "notebook: 1" in out.getvalue()
    assert NotebookProvider.rows == {}


@pytest.mark.django_db
def test_periodic_runs_every_job_and_survives_a_failing_one():
    ran = []

    def test_jobs():
        return {"boom": lambda: 1 / 0, "ok": lambda: ran.append("ok") or "done"}

    with hooks.register_temporarily(periodic.HOOK, test_jobs):
        out = StringIO()
        call_command("periodic", stdout=out)
    assert ran == ["ok"]
    assert "boom: failed" in out.getvalue() and "ok: done" in out.getvalue()
    # The apps' own jobs ran too (nothing was due).
    assert "registrations.send_reminders: " in out.getvalue()


def test_rate_limit_allows_up_to_the_limit_per_identity():
    assert all(ratelimit.hit("test", "1.2.3.4", 3, 60) for _ in range(3))
    assert not ratelimit.hit("test", "1.2.3.4", 3, 60)
    assert ratelimit.hit("test", "5.6.7.8", 3, 60)


def test_a_test_that_starts_just_before_the_hour_keeps_one_rate_limit_window():
    """The suite's steady clock (tests/conftest.py): a slow test begun at 17.58 that counts
    attempts until 18.01 still counts them in one hourly window, as a fast run would."""
    start = datetime(2026, 3, 3, 17, 58, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        assert ratelimit.hit("test-steady", "1.2.3.4", 1, 3600)
    with time_machine.travel(start + timedelta(minutes=3), tick=False):
        assert not ratelimit.hit("test-steady", "1.2.3.4", 1, 3600)


@pytest.mark.django_db
def test_a_page_scheduled_to_go_live_is_live_after_one_scheduler_run(client, standard_page):
    """Issue 12: nothing ran Wagtail's publish_scheduled, so scheduled pages never went live."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from home.models import StandardPage

    parent = standard_page["fi"].get_parent()
    page = parent.add_child(instance=StandardPage(title="Ajastettu", slug="ajastettu", live=False))
    go_live = timezone.now() + timedelta(hours=1)
    page.go_live_at = go_live
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url or "/fi/ajastettu/").status_code == 404
    with time_machine.travel(go_live + timedelta(minutes=1), tick=False):
        out = StringIO()
        call_command("periodic", stdout=out)
    assert "home.publish_scheduled: " in out.getvalue()
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_a_page_whose_expiry_has_passed_is_gone_after_one_scheduler_run(client, standard_page):
    """Issue 12: expiry did not happen either; the expired page leaves the site and its sitemap."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from home.models import StandardPage

    parent = standard_page["fi"].get_parent()
    page = parent.add_child(instance=StandardPage(title="Vanheneva", slug="vanheneva"))
    expire = timezone.now() + timedelta(hours=1)
    page.expire_at = expire
    page.save_revision().publish()
    url = page.url
    assert client.get(url).status_code == 200
    assert url in client.get("/sitemap.xml").content.decode()
    with time_machine.travel(expire + timedelta(minutes=1), tick=False):
        out = StringIO()
        call_command("periodic", stdout=out)
    assert "home.publish_scheduled: " in out.getvalue()
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get(url).status_code == 404
    assert url not in client.get("/sitemap.xml").content.decode()
