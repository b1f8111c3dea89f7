"""Seats, the waiting list, every e-mail, reminders, follow-ups and personal data of sign-ups."""

import json
from datetime import timedelta
from io import StringIO

import icalendar
import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.test import override_settings
from django.utils import timezone

from home import personal_data
from participation_pages.models import EventPage
from registrations import jobs, services
from registrations.models import Registration
from tests.fixtures_registrations import signup

S = Registration.Status
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the callable with on-commit e-mails sent; return the messages sent meanwhile."""

    def run(func, *args, **kwargs):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = func(*args, **kwargs)
        run.result = result
        return mail.outbox[before:]

    return run


def test_seats_fill_then_the_waiting_list_in_order(signup_event):
    """The sequential version of the concurrency test (SQLite serialises writers)."""
    event = signup_event(capacity=3, waitlist_capacity=2)
    results = [signup(event, f"p{i}@example.org").status for i in range(5)]
    assert results == [S.CONFIRMED] * 3 + [S.WAITLISTED] * 2
    with pytest.raises(services.SignupError) as error:
        signup(event, "late@example.org")
    assert error.value.code == "full"
    assert [r.waitlist_position() for r in Registration.objects.waitlisted()] == [1, 2]


def test_group_too_large_and_a_group_that_does_not_fit_waits(signup_event):
    event = signup_event(capacity=4, max_group_size=3)
    with pytest.raises(services.SignupError) as error:
        signup(event, "big@example.org", group_size=4)
    assert error.value.code == "group_too_large"
    assert signup(event, "a@example.org", group_size=3).status == S.CONFIRMED
    assert signup(event, "b@example.org", group_size=2).status == S.WAITLISTED  # 1 seat left


def test_closed_sign_up_is_refused(signup_event):
    event = signup_event(registration_closes_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(services.SignupError) as error:
        signup(event, "a@example.org")
    assert error.value.code == "closed"


def test_cancelling_a_seat_promotes_the_first_in_line_only(signup_event, sent):
    event = signup_event(capacity=1)
    first = signup(event, "first@example.org")
    waiting1 = signup(event, "w1@example.org")
    waiting2 = signup(event, "w2@example.org")
    messages = sent(services.cancel, first)
    assert [r.pk for r in sent.result] == [waiting1.pk]
    waiting1.refresh_from_db()
    waiting2.refresh_from_db()
    assert (waiting1.status, waiting2.status) == (S.CONFIRMED, S.WAITLISTED)
    assert sorted(m.to[0] for m in messages) == ["first@example.org", "w1@example.org"]
    promoted = next(m for m in messages if m.to == ["w1@example.org"])
    assert "Sinulle vapautui paikka" in promoted.subject


def test_cancelling_a_waiting_list_place_promotes_nobody(signup_event, sent):
    event = signup_event(capacity=1)
    signup(event, "first@example.org")
    waiting1 = signup(event, "w1@example.org")
    waiting2 = signup(event, "w2@example.org")
    messages = sent(services.cancel, waiting1)
    assert sent.result == []
    waiting2.refresh_from_db()
    assert waiting2.status == S.WAITLISTED and waiting2.waitlist_position() == 1
    assert [m.to for m in messages] == [["w1@example.org"]]
    assert Registration.objects.confirmed().count() == 1


def test_cancelling_twice_promotes_once(signup_event):
    event = signup_event(capacity=1)
    first = signup(event, "first@example.org")
    signup(event, "w1@example.org")
    signup(event, "w2@example.org")
    services.cancel(first)
    assert services.cancel(first) == []
    assert Registration.objects.confirmed().count() == 1


def test_confirmation_email_in_the_registrants_language_with_ics_and_cancel_link(signup_event, sent):
    event = signup_event(translate_to_all=True)
    messages = sent(signup, event.translations["sv"], "sven@example.org", name="Sven", language="sv")
    registration = sent.result
    assert registration.event_id == event.pk  # seats belong to the Finnish page
    [message] = messages
    assert message.subject == f"Du är anmäld: {event.translations['sv'].title}"
    assert "Hej Sven," in message.body and "Din plats är bekräftad." in message.body
    assert f"/sv/registrations/{registration.token}/" in message.body
    html = message.alternatives[0].content
    assert 'lang="sv"' in html and f"/sv/registrations/{registration.token}/" in html
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("event.ics", "text/calendar")
    vevent = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == event.translations["sv"].title
    assert vevent.decoded("DTSTART") == event.start


def test_waitlisted_email_tells_the_place(signup_event, sent):
    event = signup_event(capacity=1)
    signup(event, "first@example.org")
    [message] = sent(signup, event, "second@example.org", language="en")
    assert message.subject.startswith("You are on the waiting list")
    assert "You are number 1 on the waiting list." in message.body


def test_event_cancelled_notice_goes_once_to_everyone_signed_up(signup_event, sent):
    event = signup_event(capacity=1)
    signup(event, "a@example.org")
    signup(event, "b@example.org")  # waiting list
    gone = signup(event, "c@example.org")
    services.cancel(gone)
    event.status = EventPage.Status.CANCELLED
    messages = sent(event.save_revision().publish)
    assert sorted(m.to[0] for m in messages) == ["a@example.org", "b@example.org"]
    assert all(m.subject.startswith("Peruttu:") for m in messages)
    assert sent(event.save_revision().publish) == []  # republishing sends nothing


def test_reminder_is_sent_once_at_the_configured_time(signup_event, sent):
    start = timezone.now() + timedelta(days=3)
    event = signup_event(start=start, reminder_hours_before=24)
    signup(event, "a@example.org")
    signup(event, "gone@example.org")
    services.cancel(Registration.objects.get(email="gone@example.org"))
    assert sent(jobs.send_due_reminders, start - timedelta(hours=30)) == []
    messages = sent(jobs.send_due_reminders, start - timedelta(hours=23))
    assert [m.to for m in messages] == [["a@example.org"]]
    assert messages[0].subject.startswith("Muistutus:")
    assert sent(jobs.send_due_reminders, start - timedelta(hours=22)) == []


def test_no_reminder_when_turned_off(signup_event, sent):
    start = timezone.now() + timedelta(days=3)
    event = signup_event(start=start, reminder_enabled=False)
    signup(event, "a@example.org")
    assert sent(jobs.send_due_reminders, start - timedelta(hours=1)) == []


def test_organiser_is_alerted_at_80_and_100_percent(signup_event, sent):
    event = signup_event(capacity=5, registration_alert_email="organiser@example.org")
    alerts = []
    for i in range(6):
        alerts += [m for m in sent(signup, event, f"p{i}@example.org") if m.to == ["organiser@example.org"]]
    assert [m.subject for m in alerts] == [f"80 % täynnä: {event.title}", f"Täynnä: {event.title}"]
    assert "5/5" in alerts[1].body


def test_follow_up_email_goes_once_to_opted_in_registrants_only(signup_event, sent):
    event = signup_event(capacity=2, start=timezone.now() + timedelta(days=1))
    signup(event, "yes@example.org", follow_up_opt_in=True)
    signup(event, "no@example.org", follow_up_opt_in=False)
    signup(event, "waiting@example.org", follow_up_opt_in=True)
    cancelled = signup(event, "cancelled@example.org", follow_up_opt_in=True)
    services.cancel(cancelled)
    event.follow_up_what_happened = "<p>Kuulimme teitä.</p>"
    event.follow_up_published_at = timezone.localdate() + timedelta(days=5)
    with time_machine.travel(event.end + timedelta(days=1)):
        assert sent(event.save_revision().publish) == []  # the report is not public yet
    with time_machine.travel(timezone.now() + timedelta(days=6)):
        messages = sent(jobs.send_due_follow_ups)
        assert sorted(m.to[0] for m in messages) == ["waiting@example.org", "yes@example.org"]
        assert all(m.subject.startswith("Seurantaraportti:") for m in messages)
        assert "#follow-up-heading" in messages[0].alternatives[0].content
        assert sent(event.save_revision().publish) == []  # republishing sends nothing more
        assert sent(jobs.send_due_follow_ups) == []


def test_follow_up_on_publish_when_already_public(signup_event, sent):
    event = signup_event(capacity=2)
    signup(event, "yes@example.org", follow_up_opt_in=True)
    event.follow_up_take_along = "<p>Pyörätiet.</p>"
    event.follow_up_published_at = timezone.localdate()
    assert [m.to for m in sent(event.save_revision().publish)] == [["yes@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_failing_mail_server_does_not_lose_the_sign_up_and_the_email_is_retried(client, signup_event):
    event = signup_event(capacity=3)
    data = {"name": "Aino", "email": "aino@example.org", "q_tyopaja": "koulut", "consent": "on"}
    with override_settings(TASKS=DB_TASKS, EMAIL_BACKEND="tests.test_home_services.FailingBackend"):
        response = client.post(f"/fi/registrations/event/{event.pk}/", data)
        assert response.status_code == 302
        assert Registration.objects.get().status == S.CONFIRMED
        _run_worker()
        assert mail.outbox == []
    with override_settings(TASKS=DB_TASKS), time_machine.travel(timezone.now() + timedelta(minutes=5)):
        _run_worker()
    assert [m.to for m in mail.outbox] == [["aino@example.org"]]


def _run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO()
    )


def test_sign_ups_are_anonymised_after_the_retention_period(signup_event):
    event = signup_event(capacity=5, retention_days=30, questions=True)
    keep = signup(event, "a@example.org", phone="040 123", answers={"ruokavalio": "Vegaani"})
    waits = signup(event, "follow@example.org", follow_up_opt_in=True)
    assert jobs.anonymise_expired_registrations(event.end + timedelta(days=29)) == 0
    jobs.anonymise_expired_registrations(event.end + timedelta(days=31))
    keep.refresh_from_db()
    assert (keep.name, keep.email, keep.phone, keep.answers) == ("", "", "", {})
    assert keep.anonymised_at and keep.group_size == 1 and keep.status == S.CONFIRMED
    waits.refresh_from_db()  # still waiting for the follow-up report: only name and e-mail kept
    assert waits.email == "follow@example.org" and waits.anonymised_at is None
    jobs.anonymise_expired_registrations(event.end + timedelta(days=181))
    waits.refresh_from_db()
    assert waits.email == "" and waits.anonymised_at
    assert client_view_is_gone(keep)


def client_view_is_gone(registration):
    from django.test import Client

    return Client().get(f"/fi/registrations/{registration.token}/").status_code == 404


def test_periodic_command_runs_the_anonymisation(signup_event):
    event = signup_event(capacity=5, retention_days=0)
    registration = signup(event, "a@example.org")
    with time_machine.travel(event.end + timedelta(days=1)):
        call_command("periodic", stdout=StringIO())
    registration.refresh_from_db()
    assert registration.email == ""


def _rows_mentioning(text):
    """Every (model, pk) whose text or JSON columns contain `text`, across all tables."""
    found = []
    for model in apps.get_models():
        fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        if not fields:
            continue
        query = models.Q()
        for name in fields:
            query |= models.Q(**{f"{name}__icontains": text})
        found += [(model.__name__, pk) for pk in model.objects.filter(query).values_list("pk", flat=True)]
        for field in model._meta.concrete_fields:
            if isinstance(field, models.JSONField):
                for pk, value in model.objects.values_list("pk", field.name):
                    if text.lower() in json.dumps(value, default=str).lower():
                        found.append((model.__name__, pk))
    return found


def test_export_and_erase_cover_every_table_with_the_persons_data(signup_event, sent):
    first = signup_event(capacity=1)
    second = signup_event(capacity=3)
    sent(signup, first, "Person@Example.org", name="Pirkko Persoona", answers={"ruokavalio": "Pirkon ruoka"})
    waiting = signup(first, "next@example.org")
    sent(signup, second, "person@example.org", name="Pirkko Persoona", phone="040 555")

    out = StringIO()
    call_command("personal_data", "export", "PERSON@example.org", stdout=out)
    exported = out.getvalue()
    assert exported.count("Pirkko Persoona") == 2 and "Pirkon ruoka" in exported and "040 555" in exported

    assert _rows_mentioning("person@example.org")  # the test can see the data before erasing
    [provider] = [p for p in personal_data.providers() if p.name == "event sign-ups"]
    provider.erase("person@example.org")
    assert _rows_mentioning("person@example.org") == []
    assert _rows_mentioning("Pirkko Persoona") == []
    assert _rows_mentioning("Pirkon ruoka") == []
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED  # the erased person's seat went to the waiting list


def test_adding_seats_moves_the_first_in_line_up(signup_event, sent):
    event = signup_event(capacity=1)
    signup(event, "a@example.org")
    second = signup(event, "b@example.org")
    third = signup(event, "c@example.org")
    event.capacity = 2
    messages = sent(event.save_revision().publish)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (S.CONFIRMED, S.WAITLISTED)
    assert [m.to for m in messages] == [["b@example.org"]]
