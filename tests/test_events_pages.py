"""Issue 3: the event page (facts, programme, follow-up, JSON-LD), editing rules, the home page
section, the API, the follow-ups report and the digital-screen view."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home import roles
from home.models import HomePage
from participation_pages.models import EventPage
from tests.fixtures_events import helsinki

pytestmark = pytest.mark.django_db

PROGRAMME = [
    (
        "item",
        {"start_time": "17:30", "title": "Kahvit ja yhteinen alustus", "kind": "common", "place": "Sali"},
    ),
    ("item", {"start_time": "18:15", "title": "Liikennepiste", "kind": "parallel", "place": "Luokka 1"}),
    ("item", {"start_time": "18:15", "title": "Koulupiste", "kind": "parallel", "place": "Luokka 2"}),
    ("item", {"start_time": "19:30", "title": "Yhteenveto", "kind": "common"}),
]


def json_ld(html):
    """The page's one schema.org Event (beside it, the breadcrumbs' BreadcrumbList, issue 12)."""
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    documents = [json.loads(script) for script in scripts]
    assert sorted(d["@type"] for d in documents) == ["BreadcrumbList", "Event"]
    return next(d for d in documents if d["@type"] == "Event")


def test_event_page_shows_time_place_accessibility_and_programme(client, make_event):
    event = make_event(
        title="Keskustan asukasilta",
        start=helsinki(2030, 3, 12, 17, 30),
        hours=3,
        mode=EventPage.AttendanceMode.MIXED,
        areas=["keskusta"],
        themes=["koulut"],
        programme=PROGRAMME,
        languages=["fi", "sv", "fse"],
        accessibility_services=["sign_language", "childcare"],
        organiser="Järvelän kaupunki, osallisuustiimi",
    )
    html = client.get(event.url).content.decode()
    assert "<h1>Keskustan asukasilta</h1>" in html
    assert "12.3.2030 klo 17.30–20.30" in html
    assert "Kirjastokatu 1<br>99100 Järvelä" in html
    assert "Esteetön kulku" in html
    assert 'href="https://meet.example.org/ilta"' in html
    assert 'href="/fi/vuosikello/?area=keskusta">Keskusta</a>' in html
    assert "Järvelän kaupunki, osallisuustiimi" in html
    assert html.count('class="programme__item programme__item--parallel"') == 2
    choice = re.search(r'<li class="programme__choice">.*?</ul>', html, re.S).group(0)
    assert "Liikennepiste" in choice and "Koulupiste" in choice and "Yhteenveto" not in choice
    assert f'href="{event.url}ics/"' in html
    assert "participation-symbol__label" in html


def test_json_ld_describes_the_event(client, make_event, event_refs):
    event = make_event(
        title="Hybridi-ilta",
        start=helsinki(2030, 10, 26, 18),
        end=helsinki(2030, 10, 27, 9),
        mode=EventPage.AttendanceMode.MIXED,
        languages=["fi", "fi-plain", "sv"],
        organiser="Järvelän kaupunki",
    )
    data = json_ld(client.get(event.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Hybridi-ilta"
    assert data["startDate"] == "2030-10-26T18:00:00+03:00"
    assert data["endDate"] == "2030-10-27T09:00:00+02:00"  # after summer time ended
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place"
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Kirjastokatu 1",
        "postalCode": "99100",
        "addressLocality": "Järvelä",
        "addressCountry": "FI",
    }
    assert place["geo"]["latitude"] == 61.5
    assert virtual == {"@type": "VirtualLocation", "url": "https://meet.example.org/ilta"}
    assert data["organizer"] == {"@type": "Organization", "name": "Järvelän kaupunki"}
    assert data["inLanguage"] == ["fi", "sv"]
    assert data["url"] == "http://testserver" + event.url


def test_json_ld_online_event_has_only_a_virtual_location_and_the_image(client, make_event):
    from demo.translation import demo_image

    image = demo_image("Testikuva", ["#000000", "#ffffff"], seed=5)
    event = make_event(mode=EventPage.AttendanceMode.ONLINE, image=image, image_alt="Kuvitus")
    data = json_ld(client.get(event.url).content.decode())
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/ilta"}
    assert data["image"].startswith("http://testserver/")
    assert data["inLanguage"] == "fi"


def test_json_ld_cannot_be_broken_out_of(client, make_event):
    event = make_event(title="</script><script>alert(1)</script>", summary="a & b <i>")
    html = client.get(event.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_cancelled_event_says_so_on_the_page_and_in_json_ld(client, make_event):
    event = make_event(
        title="Peruttu ilta", status=EventPage.Status.CANCELLED, mode=EventPage.AttendanceMode.MIXED
    )
    html = client.get(event.url).content.decode()
    assert 'class="event__status event__status--cancelled"' in html
    assert "participation-symbol__label" not in html
    assert 'href="https://meet.example.org/ilta"' not in html  # no link to a meeting that will not happen
    assert json_ld(html)["eventStatus"] == "https://schema.org/EventCancelled"


def test_follow_up_report_appears_with_its_three_parts_once_published(client, make_event):
    event = make_event(
        title="Mennyt ilta",
        start=timezone.now() - timedelta(days=20),
        follow_up_what_happened="<p>Paikalla oli 40 asukasta.</p>",
        follow_up_take_along="<p>Pyörätie valaistaan.</p>",
        follow_up_still_develop="<p>Etäyhteyden ääni.</p>",
        follow_up_published_at=timezone.localdate() + timedelta(days=2),
    )
    html = client.get(event.url).content.decode()
    assert "Paikalla oli 40 asukasta." not in html  # not before its publication date
    event.follow_up_published_at = timezone.localdate()
    event.save_revision().publish()
    html = client.get(event.url).content.decode()
    section = re.search(r'<section class="follow-up".*?</section>', html, re.S).group(0)
    for text in ("Paikalla oli 40 asukasta.", "Pyörätie valaistaan.", "Etäyhteyden ääni."):
        assert text in section
    assert section.count("<h3>") == 3
    assert 'href="#follow-up-heading"' in html


def test_series_events_are_linked_to_each_other(client, make_event):
    spring = make_event(title="Kevään yhdistystreffit", start=helsinki(2030, 4, 2, 18), series=True)
    autumn = make_event(title="Syksyn yhdistystreffit", start=helsinki(2030, 10, 1, 18), series=True)
    html = client.get(spring.url).content.decode()
    series = re.search(r'<section class="series".*?</section>', html, re.S).group(0)
    assert f'href="{autumn.url}">Syksyn yhdistystreffit</a>' in series
    assert "?series=yhdistystreffit" in html


def _admin_form(calendar, event_refs, **overrides):
    data = {
        "title": "Uusi asukasilta",
        "slug": "uusi-asukasilta",
        "event_format": event_refs["formats"]["asukasilta"].pk,
        "summary": "Tervetuloa!",
        "start": "2030-03-12 18:00",
        "end": "2030-03-12 17:00",
        "status": "EventScheduled",
        "attendance_mode": "OfflineEventAttendanceMode",
        "venue": event_refs["venue"].pk,
        "participation_symbol": "on",
        "area_links": inline_formset([{"area": event_refs["areas"]["keskusta"].pk}]),
        "theme_links": inline_formset([]),
        "description": rich_text(""),
        "programme": streamfield([]),
        "follow_up_what_happened": rich_text(""),
        "follow_up_take_along": rich_text(""),
        "follow_up_still_develop": rich_text(""),
        "comments": inline_formset([]),
        "registration_questions": inline_formset([]),
        "max_group_size": 1,
        "reminder_hours_before": 24,
        "retention_days": 30,
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_gets_a_clear_error_when_the_event_ends_before_it_starts(
    admin_client, calendar_page, event_refs
):
    calendar = calendar_page["fi"]
    url = reverse("wagtailadmin_pages:add", args=["participation_pages", "eventpage", calendar.pk])
    response = admin_client.post(url, _admin_form(calendar, event_refs))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tapahtuman täytyy päättyä alkamisensa jälkeen." in html
    assert 'value="Uusi asukasilta"' in html  # nothing typed is lost
    assert not EventPage.objects.filter(slug="uusi-asukasilta").exists()

    response = admin_client.post(
        url, _admin_form(calendar, event_refs, end="2030-03-12 20:00", **{"action-publish": "1"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="uusi-asukasilta")
    assert event.live and [a.slug for a in event.areas] == ["keskusta"]


def test_in_person_event_needs_a_venue_and_online_event_a_link(make_event, calendar_page):
    from django.core.exceptions import ValidationError

    event = EventPage(
        title="x",
        summary="x",
        start=helsinki(2030, 1, 1, 18),
        end=helsinki(2030, 1, 1, 20),
        attendance_mode=EventPage.AttendanceMode.MIXED,
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert set(error.value.message_dict) == {"venue", "online_url"}


def test_home_page_lists_next_events_with_symbol_and_status(client, site_tree, make_event):
    now = timezone.now()
    make_event(title="Mennyt", start=now - timedelta(days=2))
    make_event(title="Seuraava", start=now + timedelta(days=1))
    make_event(title="Peruttu", start=now + timedelta(days=2), status=EventPage.Status.CANCELLED)
    make_event(title="Tiedotus", start=now + timedelta(days=3), symbol=False)
    make_event(title="Kaukana", start=now + timedelta(days=90))
    home = HomePage.objects.get(pk=site_tree["fi"].pk)
    home.body = [("upcoming_events", {"heading": "Tulevat tapahtumat", "count": 3, "more_page": None})]
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    section = re.search(r'<section class="section".*?</section>', html, re.S).group(0)
    titles = re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', section)
    assert titles == ["Seuraava", "Peruttu", "Tiedotus"]
    cards = section.split('<li class="card card--media')[1:]
    assert "participation-symbol" in cards[0]
    assert "participation-symbol" not in cards[1] and "participation-symbol" not in cards[2]
    assert '<p class="badge">' in cards[1]


def test_api_exposes_events_with_structured_fields_and_filters(client, make_event):
    make_event(
        title="Keskustan ilta", start=helsinki(2030, 2, 1, 18), areas=["torinranta"], themes=["koulut"]
    )
    make_event(title="Pohjoisen pop up", start=helsinki(2030, 3, 1, 12), format="pop-up", areas=["koivikko"])
    response = client.get("/api/v2/events/", {"locale": "fi", "area": "keskusta"})
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert [i["title"] for i in items] == ["Keskustan ilta"]
    item = items[0]
    assert item["start"].startswith("2030-02-01T")
    assert item["status"] == "EventScheduled"
    assert item["attendance_mode"] == "OfflineEventAttendanceMode"
    assert item["event_format"]["slug"] == "asukasilta"
    assert item["areas"] == [{"slug": "torinranta", "name": "Torinranta", "major_area": "keskusta"}]
    assert item["themes"] == [{"slug": "koulut", "name": "Koulut ja päiväkodit"}]
    assert item["venue"]["street_address"] == "Kirjastokatu 1"
    all_items = client.get("/api/v2/events/", {"locale": "fi"}).json()["items"]
    assert [i["title"] for i in all_items] == ["Keskustan ilta", "Pohjoisen pop up"]
    assert client.get("/api/v2/events/", {"area": "atlantis"}).status_code == 400


def test_follow_ups_due_report_lists_past_events_without_a_follow_up(admin_client, make_event):
    from django.contrib.auth.models import Permission
    from django.test import Client

    past = timezone.now() - timedelta(days=10)
    make_event(title="Raportti puuttuu", start=past)
    make_event(
        title="Raportti julkaistu",
        start=past,
        follow_up_what_happened="<p>Hyvä ilta.</p>",
        follow_up_published_at=timezone.localdate(),
    )
    make_event(title="Peruttu", start=past, status=EventPage.Status.CANCELLED)
    make_event(title="Tulossa", start=timezone.now() + timedelta(days=3))
    url = reverse("participation_pages_follow_ups_due")
    html = admin_client.get(url).content.decode()
    assert "Raportti puuttuu" in html
    for title in ("Raportti julkaistu", "Peruttu", "Tulossa"):
        assert title not in html
    assert "follow-ups-due" in admin_client.get(reverse("wagtailadmin_home")).content.decode()  # in the menu

    # anonymous people are sent to log in, and someone without page permissions is refused
    anonymous = Client()
    assert anonymous.get(url).status_code == 302
    user = get_user_model().objects.create_user("lukija", "lukija@example.com", "pw-lukija-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    reader = Client()
    reader.force_login(user)
    response = reader.get(url)
    assert response.status_code in (302, 403)
    assert "Raportti puuttuu" not in response.content.decode()


def test_editors_see_the_report_in_the_reports_menu(client, make_event):
    editor = get_user_model().objects.create_user("toimittaja", "t@example.com", "pw-toimittaja-123")
    editor.groups.add(roles.group("editors"))
    client.force_login(editor)
    response = client.get(reverse("participation_pages_follow_ups_due"))
    assert response.status_code == 200


def test_screen_view_shows_next_events_large_without_navigation(client, calendar_page, make_event):
    now = timezone.now()
    make_event(title="Mennyt", start=now - timedelta(days=1))
    make_event(title="Keskustan ilta", start=now + timedelta(days=1), areas=["asemanseutu"])
    make_event(title="Pohjoisen ilta", start=now + timedelta(days=2), areas=["koivikko"])
    make_event(title="Peruttu", start=now + timedelta(days=3), status=EventPage.Status.CANCELLED)
    url = calendar_page["fi"].url + "screen/"
    response = client.get(url)
    html = response.content.decode()
    assert response["Refresh"] == "300"
    assert re.findall(r'<h2 class="screen__event-title">([^<]+)</h2>', html) == [
        "Keskustan ilta",
        "Pohjoisen ilta",
    ]
    assert "main-nav" not in html and "site-footer" not in html and "breadcrumbs" not in html
    filtered = client.get(url, {"area": "keskusta"}).content.decode()
    assert re.findall(r'<h2 class="screen__event-title">([^<]+)</h2>', filtered) == ["Keskustan ilta"]
    assert "refresh=off" in filtered
    stopped = client.get(url, {"area": "keskusta", "refresh": "off"})
    assert "Refresh" not in stopped


def test_editor_can_preview_a_new_event_before_saving(admin_client, calendar_page, event_refs):
    calendar = calendar_page["fi"]
    url = reverse("wagtailadmin_pages:preview_on_add", args=["participation_pages", "eventpage", calendar.pk])
    data = _admin_form(calendar, event_refs, end="2030-03-12 20:00")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"]
    preview = admin_client.get(url).content.decode()
    assert "<h1>Uusi asukasilta</h1>" in preview
    assert json_ld(preview)["name"] == "Uusi asukasilta"


def test_editor_can_preview_a_new_calendar(admin_client, site_tree):
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["participation_pages", "calendarpage", site_tree["fi"].pk]
    )
    data = nested_form_data(
        {
            "title": "Uusi kalenteri",
            "slug": "uusi-kalenteri",
            "introduction": "Tervetuloa.",
            "comments": inline_formset([]),
        }
    )
    assert admin_client.post(url, data).json()["is_valid"]
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "Uusi kalenteri" in preview.content.decode()


def test_editor_picks_a_format_colour_and_a_too_light_one_is_refused(admin_client, event_refs):
    fmt = event_refs["formats"]["asukasilta"]
    url = reverse("wagtailsnippets_participation_pages_eventformat:edit", args=[fmt.pk])
    assert 'type="color"' in admin_client.get(url).content.decode()
    data = {"name": fmt.name, "slug": fmt.slug, "description": "", "colour": "#fff5cc", "sort_order": 0}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Väri on liian vaalea erottuakseen vuosikellossa." in response.content.decode()
    fmt.refresh_from_db()
    assert fmt.colour == "#0b3d91"
    assert admin_client.post(url, {**data, "colour": "#5a2d82"}).status_code == 302
    fmt.refresh_from_db()
    assert fmt.colour == "#5a2d82"
