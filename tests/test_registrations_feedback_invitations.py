"""Issue 13: after an event, everyone who came gets one invitation to the three-question feedback,
in the language they signed up in, with the feedback link, through the periodic jobs and the
e-mail task queue; never after cancellation, erasure or once the feedback has closed."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from home import periodic
from registrations import jobs, services
from registrations.models import Registration
from tests.fixtures_registrations import signup

S = Registration.Status
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def run_job(django_capture_on_commit_callbacks):
    """Run the periodic feedback-invitation job at `when`; return the e-mails it sent."""

    def run(when):
        before = len(mail.outbox)
        with time_machine.travel(when), django_capture_on_commit_callbacks(execute=True):
            periodic.jobs()["registrations.send_feedback_invitations"]()
        return mail.outbox[before:]

    return run


def test_confirmed_people_get_one_invitation_in_their_language_after_the_event(signup_event, run_job):
    event = signup_event(capacity=2, questions=False, translate_to_all=True)
    signup(event, "fi@example.org", name="Fanni")
    signup(event.translations["sv"], "sv@example.org", name="Sven", language="sv")
    signup(event, "waiting@example.org", name="Waiting")  # waiting list: did not get a seat
    cancelled = signup(event, "gone@example.org", name="Gone")
    services.cancel(cancelled)

    assert run_job(event.start + timedelta(minutes=30)) == []  # not over yet
    messages = run_job(event.end + timedelta(hours=1))
    assert sorted(m.to[0] for m in messages) == ["fi@example.org", "sv@example.org"]
    finnish = next(m for m in messages if m.to == ["fi@example.org"])
    swedish = next(m for m in messages if m.to == ["sv@example.org"])
    assert finnish.subject == f"Millainen oli? {event.title}"
    assert "Anna palautetta: " + event.get_full_url() + "feedback/" in finnish.body
    sv_event = event.translations["sv"]
    assert swedish.subject == f"Hur var det? {sv_event.title}"
    assert "Ge respons: " + sv_event.get_full_url() + "feedback/" in swedish.body
    html = swedish.alternatives[0][0]
    assert f'href="{sv_event.get_full_url()}feedback/"' in html

    # Once only: the next runs send nothing.
    assert run_job(event.end + timedelta(hours=2)) == []
    assert run_job(event.end + timedelta(days=2)) == []


def test_when_attendance_is_recorded_only_attendees_are_invited(signup_event, run_job):
    event = signup_event(capacity=3, questions=False)
    came = signup(event, "came@example.org")
    signup(event, "absent@example.org")
    Registration.objects.filter(pk=came.pk).update(attended=True)  # staff's attendance list

    messages = run_job(event.end + timedelta(hours=1))
    assert [m.to for m in messages] == [["came@example.org"]]


def test_no_invitation_for_a_cancelled_event_or_after_the_feedback_closed(signup_event, run_job):
    cancelled_event = signup_event(capacity=3, questions=False)
    signup(cancelled_event, "cancelled-event@example.org")
    cancelled_event.status = cancelled_event.Status.CANCELLED
    cancelled_event.save_revision().publish()
    assert run_job(cancelled_event.end + timedelta(hours=1)) == []

    late = signup_event(capacity=3, questions=False, feedback_open_days=1)
    signup(late, "late@example.org")
    assert run_job(late.end + timedelta(days=2)) == []  # the feedback has closed: no invitation


def test_an_erased_address_gets_no_invitation_even_if_already_queued(
    signup_event, django_capture_on_commit_callbacks
):
    event = signup_event(capacity=3, questions=False)
    signup(event, "erase-me@example.org")
    signup(event, "keep@example.org")
    with time_machine.travel(event.end + timedelta(hours=1)):
        # The job has marked and queued the e-mails; the person asks for erasure before they go.
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert jobs.send_due_feedback_invitations() == 2
        call_command("personal_data", "erase", "erase-me@example.org", yes=True, stdout=StringIO())
        before = len(mail.outbox)
        for callback in callbacks:
            callback()
    assert [m.to for m in mail.outbox[before:]] == [["keep@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_an_smtp_outage_delays_the_invitation_but_loses_none(signup_event):
    event = signup_event(capacity=3, questions=False)
    signup(event, "retry@example.org", notify=False)
    after = event.end + timedelta(hours=1)
    with override_settings(TASKS=DB_TASKS, EMAIL_BACKEND="tests.test_home_services.FailingBackend"):
        with time_machine.travel(after):
            assert jobs.send_due_feedback_invitations() == 1
            _run_worker()
        assert mail.outbox == []
    with override_settings(TASKS=DB_TASKS), time_machine.travel(after + timedelta(minutes=5)):
        _run_worker()
    assert [m.to for m in mail.outbox] == [["retry@example.org"]]


def _run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO()
    )
