"""Issue 10: the demo always shows every state a visitor should be able to try, in Finnish and
Swedish, whatever the day it was loaded: an event that ended yesterday and takes feedback, a
published follow-up report, a full event with a waiting list, a drop-in pop-up without sign-up,
a panel taking applications and a panel whose draw is published."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale

from directory.models import NetworkPage, OrganisationPage
from panels.models import ResidentPanelPage
from participation_pages.models import EventPage

pytestmark = pytest.mark.django_db


def ui(language, text):
    """An interface string as the site shows it in `language` (never the English msgid itself)."""
    with translation.override(language):
        translated = gettext(text)
    assert translated != text, (language, text)
    return translated


def version(page, language):
    """The `language` version of a Finnish demo page."""
    return page.get_translation(Locale.objects.get(language_code=language)).specific


def page_html(client, page, language):
    url = version(page, language).url
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def event(key_slug):
    return EventPage.objects.get(locale__language_code="fi", slug=key_slug)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_visitor_state_is_in_the_demo(demo, client, language):
    yesterday = timezone.localdate() - timedelta(days=1)
    ended = [
        e
        for e in EventPage.objects.filter(locale__language_code="fi")
        if timezone.localdate(e.end) == yesterday
    ]
    assert ended, "no demo event ended yesterday"
    html = page_html(client, ended[0], language)
    assert (
        ui(language, "Give feedback") in html
        and 'href="' + version(ended[0], language).url + 'feedback/"' in html
    )

    reported = event("asukasilta-keskusta-1")
    assert reported.shows_follow_up
    html = page_html(client, reported, language)
    assert ui(language, "What happened") in html
    assert {"fi": "Iltaan osallistui 46 asukasta", "sv": "I kvällen deltog 46 invånare"}[language] in html

    full = event("asukasilta-pohjoinen-3")
    html = page_html(client, full, language)
    assert ui(language, "The event is full.") in html and ui(language, "Join the waiting list") in html

    pop_up = event("pop-up-tori")
    assert not pop_up.registration_enabled and not pop_up.is_past
    html = page_html(client, pop_up, language)
    assert 'class="signup__form"' not in html and ui(language, "Sign up") not in html

    open_panel = ResidentPanelPage.objects.get(
        locale__language_code="fi", slug="nuorten-vapaa-ajan-asukaspaneeli"
    )
    html = page_html(client, open_panel, language)
    apply_url = version(open_panel, language).apply_url()
    assert f'href="{apply_url}"' in html and ui(language, "Fill in the application") in html
    assert client.get(apply_url).status_code == 200

    drawn = ResidentPanelPage.objects.get(
        locale__language_code="fi", slug="kestavan-kehityksen-asukaspaneeli"
    )
    assert drawn.published_draw() is not None
    results = version(drawn, language).transparency_url()
    response = client.get(results)
    assert response.status_code == 200
    assert "20250915" in response.content.decode()  # the published seed, so anyone can re-run the draw


def test_the_demo_city_is_one_place(demo, client):
    """Every association is Järvelä's, and so is every member of the association forum."""
    organisations = OrganisationPage.objects.select_related("municipality")
    assert organisations.exists()
    assert {o.municipality.name_fi for o in organisations} == {"Järvelä"}
    for prefix_word in ("Kuoroyhdistys", "Partiolaiset", "Mielenterveysseura", "Frisbeegolf"):
        assert organisations.filter(title__contains=prefix_word, locale__language_code="fi").exists(), (
            prefix_word
        )
    forum = NetworkPage.objects.get(locale__language_code="fi")
    members = [link.organisation.specific for link in forum.member_links.all()]
    assert members and all(m.municipality.name_fi == "Järvelä" for m in members)
    html = client.get(forum.url).content.decode()
    assert all(m.title in html for m in members)
