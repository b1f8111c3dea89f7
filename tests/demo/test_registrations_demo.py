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
