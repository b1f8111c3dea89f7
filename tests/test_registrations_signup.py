"""Sign-up through the public form, the waiting list, cancelling by the secret link."""

import re

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from registrations.models import Registration
from tests.fixtures_registrations import signup

S = Registration.Status


def _form(**overrides):
    data = {
        "name": "Aino Asukas",
        "email": "aino@example.org",
        "phone": "",
        "q_tyopaja": "koulut",
        "q_ruokavalio": "Kasvis",
        "consent": "on",
        "follow_up_opt_in": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _post(client, page, capture, **overrides):
    with capture(execute=True):
        return client.post(reverse("registrations:signup", args=[page.pk]), _form(**overrides))


def test_event_page_shows_the_form_with_seats_left_and_the_extra_questions(client, signup_event):
    event = signup_event(capacity=3)
    html = client.get(event.url).content.decode()
    assert 'id="signup-heading"' in html
    assert "3 paikkaa jäljellä." in html
    assert "Ruokavalio" in html and "Liikenne" in html
    assert 'name="csrfmiddlewaretoken"' not in html  # one page for everyone (home/csrf.py)
    assert 'name="website_url"' in html  # honeypot


def test_resident_signs_up_gets_a_confirmation_and_cancels_with_the_link(
    client, signup_event, django_capture_on_commit_callbacks
):
    event = signup_event(capacity=3)
    response = _post(client, event, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == S.CONFIRMED
    assert registration.answers == {"ruokavalio": "Kasvis", "tyopaja": "koulut"}
    assert registration.language == "fi" and registration.follow_up_opt_in
    page = client.get(response["Location"]).content.decode()
    assert "Kiitos. Katso sähköpostisi" in page

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aino@example.org"]
    link = re.search(r"http://\S+/fi/registrations/[\w-]+/", message.body).group(0)
    path = link.replace("http://localhost", "").replace("http://testserver", "")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path + "cancel/")
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED
    assert "Tämä ilmoittautuminen on peruttu." in client.get(path).content.decode()


def test_form_errors_keep_what_was_typed(client, signup_event, django_capture_on_commit_callbacks):
    event = signup_event()
    response = _post(client, event, django_capture_on_commit_callbacks, email="not-an-email", consent=None)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert 'value="Aino Asukas"' in html and 'value="not-an-email"' in html
    assert "Kirjoita sähköpostiosoite" in html
    assert not Registration.objects.exists()


def test_same_email_cannot_sign_up_twice_and_the_answer_does_not_tell(
    client, signup_event, django_capture_on_commit_callbacks
):
    """Regression (issue 13): the form said "already signed up" to anyone who typed an address on
    the list. Now the page answers exactly as for a new sign-up, and the address itself gets the
    link to its existing sign-up."""
    event = signup_event()
    first = _post(client, event, django_capture_on_commit_callbacks)
    neutral = client.get(first["Location"]).content.decode()
    [registration] = Registration.objects.all()
    mail.outbox.clear()
    again = _post(
        client, event, django_capture_on_commit_callbacks, email="AINO@example.org", name="Joku Muu"
    )
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert client.get(again["Location"]).content.decode() == neutral
    assert Registration.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["aino@example.org"]
    assert message.subject == f"Olet jo ilmoittautunut: {event.title}"
    assert f"/fi/registrations/{registration.token}/" in message.body
    assert "Aino Asukas" in message.body and "Joku Muu" not in message.body


def _without_token(html, email):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return html.replace(email, "EMAIL")


def test_a_full_event_answers_an_address_on_its_list_as_it_answers_a_newcomer(
    client, signup_event, django_capture_on_commit_callbacks
):
    """Regression (issue 13, "already signed up" must not tell): with the seats and the waiting
    list full, a new address was refused as full while an address on the list got the neutral
    "check your e-mail" page, which told a stranger that it was on the list. Both now get the
    same "full" answer, and only the address on the list is sent the link to its sign-up."""
    event = signup_event(capacity=1, waitlist_capacity=0)
    aino = signup(event, "aino@example.org", name="Aino Asukas", notify=False)
    stranger = {"name": "Joku Muu", "follow_up_opt_in": None}
    on_list = _post(client, event, django_capture_on_commit_callbacks, email="AINO@example.org", **stranger)
    newcomer = _post(client, event, django_capture_on_commit_callbacks, email="uusi@example.org", **stranger)
    assert on_list.status_code == newcomer.status_code == 200
    html = on_list.content.decode()
    assert "Tapahtuma on täynnä, ja niin on sen jonokin." in html  # the form is gone: nothing to fix
    assert _without_token(html, "AINO@example.org") == _without_token(
        newcomer.content.decode(), "uusi@example.org"
    )
    assert Registration.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["aino@example.org"]
    assert f"/fi/registrations/{aino.token}/" in message.body


def test_full_event_offers_the_waiting_list_with_the_place_number(client, signup_event):
    event = signup_event(capacity=1)
    signup(event, "a@example.org")
    signup(event, "b@example.org")
    html = client.get(event.url).content.decode()
    assert "Tapahtuma on täynnä." in html
    assert "olisit jonossa sijalla 2" in html
    assert "Ilmoittaudu jonoon" in html


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_a_sign_up_post_costs_six_queries(
    client, signup_event, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """Regression (issue 15, 300 sign-ups through two instances): a sign-up POST made 13 queries,
    among them the default locale three times, the list of view restrictions and the address's
    earlier sign-up apart from the seat count, then 7 with the event page read for each. Now:
    the transaction (here a savepoint) with the seat lock, one count of seats and address, the
    insert, and the e-mail queued after the commit; the event page is kept until content changes
    (`registrations.views._event_or_404`)."""
    from django_tasks_db.models import DBTaskResult

    event = signup_event(capacity=1)
    client.get(event.url)
    with override_settings(TASKS=DB_TASKS):
        assert _post(client, event, django_capture_on_commit_callbacks).status_code == 302
        for n, status in ((2, S.WAITLISTED), (3, S.WAITLISTED)):
            with django_assert_max_num_queries(6):
                response = _post(
                    client, event, django_capture_on_commit_callbacks, email=f"asukas{n}@example.org"
                )
            assert response.status_code == 302
            assert Registration.objects.get(email=f"asukas{n}@example.org").status == status
    queued = sorted(task.args_kwargs["args"][0].rsplit(".", 1)[1] for task in DBTaskResult.objects.all())
    assert queued == ["confirmation_email", "organiser_alert_email", "waitlisted_email", "waitlisted_email"]
    # The same address again: still one sign-up, and the duplicate is found under the lock.
    again = _post(client, event, django_capture_on_commit_callbacks, email="ASUKAS2@example.org")
    assert again.status_code == 302
    assert Registration.objects.filter(email="asukas2@example.org").count() == 1
    assert Registration.objects.count() == 3


def test_an_event_made_private_takes_no_more_sign_ups(
    client, signup_event, django_capture_on_commit_callbacks
):
    """The sign-up form answers only for live public events; the list of private sections is kept
    between requests (home.page_cache.restricted_paths) and renewed when a restriction is added
    or removed."""
    from wagtail.models import PageViewRestriction

    event = signup_event(capacity=5)
    assert _post(client, event, django_capture_on_commit_callbacks).status_code == 302
    restriction = PageViewRestriction.objects.create(page=event, restriction_type="login")
    refused = _post(client, event, django_capture_on_commit_callbacks, email="toinen@example.org")
    assert refused.status_code == 404
    assert client.get(reverse("registrations:signup_sent", args=[event.pk])).status_code == 404
    restriction.delete()
    assert (
        _post(client, event, django_capture_on_commit_callbacks, email="toinen@example.org").status_code
        == 302
    )
    assert Registration.objects.count() == 2


def test_seats_added_or_an_event_unpublished_apply_to_the_next_sign_up(
    client, signup_event, django_capture_on_commit_callbacks
):
    """The event page is kept between sign-ups (`registrations.views._event_or_404`); the editor
    publishing more seats, or unpublishing the event, is seen by the very next sign-up."""
    event = signup_event(capacity=1)
    assert _post(client, event, django_capture_on_commit_callbacks).status_code == 302
    _post(client, event, django_capture_on_commit_callbacks, email="toinen@example.org")
    assert Registration.objects.get(email="toinen@example.org").status == S.WAITLISTED
    event.capacity = 3
    event.save_revision().publish()
    _post(client, event, django_capture_on_commit_callbacks, email="kolmas@example.org")
    # The waiting person was promoted into the new seats, and the newcomer got the last one.
    assert dict(Registration.objects.values_list("email", "status")) == {
        "aino@example.org": S.CONFIRMED,
        "toinen@example.org": S.CONFIRMED,
        "kolmas@example.org": S.CONFIRMED,
    }
    event.unpublish()
    refused = _post(client, event, django_capture_on_commit_callbacks, email="neljas@example.org")
    assert refused.status_code == 404
    assert client.get(reverse("registrations:signup_sent", args=[event.pk])).status_code == 404
    assert Registration.objects.count() == 3


def test_a_question_added_and_published_is_asked_at_once(
    client, signup_event, django_capture_on_commit_callbacks
):
    """The form's questions are kept between requests (registrations.forms.question_fields); the
    editor publishing a new required question renews them, so the next sign-up must answer it."""
    from registrations.models import RegistrationQuestion

    event = signup_event(capacity=5)
    assert _post(client, event, django_capture_on_commit_callbacks).status_code == 302
    event.registration_questions.add(
        RegistrationQuestion(label="Kotikatu", help_text="", field_type="singleline", required=True)
    )
    event.save_revision().publish()
    response = _post(client, event, django_capture_on_commit_callbacks, email="toinen@example.org")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html and "Kotikatu" in html
    assert 'value="toinen@example.org"' in html
    answered = _post(
        client, event, django_capture_on_commit_callbacks, email="toinen@example.org", q_kotikatu="Rantatie 1"
    )
    assert answered.status_code == 302
    assert Registration.objects.get(email="toinen@example.org").answers["kotikatu"] == "Rantatie 1"


def test_the_confirmation_email_costs_two_queries(signup_event, django_assert_max_num_queries):
    """Regression (issue 15): the worker built each confirmation with seven queries, two of them
    the recipient's locale (`home.i18n.in_language`, once for the text and once for the .ics),
    then five: the sign-up with its event, the iCalendar SEQUENCE, venue and format, and the site.
    Now the sign-up and the SEQUENCE: the event with its venue and format is kept by the worker
    until content changes (`registrations.emails._event`), the site's address comes from the
    cached site root paths."""
    import icalendar

    from registrations import emails

    event = signup_event(capacity=3)
    emails.confirmation_email(signup(event, "eka@example.org", notify=False).pk)
    registration = signup(event, "aino@example.org", notify=False)
    with django_assert_max_num_queries(2):
        message = emails.confirmation_email(registration.pk)
    assert message.to == ["aino@example.org"] and event.title in message.subject
    assert f"/fi/registrations/{registration.token}/" in message.body
    [(name, content, _type)] = message.attachments
    [vevent] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert name == "event.ics" and str(vevent["SUMMARY"]) == event.title


def test_a_confirmation_after_a_publish_shows_the_published_event(signup_event):
    """The worker keeps the event between e-mails (`registrations.emails._event`); the editor
    publishing a new title is in the very next confirmation: subject, text and .ics alike."""
    import icalendar

    from registrations import emails

    event = signup_event(capacity=3)
    emails.confirmation_email(signup(event, "eka@example.org", notify=False).pk)
    event.title = "Uusi otsikko"
    event.save_revision().publish()
    message = emails.confirmation_email(signup(event, "aino@example.org", notify=False).pk)
    assert "Uusi otsikko" in message.subject and "Uusi otsikko" in message.body
    [(_name, content, _type)] = message.attachments
    [vevent] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Uusi otsikko"


def test_taking_the_seat_lock_leaves_the_shared_event_instance_untouched(signup_event):
    """The sign-up views hand every request the same kept `EventPage` (`page_cache.remember`):
    the seat row made by the first sign-up must not be cached on it (the one-to-one's reverse
    side, `seat_lock`), or a later request would read another request's row."""
    from django.db import transaction

    from registrations.services import lock_seats

    event = signup_event(capacity=5, questions=False)
    for _ in range(2):  # the insert, then the lock of the existing row
        with transaction.atomic():
            seats = lock_seats(event)
        assert seats.event_id == event.pk
        assert "seat_lock" not in event._state.fields_cache
