"""Organisers' admin views, availability badges in listings, and the admin edit form."""

import csv
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from home.sections import items
from registrations import services
from registrations.models import Registration
from tests.fixtures_registrations import signup

S = Registration.Status


@pytest.fixture
def full_event(signup_event):
    event = signup_event(capacity=2)
    signup(
        event, "a@example.org", name="=HYPERLINK(1)", answers={"ruokavalio": "Kasvis", "tyopaja": "koulut"}
    )
    signup(event, "b@example.org", name="Bertta")
    signup(event, "c@example.org", name="Cecilia")  # waiting list
    services_cancel = __import__("registrations.services", fromlist=["cancel"]).cancel
    services_cancel(signup(event, "d@example.org", name="Daniel"))
    return event


def test_event_view_shows_counts_answers_and_lists(admin_client, full_event):
    html = admin_client.get(reverse("registrations_admin:event", args=[full_event.pk])).content.decode()
    assert '<dd id="count-confirmed">2</dd>' in html
    assert '<dd id="count-free">0</dd>' in html
    assert '<dd id="count-waitlisted">1</dd>' in html
    assert '<dd id="count-cancelled">1</dd>' in html
    assert "Ruokavalio" in html and "Kasvis" in html
    assert "Cecilia" in html and "Daniel" in html


def test_index_lists_events_with_counts(admin_client, full_event):
    html = admin_client.get(reverse("registrations_admin:index")).content.decode()
    assert full_event.title in html
    assert "<td>2</td><td>2</td><td>1</td><td>1</td>" in html


def test_csv_and_xlsx_exports_have_every_active_sign_up_with_answers(admin_client, full_event):
    response = admin_client.get(reverse("registrations_admin:export_csv", args=[full_event.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Tila", "Nimi", "Sähköposti"] and rows[0][-2:] == ["Ruokavalio", "Työpaja"]
    assert [r[1] for r in rows[1:]] == ["'=HYPERLINK(1)", "Bertta", "Cecilia"]  # no formula, no cancelled
    assert rows[1][-2:] == ["Kasvis", "Koulut"]

    response = admin_client.get(reverse("registrations_admin:export_xlsx", args=[full_event.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == rows[0]
    assert [r[1] for r in values[1:]] == ["'=HYPERLINK(1)", "Bertta", "Cecilia"]


def test_attendance_is_saved(admin_client, full_event):
    bertta = Registration.objects.get(name="Bertta")
    url = reverse("registrations_admin:attendance", args=[full_event.pk])
    assert admin_client.post(url, {"attended": [str(bertta.pk)]}).status_code == 302
    assert list(Registration.objects.filter(attended=True)) == [bertta]


def test_staff_add_a_phone_sign_up_which_waits_when_full(admin_client, full_event):
    url = reverse("registrations_admin:add", args=[full_event.pk])
    response = admin_client.post(
        url, {"name": "Puhelin Pekka", "phone": "040 1", "group_size": 1, "language": "fi"}
    )
    assert response.status_code == 302
    pekka = Registration.objects.get(name="Puhelin Pekka")
    assert (pekka.status, pekka.channel, pekka.email) == (S.WAITLISTED, "staff", "")
    response = admin_client.post(url, {"name": "Nobody", "group_size": 1, "language": "fi"})
    assert "Anna sähköpostiosoite tai puhelinnumero." in response.content.decode()


def test_staff_cancel_a_sign_up_for_the_person_and_the_head_of_the_queue_gets_the_seat(
    admin_client, full_event, django_capture_on_commit_callbacks
):
    """Issue 13: staff removal is one of the changes the waiting-list rule runs on, and the
    editor's "cancel sign-ups first" (seats below those taken) needs a way to do it."""
    from django.core import mail

    bertta = Registration.objects.get(name="Bertta")
    url = reverse("registrations_admin:cancel", args=[full_event.pk, bertta.pk])
    listing = admin_client.get(reverse("registrations_admin:event", args=[full_event.pk])).content.decode()
    assert f'href="{url}"' in listing
    page = admin_client.get(url).content.decode()
    assert "Bertta: vahvistettu paikka (1 henkilö)." in page and "Peru ilmoittautuminen" in page
    assert Registration.objects.get(pk=bertta.pk).status == S.CONFIRMED  # a GET changes nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert (statuses["Bertta"], statuses["Cecilia"]) == (S.CANCELLED, S.CONFIRMED)
    html = admin_client.get(response["Location"]).content.decode()
    assert "Henkilön Bertta ilmoittautuminen peruttiin." in html and "Cecilia" in html
    assert sorted(m.to[0] for m in mail.outbox) == ["b@example.org", "c@example.org"]
    # A cancelled sign-up cannot be cancelled again.
    assert admin_client.post(url, follow=True).status_code == 404


def test_views_need_the_permission(client, full_event):
    user = User.objects.create_user("editor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for name in ("index",):
        assert client.get(reverse(f"registrations_admin:{name}")).status_code in (302, 403)
    for name in ("event", "export_csv", "export_xlsx", "add"):
        response = client.get(reverse(f"registrations_admin:{name}", args=[full_event.pk]))
        assert response.status_code in (302, 403)
        assert b"a@example.org" not in response.content
    bertta = Registration.objects.get(name="Bertta")
    response = client.post(reverse("registrations_admin:cancel", args=[full_event.pk, bertta.pk]))
    assert response.status_code in (302, 403)
    assert Registration.objects.get(pk=bertta.pk).status == S.CONFIRMED
    group = Group.objects.create(name="Organisers")
    group.permissions.add(Permission.objects.get(codename="manage_registrations"))
    user.groups.add(group)
    response = client.get(reverse("registrations_admin:event", args=[full_event.pk]))
    assert response.status_code == 200 and "a@example.org" in response.content.decode()


def test_badges_in_the_calendar_and_home_cards(client, signup_event):
    free = signup_event(capacity=5, title=("Vapaa ilta", "Fri kväll", "Free evening"), translate_to_all=True)
    signup(free, "a@example.org", group_size=1)
    waiting = signup_event(capacity=1, title="Jonoilta")
    signup(waiting, "a@example.org")
    full = signup_event(capacity=1, waitlist_capacity=0, title="Täysi ilta")
    signup(full, "a@example.org")
    html = client.get(free.get_parent().url + "upcoming/").content.decode()
    assert "4 paikkaa jäljellä" in html and "Jonoon mahtuu" in html and "Täynnä" in html
    sv = client.get(free.translations["sv"].url).content.decode()
    assert "4 platser kvar." in sv  # the Swedish page counts the Finnish page's seats

    with translation.override("fi"):
        cards = {
            card.title: card.badge for card in items("upcoming_events", RequestFactory().get("/fi/"), 10)
        }
    assert cards["Vapaa ilta"] == "4 paikkaa jäljellä"


def test_listing_queries_do_not_grow_with_events_that_take_sign_ups(client, signup_event):
    def measure():
        url = event.get_parent().url + "upcoming/"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    event = signup_event(capacity=5, questions=False)
    signup(event, "a@example.org")
    few = measure()
    for i in range(8):
        signup(signup_event(capacity=5, questions=False), f"p{i}@example.org")
    assert measure() == few


def test_editor_sets_sign_up_and_an_extra_question_in_the_admin(admin_client, make_event):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    event = make_event(start=timezone.now() + timezone.timedelta(days=5))
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    assert "Ilmoittautuminen" in admin_client.get(url).content.decode()  # the Sign-up tab
    data = nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "event_format": event.event_format_id,
            "summary": event.summary,
            "start": timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M"),
            "end": timezone.localtime(event.end).strftime("%Y-%m-%d %H:%M"),
            "status": "EventScheduled",
            "attendance_mode": event.attendance_mode,
            "venue": event.venue_id,
            "area_links": inline_formset([]),
            "theme_links": inline_formset([]),
            "description": rich_text(""),
            "programme": streamfield([]),
            "follow_up_what_happened": rich_text(""),
            "follow_up_take_along": rich_text(""),
            "follow_up_still_develop": rich_text(""),
            "comments": inline_formset([]),
            "registration_enabled": "on",
            "capacity": 0,
            "max_group_size": 2,
            "reminder_hours_before": 24,
            "retention_days": 30,
            "registration_questions": inline_formset(
                [
                    {
                        "label": "Ruokavalio",
                        "field_type": "singleline",
                        "required": "",
                        "choices": "",
                        "default_value": "",
                        "help_text": "",
                    }
                ]
            ),
            "action-publish": "1",
        }
    )
    response = admin_client.post(url, data)
    assert "Anna vähintään yksi paikka" in response.content.decode()
    data["capacity"] = 20
    response = admin_client.post(url, data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.registration_enabled and event.capacity == 20
    assert [q.clean_name for q in event.registration_questions.all()] == ["ruokavalio"]


def test_feedback_report_gives_the_response_rate_from_confirmed_seats(admin_client, signup_event):
    from feedback.models import EventFeedback

    event = signup_event(capacity=10, max_group_size=3)
    signup(event, "a@example.com", group_size=3)
    signup(event, "b@example.com")
    cancelled = signup(event, "c@example.com")
    services.cancel(cancelled)
    for rating in (4, 5):
        EventFeedback.objects.create(event=event, rating=rating, language="fi")
    day = timezone.localtime(event.start).date()
    html = admin_client.get(reverse("feedback_admin:report") + f"?start={day}&end={day}").content.decode()
    assert re.findall(r'class="report__rate">([^<]+)<', html) == ["50 %"]
