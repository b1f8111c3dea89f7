"""Issue 13: telling people signed up what changed — one e-mail per person per change, in their
language, with an .ics of the same UID and a higher SEQUENCE; none when nothing changed."""

from datetime import timedelta
from io import StringIO

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from registrations import services
from registrations.models import Registration
from tests.fixtures_registrations import signup

S = Registration.Status
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _vevent(message):
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("event.ics", "text/calendar")
    return icalendar.Calendar.from_ical(content).walk("VEVENT")[0]


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish the event with on-commit e-mails sent; return the messages sent meanwhile."""

    def run(event):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            event.save_revision().publish()
        return mail.outbox[before:]

    return run


def test_a_new_start_time_sends_one_notice_per_person_in_their_language(
    client, signup_event, publish, django_capture_on_commit_callbacks
):
    event = signup_event(capacity=1, questions=False, translate_to_all=True)
    with django_capture_on_commit_callbacks(execute=True):
        confirmation = [signup(event, "fi@example.org", name="Fanni")]
        signup(event.translations["sv"], "sv@example.org", name="Sven", language="sv")  # waiting
        gone = signup(event, "gone@example.org", name="Gone")
        services.cancel(gone)
    old_sequence = _vevent(next(m for m in mail.outbox if m.to == ["fi@example.org"]))["SEQUENCE"]
    assert confirmation
    assert publish(event) == []  # published again as it was: nothing to tell

    event.start += timedelta(hours=1)
    event.end += timedelta(hours=1)
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        messages = publish(event)
    assert sorted(m.to[0] for m in messages) == ["fi@example.org", "sv@example.org"]
    finnish = next(m for m in messages if m.to == ["fi@example.org"])
    swedish = next(m for m in messages if m.to == ["sv@example.org"])
    assert finnish.subject == f"Muutos: {event.title}"
    assert "Paikkasi on edelleen vahvistettu." in finnish.body
    assert swedish.subject == f"Ändrat: {event.translations['sv'].title}"
    assert "Du är fortfarande nummer 1 på väntelistan." in swedish.body
    for message in (finnish, swedish):
        vevent = _vevent(message)
        assert vevent.decoded("DTSTART") == event.start  # the new time, also in the Swedish file
        assert str(vevent["UID"]).startswith(str(event.translation_key))
        assert vevent["SEQUENCE"] > old_sequence
        # One count of published changes (RFC 5545 §3.8.7.4): the same as the event's own .ics.
        download = icalendar.Calendar.from_ical(client.get(event.url + "ics/").content).walk("VEVENT")[0]
        assert vevent["SEQUENCE"] == download["SEQUENCE"] == old_sequence + 1
    local = timezone.localtime(event.start)
    assert f"{local.hour}.{local.minute:02d}" in finnish.body

    # Publishing again without a change sends nothing.
    event.summary = "Uusi kuvaus, sama aika ja paikka."
    assert publish(event) == []


def test_a_second_change_before_sending_announces_only_the_newest(
    signup_event, django_capture_on_commit_callbacks
):
    event = signup_event(capacity=3, questions=False)
    signup(event, "a@example.org", notify=False)
    from home import page_cache

    with django_capture_on_commit_callbacks() as callbacks:  # both publishes before the queue runs
        for hours in (1, 2):
            event.start += timedelta(hours=hours)
            event.end += timedelta(hours=hours)
            event.save_revision().publish()
    queued = [
        callback for callback in callbacks if callback not in (page_cache.purge, page_cache.purge_pages)
    ]
    assert len(queued) == 2
    for send in queued:
        send()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert _vevent(mail.outbox[0]).decoded("DTSTART") == event.start


def test_cancelling_sends_the_cancellation_notice_not_a_change_notice(signup_event, publish):
    from participation_pages.models import EventPage

    event = signup_event(capacity=3, questions=False)
    signup(event, "a@example.org")
    event.status = EventPage.Status.CANCELLED
    messages = publish(event)
    assert [m.subject.split(":")[0] for m in messages] == ["Peruttu"]


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_outage_delays_the_change_notices_but_loses_none(signup_event):
    event = signup_event(capacity=1, questions=False)
    signup(event, "a@example.org", notify=False)
    signup(event, "b@example.org", notify=False)  # waiting
    event.start += timedelta(days=1)
    event.end += timedelta(days=1)
    with override_settings(TASKS=DB_TASKS, EMAIL_BACKEND="tests.test_home_services.FailingBackend"):
        event.save_revision().publish()
        _run_worker()
        assert mail.outbox == []
    with override_settings(TASKS=DB_TASKS), time_machine.travel(timezone.now() + timedelta(minutes=5)):
        _run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all(m.subject.startswith("Muutos:") for m in mail.outbox)


def _run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO()
    )


@pytest.mark.parametrize(
    "change, shown",
    [
        ("venue", "Nuorisotalo Kipinä"),
        ("online_url", "Etäyhteyden linkki: https://meet.example.org/uusi-linkki"),
        ("status", "Tila: Siirretty myöhemmäksi"),
    ],
)
def test_a_new_place_online_link_or_status_sends_one_notice_that_says_it(
    signup_event, publish, change, shown
):
    """The other details a notice is about (README "Change notices"): each change reaches everyone
    confirmed or waiting once, and the e-mail itself says what the detail is now."""
    from wagtail.models import Locale

    from participation_pages.models import EventPage, Venue

    event = signup_event(capacity=1, questions=False, mode=EventPage.AttendanceMode.MIXED)
    signup(event, "a@example.org", notify=False)
    signup(event, "b@example.org", notify=False)  # waiting
    assert publish(event) == []
    if change == "venue":
        event.venue = Venue.objects.create(
            name="Nuorisotalo Kipinä",
            street_address="Kipinätie 2",
            postcode="99100",
            city="Järvelä",
            locale=Locale.get_default(),
        )
    elif change == "online_url":
        event.online_url = "https://meet.example.org/uusi-linkki"
    else:
        event.status = EventPage.Status.POSTPONED
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        messages = publish(event)
    assert sorted(m.to[0] for m in messages) == ["a@example.org", "b@example.org"]
    for message in messages:
        assert message.subject.startswith("Muutos:")
        assert shown in message.body
    assert publish(event) == []


def test_an_edited_venue_address_tells_everyone_signed_up_in_their_language_once(
    signup_event, publish, make_event, django_capture_on_commit_callbacks
):
    """A venue snippet is saved without publishing the events held there, yet a new street
    address moves them all: everyone signed up for an upcoming event there gets one notice with
    the new address (a Swedish reader too, before a translator syncs the venue's translation),
    and the event's SEQUENCE goes up by one in the .ics and the feeds. An edit that does not
    move the place (the accessibility notes) tells nobody, and a past event there is not
    announced."""
    from participation_pages import schedule

    event = signup_event(capacity=1, questions=False, translate_to_all=True)
    past = make_event(start=timezone.now() - timedelta(days=3), registration_enabled=True, capacity=5)
    venue = event.venue
    assert venue is not None and past.venue == venue
    signup(event, "fi@example.org", notify=False)
    signup(event.translations["sv"], "sv@example.org", language="sv", notify=False)  # waiting
    signup(past, "past@example.org", notify=False, check_open=False)
    assert publish(event) == []
    sequence = schedule.sequence(event)

    venue.accessibility_notes = "Sisäänkäynti pihan puolelta."
    with django_capture_on_commit_callbacks(execute=True):
        venue.save()
    assert mail.outbox == [] and schedule.sequence(event) == sequence

    venue.street_address = "Uusi katu 7"
    with django_capture_on_commit_callbacks(execute=True):
        venue.save()
    assert sorted(m.to[0] for m in mail.outbox) == ["fi@example.org", "sv@example.org"]
    finnish = next(m for m in mail.outbox if m.to == ["fi@example.org"])
    swedish = next(m for m in mail.outbox if m.to == ["sv@example.org"])
    assert finnish.subject.startswith("Muutos:") and "Osoite: Uusi katu 7" in finnish.body
    assert swedish.subject.startswith("Ändrat:") and "Adress: Uusi katu 7" in swedish.body
    assert _vevent(finnish)["SEQUENCE"] == sequence + 1 == schedule.sequence(event)
    assert "Uusi katu 7" in str(_vevent(swedish)["LOCATION"])

    with django_capture_on_commit_callbacks(execute=True):
        venue.save()  # saved again as it is
    assert len(mail.outbox) == 2
    assert publish(event) == []  # the publish after it has nothing new to tell
