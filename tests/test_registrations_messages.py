"""Issue 13: staff write to everyone confirmed and/or waiting for an event (preview, then send;
logged with the count; replies go to the organiser)."""

from django.core import mail
from django.urls import reverse

from registrations import services
from registrations.models import Registration, StaffMessage
from tests.fixtures_registrations import signup


def _event(signup_event):
    event = signup_event(capacity=1, questions=False, registration_alert_email="jarjestaja@example.org")
    signup(event, "fanni@example.org", name="Fanni", notify=False)
    signup(event, "sven@example.org", name="Sven", language="sv", notify=False)  # waiting
    services.cancel(signup(event, "gone@example.org", name="Gone", notify=False))
    services.sign_up(
        event, name="Puhelin", email="", phone="040 1", notify=False, check_open=False
    )  # waiting
    return event


def test_preview_then_send_to_everyone_signed_up_in_their_language(
    admin_client, signup_event, django_capture_on_commit_callbacks
):
    event = _event(signup_event)
    url = reverse("registrations_admin:message", args=[event.pk])
    data = {"recipients": "all", "subject": "Sali vaihtuu", "body": "Olemme salissa B.\nTervetuloa!"}
    preview = admin_client.post(url, {**data, "preview": "1"})
    html = preview.content.decode()
    assert preview.status_code == 200 and "Viesti lähtee 2 henkilölle." in html
    assert "Olemme salissa B." in html and 'name="send"' in html
    assert mail.outbox == [] and not StaffMessage.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {**data, "send": "1"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["fanni@example.org", "sven@example.org"]
    for message in mail.outbox:
        assert message.reply_to == ["jarjestaja@example.org"]
        assert "Olemme salissa B." in message.body
    swedish = next(m for m in mail.outbox if m.to == ["sven@example.org"])
    assert swedish.body.startswith("Hej Sven,")
    log = StaffMessage.objects.get()
    assert (log.recipient_count, log.sent_by, log.subject) == (2, "admin", "Sali vaihtuu")
    assert "Sali vaihtuu" in admin_client.get(url).content.decode()  # the log


def test_only_the_waiting_list_and_a_form_error_keeps_the_text(admin_client, signup_event):
    event = _event(signup_event)
    url = reverse("registrations_admin:message", args=[event.pk])
    preview = admin_client.post(
        url, {"recipients": "waitlisted", "subject": "Jono", "body": "Odota", "preview": "1"}
    )
    assert "Viesti lähtee 1 henkilölle." in preview.content.decode()
    bad = admin_client.post(url, {"recipients": "all", "subject": "", "body": "Tärkeä viesti", "send": "1"})
    html = bad.content.decode()
    assert bad.status_code == 400 and 'id="error-summary"' in html and "Tärkeä viesti" in html
    assert not StaffMessage.objects.exists()


def test_messages_need_the_sign_up_permission(client, signup_event, django_user_model):
    event = _event(signup_event)
    client.force_login(django_user_model.objects.create_user("editor", password="x"))
    url = reverse("registrations_admin:message", args=[event.pk])
    response = client.post(url, {"recipients": "all", "subject": "x", "body": "y", "send": "1"})
    assert response.status_code == 302 and not StaffMessage.objects.exists()
    assert Registration.objects.filter(event=event).count() == 4
