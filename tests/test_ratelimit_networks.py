"""Issue 13: rate limits that fit a venue's shared Wi-Fi and the city's reverse proxy.

Limits are kept per form, per object (this event's feedback, this poll, this event's sign-up) and
per client address; the address is read from X-Forwarded-For only when the request comes from a
trusted proxy (KUULU_TRUSTED_PROXIES), for the forms and for django-axes alike."""

from datetime import timedelta

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from feedback.forms import EventFeedbackForm, PollForm
from feedback.models import EventFeedback, PollResponse
from home import ratelimit
from registrations.forms import SignupForm
from registrations.models import Registration
from tests.fixtures_events import helsinki
from tests.test_feedback_polls import _answer_data

pytestmark = pytest.mark.django_db

START = helsinki(2030, 3, 10, 18, 0)
VENUE_WIFI = "198.51.100.20"
PROXY = "10.0.0.5"


@pytest.fixture
def trusted_proxy(settings):
    settings.KUULU_TRUSTED_PROXIES = ["10.0.0.0/24"]


def _feedback_url(event):
    return event.url + event.reverse_subpage("feedback")


def _give_feedback(client, event, text="Hyvä ilta", **extra):
    client.cookies.clear()  # the next person on the same Wi-Fi, on their own phone
    return client.post(_feedback_url(event), {"rating": "5", "good": text, "develop": ""}, **extra)


def test_200_feedback_answers_for_one_event_from_one_address_within_a_minute(client, make_event):
    evening, other = make_event(), make_event()
    with time_machine.travel(START + timedelta(minutes=30), tick=False):
        for n in range(200):
            response = _give_feedback(client, evening, f"Vastaus {n}", REMOTE_ADDR=VENUE_WIFI)
            assert response.status_code == 302, n
        assert EventFeedback.objects.filter(event=evening).count() == 200
        # Another event's feedback from the same address in the same hour still works.
        assert _give_feedback(client, other, REMOTE_ADDR=VENUE_WIFI).status_code == 302
    assert EventFeedback.objects.filter(event=other).count() == 1


def test_a_refused_answer_keeps_what_was_typed_and_says_when_to_try_again(client, make_event, monkeypatch):
    monkeypatch.setattr(EventFeedbackForm, "rate_limit", 2)
    event = make_event()
    with time_machine.travel(START + timedelta(minutes=30), tick=False):  # 18.30, window ends at 19.00
        for _ in range(2):
            assert _give_feedback(client, event, REMOTE_ADDR=VENUE_WIFI).status_code == 302
        response = _give_feedback(client, event, "Kahvi oli hyvää", REMOTE_ADDR=VENUE_WIFI)
    html = response.content.decode()
    assert response.status_code == 400 and 'id="error-summary"' in html
    assert "Yritä uudelleen kello 19.00." in html  # Helsinki time, the end of the hour's window
    assert "Kahvi oli hyvää" in html
    assert EventFeedback.objects.filter(event=event).count() == 2


def _refusable(kind, request):
    """(form class, URL, data holding TYPED, rows) of one public form, for the test below."""
    if kind == "sign-up":
        event = request.getfixturevalue("signup_event")(capacity=50, questions=False)
        data = {"name": TYPED, "email": "typed@example.org", "consent": "on"}
        rows = Registration.objects.filter(event=event)
        return SignupForm, reverse("registrations:signup", args=[event.pk]), data, rows
    if kind == "poll":
        poll = request.getfixturevalue("poll")
        data = _answer_data(poll, single="1", multiple=["0"], scale="4", text=TYPED)
        return (
            PollForm,
            reverse("feedback:poll", args=[poll.pk]),
            data,
            PollResponse.objects.filter(poll=poll),
        )
    if kind == "idea box":
        from feedback.forms import IdeaForm
        from feedback.models import Idea

        page = request.getfixturevalue("site_tree")["fi"]
        return IdeaForm, reverse("feedback:idea"), {"text": TYPED, "page": page.pk}, Idea.objects.all()
    from panels.forms import ApplicationForm
    from panels.models import Application
    from tests.test_panels_apply import form_data

    panel = request.getfixturevalue("panel_page")["fi"]
    data = form_data(postcode="00100", motivation=TYPED)
    return ApplicationForm, panel.apply_url(), data, Application.objects.all()


TYPED = "Tämä kirjoitettiin ennen kieltoa"


@pytest.mark.parametrize("kind", ["sign-up", "poll", "idea box", "panel application"])
def test_every_refused_public_form_keeps_what_was_typed_and_says_when_to_try_again(
    client, request, monkeypatch, kind
):
    """The whole kind (README "Rate limits"): each public form of a hall activity, refused by
    its limit, shows the form again with what was typed and the time to try again."""
    form_class, url, data, rows = _refusable(kind, request)
    monkeypatch.setattr(form_class, "rate_limit", 1)
    # Half past the next hour (sign-ups and applications are open now, not in 2030).
    half_past = timezone.localtime().replace(minute=30, second=0, microsecond=0) + timedelta(hours=1)
    with time_machine.travel(half_past, tick=False):
        first = client.post(url, {**data, "email": "first@example.org"} if "email" in data else data)
        assert first.status_code == 302
        client.cookies.clear()  # the next person on the same Wi-Fi
        refused = client.post(url, data)
    html = refused.content.decode()
    assert refused.status_code in (200, 400) and 'id="error-summary"' in html
    assert f"Yritä uudelleen kello {(half_past + timedelta(minutes=30)).hour}.00." in html
    assert TYPED in html
    assert rows.count() == 1


def test_poll_limit_is_per_poll_and_address(client, make_poll, poll, monkeypatch):
    monkeypatch.setattr(PollForm, "rate_limit", 3)
    other = make_poll(translate_to_all=False)

    def answer(target):
        client.cookies.clear()
        data = _answer_data(target, single="1", multiple=["0"], scale="4", text="Puisto")
        return client.post(reverse("feedback:poll", args=[target.pk]), data, REMOTE_ADDR=VENUE_WIFI)

    assert [answer(poll).status_code for _ in range(4)] == [302, 302, 302, 400]
    assert answer(other).status_code == 302
    assert PollResponse.objects.filter(poll=poll).count() == 3


def _signup_data(n):
    return {"name": f"Asukas {n}", "email": f"asukas{n}@example.org", "consent": "on"}


def test_200_signups_from_200_addresses_through_the_trusted_proxy(client, signup_event, trusted_proxy):
    event = signup_event(capacity=50, questions=False)
    url = reverse("registrations:signup", args=[event.pk])
    for n in range(200):
        response = client.post(
            url,
            _signup_data(n),
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n % 250}, 100.64.{n // 250}.{n % 250}",
        )
        assert response.status_code == 302, n
    rows = Registration.objects.filter(event=event)
    assert rows.filter(status=Registration.Status.CONFIRMED).count() == 50
    assert rows.filter(status=Registration.Status.WAITLISTED).count() == 150
    assert rows.count() == 200  # none refused


def test_the_forwarded_header_counts_only_from_a_trusted_proxy(
    client, signup_event, trusted_proxy, monkeypatch
):
    monkeypatch.setattr(SignupForm, "rate_limit", 3)
    event = signup_event(capacity=50, questions=False)
    url = reverse("registrations:signup", args=[event.pk])
    # Behind the proxy, four residents are four addresses…
    for n in range(4):
        response = client.post(url, _signup_data(n), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        assert response.status_code == 302
    # …but a client elsewhere cannot pick a new address for each attempt.
    statuses = [
        client.post(
            url, _signup_data(10 + n), REMOTE_ADDR="192.0.2.66", HTTP_X_FORWARDED_FOR=f"203.0.113.{50 + n}"
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 200]
    assert Registration.objects.filter(event=event).count() == 7


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        ("192.0.2.1", "203.0.113.9", "192.0.2.1"),  # not a proxy: the header is ignored
        (PROXY, "203.0.113.9", "203.0.113.9"),
        (PROXY, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own forged entry is left of it
        (PROXY, "203.0.113.9, 10.0.0.7", "203.0.113.9"),  # two proxies of ours
        (PROXY, "", PROXY),
        (PROXY, "203.0.113.9, not-an-address", PROXY),
        (PROXY, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(trusted_proxy, remote, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert ratelimit.client_ip(request) == expected


def test_client_address_without_trusted_proxies_ignores_the_header(settings):
    settings.KUULU_TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert ratelimit.client_ip(request) == PROXY


def test_login_lockout_locks_the_username_and_address_pair_only(client, superuser, django_user_model):
    """django-axes locks per username and address: five wrong passwords for one account do not
    lock another staff member signing in from the same address (the city's proxy)."""
    django_user_model.objects.create_superuser("toimittaja", "toimittaja@example.org", "toimittajan-salasana")
    office = {"REMOTE_ADDR": "198.51.100.4"}
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"}, **office)
    right = {"username": "admin", "password": "correct-horse-battery"}
    assert client.post("/admin/login/", right, **office).status_code == 429
    other = {"username": "toimittaja", "password": "toimittajan-salasana"}
    assert client.post("/admin/login/", other, **office).status_code == 302


def test_login_lockout_behind_the_proxy_locks_only_the_attackers_address(client, superuser, trusted_proxy):
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "wrong"}, **attacker)
    right = {"username": "admin", "password": "correct-horse-battery"}
    assert client.post("/admin/login/", right, **attacker).status_code == 429
    # The staff member, through the same proxy from another address, still gets in.
    staff = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.4"}
    assert client.post("/admin/login/", right, **staff).status_code == 302
