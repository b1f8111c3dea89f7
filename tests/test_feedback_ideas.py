"""Issue 5: the idea box — anonymous or with contact details, moderated list, retention."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from feedback.models import Idea
from feedback.personal_data import IdeaContactData
from home import periodic, personal_data
from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea_page(site_tree):
    page = StandardPage(
        title="Puistot",
        slug="puistot",
        body=[("idea_box", {"heading": "Kerro ideasi puistoista", "text": "Kaikki ideat luetaan."})],
    )
    site_tree["fi"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_idea_box_on_a_page_takes_an_anonymous_idea(client, idea_page):
    html = client.get(idea_page.url).content.decode()
    assert "Kerro ideasi puistoista" in html and f'action="{reverse("feedback:idea")}"' in html
    response = client.post(reverse("feedback:idea"), {"text": "Lisää penkkejä rantaan", "page": idea_page.pk})
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert "Kiitos ideastasi" in thanks and "Takaisin sivulle ”Puistot”" in thanks
    idea = Idea.objects.get()
    assert (idea.text, idea.name, idea.email, idea.page_id, idea.status) == (
        "Lisää penkkejä rantaan",
        "",
        "",
        idea_page.pk,
        "new",
    )


def test_errors_are_explained_and_input_kept(client, idea_page):
    response = client.post(
        reverse("feedback:idea"),
        {"text": "x" * 2001, "name": "Maija", "email": "ei-osoite", "page": idea_page.pk},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Ideasi on liian pitkä: enintään 2000 merkkiä." in html
    assert "Anna sähköpostiosoite muodossa nimi@esimerkki.fi." in html
    assert 'value="Maija"' in html and "x" * 2001 in html
    assert not Idea.objects.exists()
    spam = client.post(reverse("feedback:idea"), {"text": "Osta", "website_url": "http://spam.example"})
    assert spam.status_code == 400 and not Idea.objects.exists()


def test_rate_limit(client, idea_page):
    from feedback.forms import IdeaForm

    for n in range(IdeaForm.rate_limit):
        assert client.post(reverse("feedback:idea"), {"text": f"Idea {n}"}).status_code == 302
    response = client.post(reverse("feedback:idea"), {"text": "Yksi liikaa"})
    assert response.status_code == 400
    assert "Yhteydestäsi on tullut liian monta yritystä." in response.content.decode()
    assert Idea.objects.count() == IdeaForm.rate_limit


def test_moderated_list_and_status(admin_client, site_tree):
    idea = Idea.objects.create(
        text="Valoja polulle", name="Pekka", email="pekka@example.invalid", language="fi"
    )
    listing = admin_client.get(reverse("wagtailsnippets_feedback_idea:list")).content.decode()
    assert "Valoja polulle" in listing
    edit = reverse("wagtailsnippets_feedback_idea:edit", args=[idea.pk])
    response = admin_client.post(edit, {"status": "forwarded", "staff_note": "Kadut ja puistot"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.staff_note, idea.text, idea.email) == (
        "forwarded",
        "Kadut ja puistot",
        "Valoja polulle",
        "pekka@example.invalid",
    )


def test_contact_details_are_deleted_after_twelve_months_and_erasable(db):
    now = timezone.now()
    old = Idea.objects.create(
        text="Vanha", name="A", email="a@example.invalid", language="fi", created_at=now - timedelta(days=366)
    )
    fresh = Idea.objects.create(
        text="Uusi", name="A", email="A@example.invalid", language="fi", created_at=now
    )
    assert any(isinstance(p, IdeaContactData) for p in personal_data.providers())
    exported = IdeaContactData().export("a@example.invalid")
    assert sorted(e["idea"] for e in exported) == ["Uusi", "Vanha"]

    assert "feedback.erase_expired_idea_contacts" in periodic.jobs()
    periodic.jobs()["feedback.erase_expired_idea_contacts"]()
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.name, old.email, old.text) == ("", "", "Vanha") and old.contact_erased_at
    assert fresh.email == "A@example.invalid"
    with time_machine.travel(now + timedelta(days=366)):
        periodic.jobs()["feedback.erase_expired_idea_contacts"]()
    fresh.refresh_from_db()
    assert fresh.email == ""

    again = Idea.objects.create(text="Kolmas", name="B", email="b@example.invalid", language="fi")
    assert IdeaContactData().erase("B@example.invalid") == 1
    again.refresh_from_db()
    assert (again.name, again.email, again.text) == ("", "", "Kolmas")


def _hidden_pages(site_tree):
    """A draft, a scheduled (approved, not yet live) and a password-protected page."""
    from wagtail.models import PageViewRestriction

    home = site_tree["fi"]
    draft = StandardPage(title="Luonnos salaisesta hankkeesta", slug="luonnos", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    scheduled = StandardPage(
        title="Ajastettu tiedote", slug="ajastettu", live=False, go_live_at=timezone.now() + timedelta(days=3)
    )
    home.add_child(instance=scheduled)
    scheduled.save_revision().publish()
    private = StandardPage(title="Salasanalla suojattu sivu", slug="suojattu")
    home.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="salainen")
    return {"draft": draft, "scheduled": scheduled, "private": private}


@pytest.mark.parametrize("kind", ["draft", "scheduled", "private"])
def test_idea_form_and_thanks_answer_404_for_a_page_that_is_not_live_and_public(client, site_tree, kind):
    page = _hidden_pages(site_tree)[kind]
    page.refresh_from_db()
    assert not (page.live and kind != "private")  # the draft and the scheduled page are not live
    response = client.post(reverse("feedback:idea"), {"text": "Kerro lisää", "page": page.pk})
    assert response.status_code == 404
    assert page.title not in response.content.decode()
    assert not Idea.objects.exists()
    thanks = client.get(reverse("feedback:idea_thanks"), {"page": page.pk})
    assert thanks.status_code == 404 and page.title not in thanks.content.decode()


@pytest.mark.parametrize("value", ["abc", "1e30", "-1", "99999999999999999999", "12abc"])
def test_idea_form_and_thanks_answer_404_for_a_page_id_that_is_not_a_number(client, idea_page, value):
    """`page=abc` was a 500 (ValueError in the id lookup) on both views."""
    assert client.post(reverse("feedback:idea"), {"text": "Idea", "page": value}).status_code == 404
    assert client.get(reverse("feedback:idea_thanks"), {"page": value}).status_code == 404


def test_idea_thanks_without_a_page_still_thanks(client, idea_page):
    response = client.post(reverse("feedback:idea"), {"text": "Lisää penkkejä"})
    assert response.status_code == 302 and response["Location"] == reverse("feedback:idea_thanks")
    assert "Kiitos ideastasi" in client.get(response["Location"]).content.decode()


def test_the_idea_thanks_page_checks_its_page_against_the_private_sections_kept_between_requests(
    client, site_tree
):
    """Issue 15, the kind of the sign-up's waste: the views that take a page id from a public form
    (idea box, its thanks page, the kiosk) asked the database for the whole list of view
    restrictions (Wagtail's `.public()`) on every request. The list is kept by
    `home.page_cache.restricted_paths` and renewed when a restriction changes, so a page made
    private is refused at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    page = _hidden_pages(site_tree)["private"]
    PageViewRestriction.objects.filter(page=page).delete()
    thanks = reverse("feedback:idea_thanks")
    assert client.get(thanks, {"page": page.pk}).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get(thanks, {"page": page.pk})
    assert again.status_code == 200 and page.title in again.content.decode()
    assert not [query for query in queries if "wagtailcore_pageviewrestriction" in query["sql"]]
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert client.get(thanks, {"page": page.pk}).status_code == 404
    assert client.post(reverse("feedback:idea"), {"text": "Idea", "page": page.pk}).status_code == 404
    assert not Idea.objects.exists()


def test_an_idea_posted_empties_neither_the_page_cache_nor_what_every_request_looks_up(
    client, idea_page, settings, django_capture_on_commit_callbacks
):
    """Ideas are snippets (staff read them in the admin), and every saved snippet emptied the
    whole page cache: a kiosk at a pop-up taking idea after idea made every page of the site be
    rendered again and every instance look up its sites and menus again. No page shows an idea."""
    from django.test import Client

    from home import page_cache

    settings.KUULU_PAGE_CACHE_SECONDS = 60
    reader = Client()
    assert reader.get(idea_page.url)["X-Cache"] == "MISS"
    assert reader.get(idea_page.url)["X-Cache"] == "HIT"
    computed = []
    page_cache.remember(("test-idea", 1), lambda: computed.append(1))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("feedback:idea"), {"text": "Lisää penkkejä", "page": idea_page.pk})
    assert response.status_code == 302 and Idea.objects.filter(text="Lisää penkkejä").exists()
    idea = Idea.objects.get(text="Lisää penkkejä")
    idea.status = Idea.Status.choices[-1][0]
    idea.save()  # a moderator handles it in the admin
    page_cache.remember(("test-idea", 1), lambda: computed.append(1))
    assert computed == [1]
    assert reader.get(idea_page.url)["X-Cache"] == "HIT"
