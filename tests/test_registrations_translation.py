"""Questions translated through wagtail-localize answer into the same column in every language."""

import csv
import importlib
import io
import re
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from demo.translation import translate
from registrations.models import Registration, RegistrationQuestion
from tests.fixtures_registrations import signup

FOUR_CHOICES = (
    "Talvikunnossapito\nLeikkipuiston suunnitelma\nKirjaston aukioloajat\nPyörätiet",
    "Vinterunderhåll\nLekparkens plan\nBibliotekets öppettider\nCykelvägar",
    "Winter maintenance\nPlayground plan\nLibrary opening hours\nCycle paths",
)


def test_four_choice_question_keeps_its_options_in_every_language_and_answers_land_in_one_column(
    client, admin_client, make_event, site_tree, django_capture_on_commit_callbacks
):
    """Issue 11: translated choices came out as one option ("VinterunderhållLekparkens plan")
    and answers were stored in each resident's language."""
    tr = site_tree["tr"]
    event = make_event(
        start=timezone.now() + timedelta(days=7),
        revision=False,
        registration_enabled=True,
        capacity=10,
    )
    event.registration_questions = [
        RegistrationQuestion(
            label=tr("Mistä aiheesta haluat puhua?", "Vilket ämne vill du tala om?", "Which topic?"),
            field_type="radio",
            choices=tr(*FOUR_CHOICES),
        )
    ]
    event.save_revision().publish()
    translations = translate(event, tr)
    [question] = translations["sv"].specific.registration_questions.all()
    assert question.label == "Vilket ämne vill du tala om?"
    assert question.clean_name == "mista_aiheesta_haluat_puhua"
    assert translations["sv"].specific.capacity == 10 and translations["sv"].specific.registration_enabled

    pages = {"fi": event, "sv": translations["sv"].specific, "en": translations["en"].specific}
    for (language, page), labels in zip(pages.items(), FOUR_CHOICES, strict=True):
        html = client.get(page.url).content.decode()
        shown = re.findall(r'<input type="radio" name="q_mista_aiheesta_haluat_puhua" value="([^"]+)"', html)
        assert shown == [
            "talvikunnossapito",
            "leikkipuiston_suunnitelma",
            "kirjaston_aukioloajat",
            "pyoratiet",
        ]
        # four radio buttons, each with one option of the page's language as its label
        shown_labels = re.findall(r'<label for="id_q_mista_aiheesta_haluat_puhua_\d+">([^<]*)</label>', html)
        assert shown_labels == labels.split("\n"), language

    for language, page in pages.items():
        data = {
            "name": f"Resident {language}",
            "email": f"{language}@example.org",
            "q_mista_aiheesta_haluat_puhua": "talvikunnossapito",
            "consent": "on",
        }
        with translation.override(language):
            url = reverse("registrations:signup", args=[page.pk])  # the form's action on that page
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 302, language
    registrations = Registration.objects.order_by("pk")
    assert [r.event_id for r in registrations] == [event.pk] * 3
    assert [r.answers for r in registrations] == [{"mista_aiheesta_haluat_puhua": "talvikunnossapito"}] * 3

    response = admin_client.get(reverse("registrations_admin:export_csv", args=[event.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-1] == "Mistä aiheesta haluat puhua?"
    language_column = rows[0].index("Kieli")
    assert [(row[language_column], row[-1]) for row in rows[1:]] == [
        ("fi", "Talvikunnossapito"),
        ("sv", "Talvikunnossapito"),
        ("en", "Talvikunnossapito"),
    ]


def test_an_answer_that_is_no_option_is_refused_with_the_form_kept(client, signup_event):
    event = signup_event(capacity=3)
    data = {"name": "Sven", "email": "sven@example.org", "q_tyopaja": "Skolor", "consent": "on"}
    response = client.post(reverse("registrations:signup", args=[event.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="error-summary"' in html
    assert 'value="sven@example.org"' in html
    assert not Registration.objects.exists()


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


def test_migration_stores_earlier_answers_by_the_options_key(signup_event):
    from django.apps import apps

    migration = importlib.import_module("registrations.migrations.0003_question_choices_one_a_line")
    event = signup_event(capacity=3)
    earlier = signup(event, "a@example.org", answers={"tyopaja": "Koulut", "ruokavalio": "Koulut"})
    migration.answers_by_key(apps, None)
    earlier.refresh_from_db()
    assert earlier.answers == {"tyopaja": "koulut", "ruokavalio": "Koulut"}  # free text stays as written
