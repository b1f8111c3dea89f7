"""Fixtures for sign-ups: an upcoming event in fi/sv/en that takes sign-ups, with an extra question."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation_pages.models import EventPage
from registrations import services
from registrations.models import RegistrationQuestion


@pytest.fixture
def signup_event(make_event):
    """make_signup_event(capacity=…, …) -> a Finnish EventPage (with .translations) taking sign-ups."""

    def factory(capacity=3, waitlist_capacity=None, max_group_size=1, questions=True, start=None, **fields):
        start = start or (timezone.now() + timedelta(days=10)).replace(microsecond=0)
        event = make_event(
            start=start,
            revision=False,
            registration_enabled=True,
            capacity=capacity,
            waitlist_capacity=waitlist_capacity,
            max_group_size=max_group_size,
            **fields,
        )
        if questions:
            event.registration_questions = [
                RegistrationQuestion(
                    label="Ruokavalio", help_text="", field_type="singleline", required=False
                ),
                RegistrationQuestion(
                    label="Työpaja",
                    field_type="radio",
                    choices="Liikenne\nKoulut",
                    required=True,
                ),
            ]
        event.save_revision().publish()
        return event

    return factory


@pytest.fixture
def event_with_signups(signup_event):
    return signup_event()


def signup(event, email, name="Testi Henkilö", **kwargs):
    kwargs.setdefault("answers", {"tyopaja": "koulut"})  # stored by the option's key
    return services.sign_up(event, name=name, email=email, **kwargs)


__all__ = ["EventPage", "signup"]
