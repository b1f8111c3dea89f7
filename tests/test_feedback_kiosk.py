"""Issue 13: kiosk mode for a pop-up stand's shared tablet (feedback.kiosk).

Staff start a kiosk with a PIN; the device then takes one answer after another to that poll or
event feedback, each marked as a kiosk answer, with no per-device cookie or per-address limit;
the PIN ends it, and after that the per-device rule applies again."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.forms import EventFeedbackForm, PollForm
from feedback.models import EventFeedback, PollResponse
from tests.test_feedback_polls import _answer_data

pytestmark = pytest.mark.django_db

PIN = "4321"


def _start_kiosk(admin_client, kind, pk):
    url = reverse("feedback_admin:kiosk_start", args=[kind, pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="pin"' in page.content.decode()
    mismatch = admin_client.post(url, {"pin": PIN, "pin_again": "9999"})
    assert mismatch.status_code == 400 and "PIN-koodit eroavat." in mismatch.content.decode()
    response = admin_client.post(url, {"pin": PIN, "pin_again": PIN})
    assert response.status_code == 302
    # The staff member is logged out on the tablet.
    assert admin_client.get("/admin/").status_code == 302
    return response["Location"]


def _poll_answer(poll):
    return _answer_data(poll, single="1", multiple=["0"], scale="4", text="Penkkejä")


def test_twenty_poll_answers_from_one_kiosk_are_saved_and_marked(admin_client, poll, monkeypatch):
    monkeypatch.setattr(PollForm, "rate_limit", 3)  # the per-address limit does not apply in a kiosk
    url = reverse("feedback:poll", args=[poll.pk])
    assert _start_kiosk(admin_client, "poll", poll.pk) == url
    for n in range(20):
        response = admin_client.post(url, _poll_answer(poll), REMOTE_ADDR="198.51.100.20")
        assert response.status_code == 302 and response["Location"] == f"{url}?saved=1", n
    assert PollResponse.objects.filter(poll=poll, channel="kiosk").count() == 20
    assert poll.cookie_name not in admin_client.cookies
    html = admin_client.get(f"{url}?saved=1").content.decode()
    assert "Kiitos! Vastauksesi tallentui. Lomake on valmis seuraavalle." in html
    assert 'role="status"' in html and "<form" in html  # ready for the next person

    # Staff results count the answers by channel; the CSV names it.
    staff = admin_client.__class__()
    staff.force_login(_superuser())
    results = staff.get(reverse("feedback_admin:poll", args=[poll.pk])).content.decode()
    assert "Kioski 20" in results
    csv_lines = staff.get(reverse("feedback_admin:poll_csv", args=[poll.pk])).content.decode("utf-8-sig")
    assert all(line.endswith(",Kioski") for line in csv_lines.splitlines()[1:])

    # The PIN ends the kiosk; a wrong one does not.
    end = reverse("feedback:kiosk_end")
    wrong = admin_client.post(end, {"pin": "0000"})
    assert wrong.status_code == 400 and "Väärä PIN-koodi. Kioski on yhä päällä." in wrong.content.decode()
    assert admin_client.post(end, {"pin": PIN}).status_code == 200
    # Now the device is an ordinary browser: one answer, then the per-device rule.
    assert admin_client.post(url, _poll_answer(poll)).status_code == 302
    again = admin_client.post(url, _poll_answer(poll))
    assert "Olet jo vastannut tähän kyselyyn tällä laitteella." in again.content.decode()
    assert PollResponse.objects.filter(poll=poll).count() == 21
    assert PollResponse.objects.filter(poll=poll, channel="online").count() == 1


def _superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="admin")


def test_twenty_feedback_answers_from_one_kiosk_are_saved_and_marked(admin_client, make_event, monkeypatch):
    monkeypatch.setattr(EventFeedbackForm, "rate_limit", 3)
    started = timezone.now() - timedelta(minutes=30)  # on now: sessions expire in real time
    event = make_event(start=started)
    other = make_event(start=started)
    url = _start_kiosk(admin_client, "event", event.pk)
    assert url == event.url + event.reverse_subpage("feedback")
    for n in range(20):
        response = admin_client.post(url, {"rating": str(1 + n % 5), "good": f"Hyvä {n}", "develop": ""})
        assert response.status_code == 302 and response["Location"] == f"{url}?saved=1", n
    assert 'name="rating"' in admin_client.get(f"{url}?saved=1").content.decode()
    # The kiosk is for this event only: another event's form keeps the per-device rule.
    other_url = other.url + other.reverse_subpage("feedback")
    assert admin_client.post(other_url, {"rating": "5"}).status_code == 302
    assert "Kiitos" in admin_client.get(other_url).content.decode()
    assert admin_client.post(other_url, {"rating": "5"}).status_code == 200  # thanks page, not saved
    assert EventFeedback.objects.filter(event=event, channel="kiosk").count() == 20
    assert EventFeedback.objects.filter(event=other).count() == 1


def test_the_kiosk_end_page_without_a_kiosk_goes_home(client):
    assert client.get(reverse("feedback:kiosk_end")).status_code == 302


def test_starting_a_kiosk_needs_the_results_permission(client, poll, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    client.force_login(user)
    url = reverse("feedback_admin:kiosk_start", args=["poll", poll.pk])
    assert client.get(url).status_code == 302
    assert client.post(url, {"pin": PIN, "pin_again": PIN}).status_code == 302
    assert "kuulu_kiosk" not in client.session


def test_twenty_ideas_from_one_kiosk_are_saved_and_marked(admin_client, site_tree, monkeypatch):
    """An idea box at a pop-up: the kiosk takes idea after idea past the per-address limit, each
    marked kiosk and left on the page that holds the box; the PIN ends it, and then the kiosk
    page is gone (404). A page without an idea box cannot start one."""
    from feedback.forms import IdeaForm
    from feedback.models import Idea
    from home.models import StandardPage

    monkeypatch.setattr(IdeaForm, "rate_limit", 3)
    page = StandardPage(
        title="Puistot",
        slug="puistot-kioski",
        body=[("idea_box", {"heading": "Kerro ideasi puistoista", "text": ""})],
    )
    site_tree["fi"].add_child(instance=page)
    page.save_revision().publish()
    empty = site_tree["fi"].add_child(instance=StandardPage(title="Ei ideoita", slug="ei-ideoita"))

    staff = admin_client.__class__()
    staff.force_login(_superuser())
    explorer = staff.get(reverse("wagtailadmin_explore", args=[site_tree["fi"].pk])).content.decode()
    assert reverse("feedback_admin:idea_kiosk_start", args=[page.pk]) in explorer  # the "More" menu
    refused = staff.post(
        reverse("feedback_admin:idea_kiosk_start", args=[empty.pk]), {"pin": PIN, "pin_again": PIN}
    )
    assert refused.status_code == 302 and refused["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[empty.pk]
    )

    url = reverse("feedback:idea_kiosk")
    assert admin_client.get(url).status_code == 404  # not a kiosk yet
    assert _start_kiosk(admin_client, "idea", page.pk) == url
    form = admin_client.get(url).content.decode()
    assert "Kerro ideasi" not in form and f'action="{url}"' in form and "Lopeta kioski" in form
    for n in range(20):
        response = admin_client.post(url, {"text": f"Penkki numero {n}"}, REMOTE_ADDR="198.51.100.21")
        assert response.status_code == 302 and response["Location"] == f"{url}?saved=1", n
    ideas = Idea.objects.filter(page=page)
    assert ideas.count() == 20 and set(ideas.values_list("channel", flat=True)) == {"kiosk"}
    html = admin_client.get(f"{url}?saved=1").content.decode()
    assert "Kiitos! Vastauksesi tallentui. Lomake on valmis seuraavalle." in html
    empty_answer = admin_client.post(url, {"text": ""})
    assert empty_answer.status_code == 400 and "Kirjoita ideasi." in empty_answer.content.decode()

    listing = staff.get(reverse("wagtailsnippets_feedback_idea:list") + "?channel=kiosk").content.decode()
    assert "Penkki numero 19" in listing and "Kioski" in listing

    assert admin_client.post(reverse("feedback:kiosk_end"), {"pin": PIN}).status_code == 200
    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url, {"text": "Vielä yksi"}).status_code == 404
    assert Idea.objects.filter(page=page).count() == 20
