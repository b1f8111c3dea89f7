"""Questions translated through wagtail-localize answer into the same column in every language."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from demo.translation import translate
from registrations.models import Registration, RegistrationQuestion
from tests.fixtures_registrations import signup


def test_translated_question_keeps_its_column_and_settings_follow_the_source(
    client, make_event, site_tree, django_capture_on_commit_callbacks
):
    tr = site_tree["tr"]
    event = make_event(
        start=timezone.now() + timedelta(days=7),
        revision=False,
        registration_enabled=True,
        capacity=10,
    )
    event.registration_questions = [
        RegistrationQuestion(
            label=tr("Mihin ryhmään haluat?", "Vilken grupp vill du delta i?", "Which group would you like?"),
            field_type="radio",
            choices=tr("Liikenne\nKoulut", "Trafik\nSkolor", "Traffic\nSchools"),
        )
    ]
    event.save_revision().publish()
    tr("Liikenne<br/>Koulut", "Trafik<br/>Skolor", "Traffic<br/>Schools")  # wagtail-localize's segment
    sv = translate(event, tr)["sv"].specific
    [question] = sv.registration_questions.all()
    assert question.label == "Vilken grupp vill du delta i?"
    assert question.clean_name == "mihin_ryhmaan_haluat"
    assert sv.capacity == 10 and sv.registration_enabled

    html = client.get(sv.url).content.decode()
    assert "Vilken grupp vill du delta i?" in html and "10 platser kvar." in html
    data = {"name": "Sven", "email": "sven@example.org", "q_mihin_ryhmaan_haluat": "Skolor", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registrations:signup", args=[sv.pk]), data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.event_id == event.pk and registration.language == "sv"
    assert registration.answers == {"mihin_ryhmaan_haluat": "Skolor"}


def test_anonymise_command(signup_event):
    import time_machine

    event = signup_event(capacity=5, retention_days=1)
    registration = signup(event, "a@example.org")
    out = StringIO()
    with time_machine.travel(event.end + timedelta(days=2)):
        call_command("registrations_anonymise", stdout=out)
    assert "1 sign-ups anonymised." in out.getvalue()
    registration.refresh_from_db()
    assert registration.email == "" and registration.anonymised_at
