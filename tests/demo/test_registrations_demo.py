"""Demo sign-ups: several upcoming events take sign-ups, one is full with a waiting list."""

import pytest
from django.core.management import call_command

from participation_pages.models import EventPage
from registrations import services
from registrations.models import Registration

pytestmark = pytest.mark.django_db


def test_demo_has_upcoming_events_with_sign_up_and_a_full_one(demo, client):
    events = list(EventPage.objects.live().filter(locale__language_code="fi", registration_enabled=True))
    assert len(events) >= 3
    assert all(not e.is_past for e in events)
    full = [e for e in events if services.availability(e).is_full]
    assert len(full) == 1
    assert Registration.objects.filter(event=full[0], status=Registration.Status.WAITLISTED).exists()
    assert demo["emails_sent"] == []  # invented people get no e-mail
    html = client.get(full[0].url).content.decode()
    assert "Tapahtuma on täynnä." in html and "Mihin rinnakkaisryhmään haluat?" in html
    sv = EventPage.objects.get(translation_key=full[0].translation_key, locale__language_code="sv")
    assert "Evenemanget är fullt." in client.get(sv.url).content.decode()
    call_command("load_demo", verbosity=0)  # idempotent
    assert EventPage.objects.filter(locale__language_code="fi", registration_enabled=True).count() == len(
        events
    )


def test_demo_question_keeps_its_three_groups_in_every_language_and_exports_them_in_finnish(
    demo, client, admin_client
):
    import csv
    import io
    import re

    from django.urls import reverse

    event = next(
        e
        for e in EventPage.objects.live().filter(locale__language_code="fi", registration_enabled=True)
        if e.registration_questions.filter(clean_name="rinnakkaisryhma").exists()
    )
    groups = {
        "fi": ["Liikenne ja kadut", "Koulut, päiväkodit ja nuoret", "Puistot, luonto ja liikunta"],
        "sv": ["Trafik och gator", "Skolor, daghem och unga", "Parker, natur och motion"],
        "en": ["Traffic and streets", "Schools, day care and young people", "Parks, nature and sport"],
    }
    for language, labels in groups.items():
        page = EventPage.objects.get(translation_key=event.translation_key, locale__language_code=language)
        html = client.get(page.url).content.decode()
        assert re.findall(r'<label for="id_q_rinnakkaisryhma_\d+">([^<]*)</label>', html) == labels, language

    response = admin_client.get(reverse("registrations_admin:export_csv", args=[event.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    column = rows[0].index("Mihin rinnakkaisryhmään haluat?")
    languages = {row[rows[0].index("Kieli")] for row in rows[1:]}
    assert {"fi", "sv", "en"} <= languages  # the demo's residents answered in three languages
    assert {row[column] for row in rows[1:]} <= set(groups["fi"])
