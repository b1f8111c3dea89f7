"""Issue 5: quick polls — at most four questions, anonymous answers, results, CSV."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from feedback.models import Poll, PollAnswer, PollResponse
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def _question(text, kind="text", options=()):
    return {"kind": kind, "text": text, "options": streamfield(list(options)), "required": ""}


def _admin_poll_data(count):
    return nested_form_data(
        {
            "title": "Viisi kysymystä",
            "introduction": "",
            "questions": streamfield([("question", _question(f"Kysymys {n}")) for n in range(1, count + 1)]),
            "show_results_after_answering": "on",
            "closes_at": "",
        }
    )


def _admin_language(user, code):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()


def test_admin_refuses_a_fifth_question_with_a_clear_message(admin_client, locales, superuser):
    _admin_language(superuser, "en")
    existing = list(Poll.objects.values_list("pk", flat=True))  # the shared site's poll
    url = reverse("wagtailsnippets_feedback_poll:add") + "?locale=fi"
    response = admin_client.post(url, _admin_poll_data(5))
    assert response.status_code == 200
    assert "A quick poll can have at most four questions. You have 5: remove 1." in response.content.decode()
    assert not Poll.objects.exclude(pk__in=existing).exists()

    response = admin_client.post(url, _admin_poll_data(4))
    assert response.status_code == 302
    assert len(Poll.objects.exclude(pk__in=existing).get().questions) == 4


def test_the_limit_message_is_translated(admin_client, locales, superuser):
    _admin_language(superuser, "fi")
    existing = list(Poll.objects.values_list("pk", flat=True))  # the shared site's poll
    response = admin_client.post(
        reverse("wagtailsnippets_feedback_poll:add") + "?locale=fi", _admin_poll_data(6)
    )
    message = "Pikakyselyssä voi olla enintään neljä kysymystä. Kysymyksiä on 6: poista 2."
    # The StreamField widget gets its errors as JSON, where "ä" is written \u00e4.
    html = response.content.decode()
    assert message in html or json.dumps(message)[1:-1] in html
    assert not Poll.objects.exclude(pk__in=existing).exists()


def _answer_data(poll, **values):
    data = {}
    for block_id, question in poll.question_list():
        key = question["kind"]
        if key in values:
            data[f"q_{block_id}"] = values[key]
    return data


def test_an_answer_stores_no_personal_data_and_a_cookie_stops_a_second_one(client, poll):
    url = reverse("feedback:poll", args=[poll.pk])
    page = client.get(url)
    assert "Puistokysely" in page.content.decode()
    response = client.post(
        url,
        _answer_data(poll, single="1", multiple=["0", "2"], scale="4", text="Lisää roskakoreja"),
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Testiselain/1.0",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:poll_results", args=[poll.pk])
    assert response.cookies[poll.cookie_name]["max-age"]

    response_row = PollResponse.objects.get()
    saved = {f.name for f in PollResponse._meta.get_fields()} | {
        f.name for f in PollAnswer._meta.get_fields()
    }
    assert not saved & {"ip", "ip_address", "user", "user_agent", "email", "name", "session"}
    row_values = [str(v) for v in PollResponse.objects.values().get().values()]
    row_values += [str(v) for a in PollAnswer.objects.values() for v in a.values()]
    assert not any("203.0.113.7" in v or "Testiselain" in v for v in row_values)
    assert response_row.language == "fi"
    assert sorted((-1 if a.choice is None else a.choice, a.text) for a in PollAnswer.objects.all()) == [
        (-1, "Lisää roskakoreja"),
        (0, ""),
        (1, ""),
        (2, ""),
        (4, ""),
    ]

    # The cookie is back with the browser: the form is gone and a second answer is not saved.
    again = client.get(url)
    assert "Olet jo vastannut tähän kyselyyn tällä laitteella" in again.content.decode()
    client.post(url, _answer_data(poll, single="0"))
    assert PollResponse.objects.count() == 1


def test_errors_keep_the_answers_and_show_the_summary(client, poll):
    url = reverse("feedback:poll", args=[poll.pk])
    response = client.post(url, _answer_data(poll, multiple=["1"], text="x" * 501))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Valitse yksi vaihtoehto." in html  # the required single choice
    assert "x" * 501 in html  # kept what was typed
    assert (
        'value="1" checked' in html
        or 'checked value="1"' in html
        or re.search(r'value="1"[^>]*checked', html)
    )
    assert not PollResponse.objects.exists()


def test_honeypot_and_rate_limit(client, poll, settings):
    url = reverse("feedback:poll", args=[poll.pk])
    response = client.post(url, {**_answer_data(poll, single="0"), "website_url": "http://spam.example"})
    assert response.status_code == 400
    assert not PollResponse.objects.exists()


def _seed(poll, answers):
    """answers: list of dicts kind -> value(s), saved through the form's own save()."""
    from feedback.forms import PollForm

    for values in answers:
        form = PollForm(_answer_data(poll, **values), poll=poll)
        assert form.is_valid(), form.errors
        form.save(language="fi")


SEEDED = [
    {"single": "0", "multiple": ["0", "1"], "scale": "5", "text": "Hyvä puisto"},
    {"single": "0", "multiple": ["1"], "scale": "4"},
    {"single": "2", "multiple": ["1", "2"], "scale": "4", "text": "Lisää valoa"},
    {"single": "1", "scale": "2"},
]


def test_results_page_counts_and_note_and_admin_csv(client, admin_client, poll):
    _seed(poll, SEEDED)
    # An answer given in Swedish counts towards the same poll.
    from feedback.forms import PollForm

    sv_poll = poll.translations["sv"]
    form = PollForm(_answer_data(sv_poll, single="2"), poll=sv_poll)
    assert form.is_valid()
    form.save(language="sv")

    poll.closed = True
    poll.save()
    html = client.get(reverse("feedback:poll_results", args=[poll.pk])).content.decode()
    assert "5 vastausta tähän mennessä." in html
    assert "Tämä on pikakysely, ei äänestys" in html  # not a vote count with identity checks
    # Single choice: on foot 2, by bike 1, by bus 2 (one in Swedish).
    counts = re.findall(r'data-count="(\d+)"', html)
    assert counts[:3] == ["2", "1", "2"]
    assert counts[3:6] == ["1", "3", "1"]  # benches, lighting, playground
    assert counts[6:11] == ["0", "1", "0", "2", "1"]  # scale 1–5
    assert "<td>2</td><td>40 %</td>" in html
    assert "Keskiarvo 3,8 / 5" in html
    assert "Hyvä puisto" not in html  # free texts are for staff

    admin = admin_client.get(reverse("feedback_admin:poll", args=[poll.pk])).content.decode()
    assert "5 answers" in admin or "5 vastausta" in admin
    assert "Hyvä puisto" in admin and "Lisää valoa" in admin

    response = admin_client.get(reverse("feedback_admin:poll_csv", args=[poll.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 6
    single = [r[3] for r in rows[1:]]
    assert single.count("Kävellen") == 2 and single.count("Bussilla") == 2 and single.count("Pyörällä") == 1
    assert rows[1][4] == "Penkkejä; Valaistusta"
    assert [r[5] for r in rows[1:]] == ["5", "4", "4", "2", ""]
    assert rows[1][6] == "Hyvä puisto"


def test_results_wait_for_closing_when_the_poll_says_so(client, make_poll):
    poll = make_poll(show_results_after_answering=False)
    url = reverse("feedback:poll", args=[poll.pk])
    response = client.post(url, _answer_data(poll, single="0"))
    assert response["Location"] == reverse("feedback:poll_thanks", args=[poll.pk])
    results = client.get(reverse("feedback:poll_results", args=[poll.pk]))
    assert results.status_code == 403
    assert "Tulokset julkaistaan, kun kysely on päättynyt." in results.content.decode()
    poll.closed = True
    poll.save()
    assert client.get(reverse("feedback:poll_results", args=[poll.pk])).status_code == 200
    # A closed poll takes no answers and links to its results.
    form_page = client.get(url).content.decode()
    assert "Tämä kysely on päättynyt." in form_page and "<form" not in form_page.split("<main")[1]


def test_results_page_of_an_open_poll_needs_an_answer_first(client, poll):
    assert client.get(reverse("feedback:poll_results", args=[poll.pk])).status_code == 403


def test_staff_results_need_permission(client, poll, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    denied = client.get(reverse("feedback_admin:poll", args=[poll.pk]))
    assert denied.status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_results"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(reverse("feedback_admin:poll", args=[poll.pk])).status_code == 200


def test_poll_block_and_poll_page_in_every_language(client, site_tree, poll, poll_page):
    page = StandardPage(
        title="Puisto",
        slug="puisto",
        body=[("poll", {"poll": poll})],
    )
    site_tree["fi"].add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Miten kuljet kirjastoon?" in html
    assert f'action="{reverse("feedback:poll", args=[poll.pk])}"' in html

    sv = client.get(poll_page["sv"].url).content.decode()
    assert "Hur tar du dig till biblioteket?" in sv and "Med cykel" in sv
    assert "Du kan delta" in sv  # participation symbol while open
