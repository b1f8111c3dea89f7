"""Issue 13: paper answers typed in by staff, the printable answer card and the attendee headcount
that gives drop-in events a response rate."""

import re

import pytest
from django.urls import reverse

from feedback.models import EventFeedback, PollResponse
from tests.test_feedback_polls import _answer_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def drop_in(make_event):
    return make_event(title="Pop-up torilla")  # 10 March 2030, no sign-ups


def test_a_paper_answer_typed_by_staff_is_in_the_results_and_the_report_with_its_channel(
    admin_client, drop_in
):
    url = reverse("feedback_admin:event_paper", args=[drop_in.pk])
    page = admin_client.get(url).content.decode()
    assert "Kuinka hyvin tapahtuma toimi sinulle?" in page and 'name="language"' in page
    # A card with no score: the error summary, and what was typed stays.
    bad = admin_client.post(url, {"rating": "", "good": "Kahvi", "develop": "", "language": "sv"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert 'id="error-summary"' in html and "Valitse numero 1–5." in html and "Kahvi" in html
    response = admin_client.post(
        url, {"rating": "4", "good": "Kahvi", "develop": "Isompi teltta", "language": "sv"}
    )
    assert response.status_code == 302 and response["Location"] == url
    answer = EventFeedback.objects.get(event=drop_in)
    assert (answer.channel, answer.language, answer.rating) == ("paper", "sv", 4)

    results = admin_client.get(reverse("feedback_admin:event", args=[drop_in.pk])).content.decode()
    assert "Paperilla, henkilökunnan syöttämä 1" in results and "Isompi teltta" in results
    csv_text = admin_client.get(reverse("feedback_admin:event_csv", args=[drop_in.pk])).content.decode(
        "utf-8-sig"
    )
    assert "Paperilla, henkilökunnan syöttämä" in csv_text

    report_url = reverse("feedback_admin:report") + "?start=2030-03-01&end=2030-03-31"
    report = admin_client.get(report_url).content.decode()
    assert re.findall(r'class="report__count">(\d+)<', report) == ["1"]
    assert re.findall(r'class="report__channels">([^<]+)<', report) == ["Paperilla, henkilökunnan syöttämä 1"]
    assert re.findall(r'class="report__rate">([^<]+)<', report) == ["–"]  # no headcount yet

    # The headcount gives the drop-in event its response rate.
    headcount_url = reverse("feedback_admin:headcount", args=[drop_in.pk])
    assert admin_client.post(headcount_url, {"attendees": "-1"}).status_code == 400
    assert admin_client.post(headcount_url, {"attendees": "20"}).status_code == 302
    report = admin_client.get(report_url).content.decode()
    assert re.findall(r'class="report__headcount">(\d+)<', report) == ["20"]
    assert re.findall(r'class="report__rate">([^<]+)<', report) == ["5 %"]


def test_paper_answers_to_a_poll(admin_client, poll):
    url = reverse("feedback_admin:poll_paper", args=[poll.pk])
    data = _answer_data(poll, single="1", multiple=["0"], scale="4", text="Paperilta")
    for _ in range(2):
        assert admin_client.post(url, data).status_code == 302
    assert PollResponse.objects.filter(poll=poll, channel="paper").count() == 2
    results = admin_client.get(reverse("feedback_admin:poll", args=[poll.pk])).content.decode()
    assert "Paperilla, henkilökunnan syöttämä 2" in results and "Paperilta" in results


def test_the_printable_card_has_the_three_questions_and_the_qr_code(client, drop_in):
    url = drop_in.url + drop_in.reverse_subpage("feedback_card")
    html = client.get(url).content.decode()
    assert html.count('class="card"') == 4  # A6, four to an A4 sheet
    for question in (
        "Kuinka hyvin tapahtuma toimi sinulle?",
        "Mikä oli hyvää?",
        "Mitä meidän pitäisi kehittää?",
    ):
        assert question in html
    assert html.count("<svg") >= 4 and "Tai vastaa verkossa:" in html
    assert client.get(url + "?size=a5").content.decode().count('class="card"') == 2


def test_paper_entry_needs_the_results_permission(client, drop_in, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", password="x"))
    url = reverse("feedback_admin:event_paper", args=[drop_in.pk])
    assert client.post(url, {"rating": "5", "language": "fi"}).status_code == 302
    assert not EventFeedback.objects.exists()
