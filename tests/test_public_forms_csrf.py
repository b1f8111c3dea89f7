"""Issue 15: the forms embedded in public pages carry no per-visitor token, so the pages can be kept
by nginx or a CDN as they are; the browser's Fetch Metadata protects them instead (home/csrf.py).
Every such form: a post from another site is refused and saves nothing, the same post from the
site itself is accepted, and a client that is no browser (no Origin, no Sec-Fetch-Site) is too."""

import pytest
from django.test import Client
from django.urls import reverse

from feedback.models import Idea, PollResponse
from newsletters.models import Subscription
from registrations.models import Registration
from tests.test_feedback_polls import _answer_data

pytestmark = pytest.mark.django_db

FORGED = [
    {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://attacker.example"},
    {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "https://kuulu.attacker.example"},
    {"HTTP_SEC_FETCH_SITE": "cross-site"},  # no Origin at all
    {"HTTP_ORIGIN": "https://attacker.example"},  # a browser without Fetch Metadata
    {"HTTP_ORIGIN": "null"},  # a sandboxed frame or a data: page
]
GENUINE = [
    {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
    {"HTTP_SEC_FETCH_SITE": "none"},  # typed or bookmarked
    {"HTTP_ORIGIN": "http://testserver"},  # a browser without Fetch Metadata
    {},  # not a browser (curl, a partner's script): no browser to forge a request in
]


@pytest.fixture
def public_forms(signup_event, poll):
    """(name, url, data, model, page HTML that holds the form) of every form on public pages."""
    event = signup_event(capacity=3)
    return {
        "sign-up": (
            reverse("registrations:signup", args=[event.pk]),
            {"name": "Aino Asukas", "email": "aino@example.org", "q_tyopaja": "koulut", "consent": "on"},
            Registration,
            event.url,
        ),
        "newsletter": (
            "/fi/newsletters/",
            {"email": "aino@example.org", "consent": "on", "source": "home", "language": "fi"},
            Subscription,
            "/fi/newsletters/",
        ),
        "idea": (reverse("feedback:idea"), {"text": "Lisää penkkejä rantaan"}, Idea, None),
        "poll": (
            reverse("feedback:poll", args=[poll.pk]),
            _answer_data(poll, single="1", multiple=["0", "2"], scale="4", text="Lisää roskakoreja"),
            PollResponse,
            reverse("feedback:poll", args=[poll.pk]),
        ),
    }


@pytest.mark.parametrize("form", ["sign-up", "newsletter", "idea", "poll"])
def test_a_public_form_from_another_site_is_refused_and_from_the_site_accepted(public_forms, form):
    url, data, model, page_url = public_forms[form]
    if page_url:
        html = Client().get(page_url).content.decode()
        assert 'method="post"' in html and "csrfmiddlewaretoken" not in html
    for headers in FORGED:
        response = Client(enforce_csrf_checks=True).post(url, data, **headers)
        assert response.status_code == 403, headers
        assert not model.objects.exists(), headers
    for number, headers in enumerate(GENUINE):
        client = Client(enforce_csrf_checks=True)
        response = client.post(url, data, REMOTE_ADDR=f"198.51.100.{number + 1}", **headers)
        assert response.status_code == 302, (headers, response.content.decode()[:500])
        assert model.objects.exists(), headers
        model.objects.all().delete()


@pytest.mark.parametrize(
    "language, heading",
    [("fi", "Lomaketta ei lähetetty"), ("sv", "Formuläret skickades inte"), ("en", "The form was not sent")],
)
def test_a_refused_form_says_so_in_the_language_of_the_page(site_tree, language, heading):
    response = Client(enforce_csrf_checks=True).post(
        f"/{language}/newsletters/",
        {"email": "aino@example.org", "consent": "on"},
        HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_ORIGIN="https://attacker.example",
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{language}"' in html and f"<h1>{heading}</h1>" in html
    assert "DEBUG" not in html and "CSRF" not in html
    assert not Subscription.objects.exists()


def test_staff_forms_keep_djangos_token(client, superuser):
    # The admin and the staff views are never shared: Django's token check stays there.
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(superuser)
    response = strict.post(
        reverse("wagtailadmin_pages:add_subpage", args=[1]), {}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 403
