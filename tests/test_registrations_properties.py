"""Property-based tests: whatever is thrown at the sign-up form, the answer is a 200 with errors
or a redirect (a 400 only for a NUL byte or lone surrogate, which the middleware refuses), never a
500, and a sign-up is either saved whole or not at all."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home.middleware import FORBIDDEN_CHARACTERS
from registrations.models import Registration

text = st.text(max_size=300)
# 5,000–20,000 characters of any UTF-8 text: a drawn piece of up to 300 characters repeated to a
# drawn length. Hypothesis draws a string one character at a time, and drawing up to 20,000 of
# them for each field was half the test's CPU time.
huge = st.tuples(
    st.text(min_size=1, max_size=300, alphabet=st.characters(codec="utf-8")),
    st.integers(min_value=5000, max_value=20000),
).map(lambda drawn: (drawn[0] * (drawn[1] // len(drawn[0]) + 1))[: drawn[1]])
malformed_email = st.one_of(
    st.text(max_size=80),
    st.from_regex(r"[a-z]{1,10}@?[a-z]{0,10}\.?[a-z]{0,3}", fullmatch=True),
    st.just("a@b"),
    st.just("@example.org"),
    st.just("aino@@example.org"),
    st.just("aino@example.org\x00"),
    st.emails(),
)
field_value = st.one_of(text, huge, st.integers().map(str), st.just(""))

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    # Inputs of 5–20 kB (`huge`) are the point: the health check that flags large generated data
    # would otherwise fail the test whenever the draw favours them.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def form_event(signup_event):
    return signup_event(capacity=3, max_group_size=4)


def _clean(value):
    # A browser cannot send NUL in a form field's name, but it can in a value; the test client
    # encodes anything, so keep the strings as they are.
    return value


@PROPERTY_SETTINGS
@given(
    name=field_value,
    email=malformed_email,
    phone=field_value,
    group_size=st.one_of(st.integers(-5, 10).map(str), text),
    diet=field_value,
    workshop=st.one_of(st.sampled_from(["liikenne", "koulut", "Koulut", "Muu"]), text),
    consent=st.sampled_from(["on", "", None]),
    honeypot=st.sampled_from(["", "http://spam.example"]),
)
def test_signup_form_never_fails_and_never_half_saves(
    client, form_event, name, email, phone, group_size, diet, workshop, consent, honeypot
):
    cache.clear()  # the rate limit is tested elsewhere
    Registration.objects.all().delete()
    data = {
        "name": name,
        "email": email,
        "phone": phone,
        "group_size": group_size,
        "q_ruokavalio": diet,
        "q_tyopaja": workshop,
        "website_url": honeypot,
    }
    if consent is not None:
        data["consent"] = consent
    response = client.post(reverse("registrations:signup", args=[form_event.pk]), data)
    if any(FORBIDDEN_CHARACTERS.search(value) for value in data.values()):
        # A NUL byte or a lone surrogate is refused before the form sees it (home.middleware).
        assert response.status_code == 400
        assert not Registration.objects.exists()
        return
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert 'id="error-summary"' in response.content.decode()
        assert not Registration.objects.exists()
    else:
        registration = Registration.objects.get()
        assert registration.email == email.strip().lower()
        assert registration.name == name.strip()
        assert registration.answers["tyopaja"] == workshop
        assert honeypot == "" and consent == "on"


def test_rate_limit_stops_a_flood_with_a_clear_message(client, form_event):
    from registrations.forms import SignupForm

    url = reverse("registrations:signup", args=[form_event.pk])
    for i in range(SignupForm.rate_limit):
        data = {
            "name": "A",
            "email": f"a{i}@example.org",
            "q_tyopaja": "koulut",
            "consent": "on",
            "group_size": "1",
        }
        assert client.post(url, data).status_code == 302, i
    response = client.post(url, {**data, "email": "late@example.org"})
    assert response.status_code == 200
    assert "liian monta yritystä. Yritä uudelleen kello " in response.content.decode()
    assert not Registration.objects.filter(email="late@example.org").exists()


def test_cancel_page_reveals_only_that_sign_up_and_needs_a_valid_token(client, form_event):
    from tests.fixtures_registrations import signup

    mine = signup(form_event, "mine@example.org", name="Minä Itse")
    signup(form_event, "other@example.org", name="Toinen Ihminen")
    html = client.get(reverse("registrations:manage", args=[mine.token])).content.decode()
    assert "Minä Itse" in html and "Toinen Ihminen" not in html and "other@example.org" not in html
    assert client.get(reverse("registrations:manage", args=["guess"])).status_code == 404
    assert client.post(reverse("registrations:cancel", args=["guess"])).status_code == 404
    assert client.get(reverse("registrations:cancel", args=[mine.token])).status_code == 405
    assert len(mine.token) >= 40
