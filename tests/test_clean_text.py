"""Issue 12: control characters (Word and PowerPoint put U+000B into copied text) are refused by
the admin's and public forms and, written to the database directly, never break an output."""

import csv
import io
import json
import re
from html import unescape

import feedparser
import pytest
from django.db import connection
from django.urls import reverse
from icalendar import Calendar
from lxml import etree

from directory.models import ArticlePage, OrganisationPage
from participation_pages.models import EventPage, Venue
from registrations.models import Registration
from tests import test_spreadsheet_exports as spreadsheet_tests
from tests.fixtures_directory import make_organisation
from tests.test_spreadsheet_exports import (  # noqa: F401 - fixtures the export test uses
    directory_open_data,
    event_feedback,
    follow_ups_due,
    panel_members,
    poll_answers,
    signups,
)

pytestmark = pytest.mark.django_db

CONTROL = ["\x0b", "\x0c", "\x00", "\ufffe"]


def stored_control():
    """What a database can hold: PostgreSQL refuses U+0000 in text itself."""
    return "".join(c for c in CONTROL if c != "\x00" or connection.vendor != "postgresql")


def admin_form_field(model, name):
    return model.get_edit_handler().get_form_class().base_fields[name]


@pytest.mark.parametrize("character", CONTROL, ids=[f"U+{ord(c):04X}" for c in CONTROL])
@pytest.mark.parametrize(
    "model, name",
    [
        (EventPage, "title"),
        (EventPage, "summary"),
        (Venue, "name"),
        (Venue, "accessibility_notes"),
        (OrganisationPage, "title"),
    ],
)
def test_admin_forms_refuse_control_characters(model, name, character):
    field = admin_form_field(model, name)
    with pytest.raises(Exception) as refused:
        field.clean(f"Asukas{character}ilta")
    assert refused.value.__class__.__name__ == "ValidationError"
    assert field.clean("Asukas-\tilta\r\nrivi") == "Asukas-\tilta\r\nrivi".strip()


def test_the_admin_says_what_is_wrong_and_keeps_the_text(admin_client, locales):
    url = reverse("wagtailsnippets_participation_pages_venue:add")
    response = admin_client.post(
        url,
        {
            "name": "Kirjasto\x0bsali",
            "street_address": "Testikatu 99",
            "postcode": "99100",
            "city": "Järvelä",
            "locale": locales["fi"].pk,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    # The admin speaks the default language, Finnish.
    assert "Poista tekstistä näkymätön ohjausmerkki U+000B" in html
    assert "Testikatu 99" in html
    assert not Venue.objects.filter(street_address="Testikatu 99", name__startswith="Kirjasto").exists()
    assert 'value="Kirjasto' in html


def test_control_characters_in_the_database_never_break_an_output(
    client, calendar_page, make_event, directory_page, shared_site
):
    bad = stored_control()
    event = make_event(title="Ilta", translate_to_all=False)
    EventPage.objects.filter(pk=event.pk).update(title=f"Asukas{bad}ilta", summary=f"Tule{bad} mukaan")
    Venue.objects.filter(pk=event.venue_id).update(name=f"Kirjasto{bad}sali")
    organisation = make_organisation(directory_page["fi"], title="Kuoro", municipality="091")
    OrganisationPage.objects.filter(pk=organisation.pk).update(
        title=f"Kallion{bad} kuoro", summary=f"Laulu{bad}"
    )
    calendar = calendar_page["fi"].url

    def ok(url, html=False, **params):
        response = client.get(url, params)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if not html:
            assert not any(c.encode() in body for c in bad), url
        return body

    for feed in ("rss/", "atom/"):
        parsed = feedparser.parse(ok(calendar + feed, area=""))
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
        assert [e.title.split(" (")[0] for e in parsed.entries if "Asukas" in e.title] == ["Asukasilta"]
        etree.fromstring(ok(calendar + feed))
    for ics in (ok(calendar + "ical/"), ok(event.url + "ics/")):
        (vevent,) = [e for e in Calendar.from_ical(ics).walk("VEVENT") if "Asukas" in str(e["SUMMARY"])]
        assert str(vevent["SUMMARY"]) == "Asukasilta"
        assert "Kirjastosali" in str(vevent["LOCATION"])
    page = ok(event.url, html=True).decode()
    documents = [
        json.loads(ld) for ld in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    ]
    (event_ld,) = [ld for ld in documents if ld["@type"] == "Event"]
    assert event_ld["name"] == "Asukasilta"
    assert all(
        ld["itemListElement"][-1]["name"] == "Asukasilta"
        for ld in documents
        if ld["@type"] == "BreadcrumbList"
    )
    items = json.loads(ok("/api/v2/events/", fields="venue"))["items"]
    assert any(item["title"].startswith("Asukas") for item in items)
    etree.fromstring(ok("/sitemap.xml"))
    rows = list(csv.reader(io.StringIO(ok(directory_page["fi"].url + "export/csv/").decode("utf-8-sig"))))
    assert any("Kallion kuoro" in row for row in rows)
    exported = json.loads(ok(directory_page["fi"].url + "export/json/"))
    assert "Kallion kuoro" in json.dumps(exported, ensure_ascii=False)
    # The organisation's and the event's own JSON-LD (json.loads refuses raw control characters).
    (organisation_ld,) = [
        ld for ld in json_ld(ok(organisation.url, html=True)) if ld["@type"] == "Organization"
    ]
    assert organisation_ld["name"] == "Kallion kuoro"
    assert "Kirjastosali" in json.dumps(event_ld["location"], ensure_ascii=False)
    assert "Kirjastosali" in json.dumps(items, ensure_ascii=False)


def json_ld(page):
    return [
        json.loads(ld)
        for ld in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.decode(), re.S)
    ]


def test_control_characters_in_an_article_never_break_the_news_feed_or_its_json_ld(
    client, news_index, make_article
):
    bad = stored_control()
    article = make_article("Uutinen", author="Aino")
    ArticlePage.objects.filter(pk=article.pk).update(
        title=f"Kuoro{bad} voitti", summary=f"Laulu{bad} soi", author=f"Aino{bad} Toimittaja"
    )
    feed = client.get(news_index["fi"].url + "rss/")
    assert feed.status_code == 200
    assert not any(c.encode() in feed.content for c in bad)
    etree.fromstring(feed.content)
    parsed = feedparser.parse(feed.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert [entry.title for entry in parsed.entries] == ["Kuoro voitti"]
    page = client.get(article.url)
    assert page.status_code == 200
    (news,) = [ld for ld in json_ld(page.content) if ld["@type"] == "NewsArticle"]
    assert news["headline"] == "Kuoro voitti"
    assert news["author"]["name"] == "Aino Toimittaja"


# Every CSV and XLSX export (tests/test_spreadsheet_exports.py fills each with these values).
@pytest.mark.parametrize(
    ("fixture", "extension", "route"),
    spreadsheet_tests.EXPORTS,
    ids=[f"{f}-{e}" for f, e, _r in spreadsheet_tests.EXPORTS],
)
def test_control_characters_in_the_database_never_break_an_export(
    admin_client, request, monkeypatch, fixture, extension, route
):
    values = [f"Asukas{c}ilta {n}" for n, c in enumerate(stored_control())]
    monkeypatch.setattr(spreadsheet_tests, "HOSTILE", values)
    url = spreadsheet_tests.export_url(fixture, route, request.getfixturevalue(fixture))
    _response, body = spreadsheet_tests.download(admin_client, url)
    cells = spreadsheet_tests.csv_cells(body) if extension == "csv" else spreadsheet_tests.xlsx_cells(body)
    assert not [cell for cell in cells if any(c in cell for c in CONTROL)]
    for n in range(len(values)):
        assert any(f"Asukasilta {n}" in cell for cell in cells), (n, cells)


def test_the_idea_box_refuses_a_control_character_and_keeps_the_text(client, site_tree):
    """A public form (home.forms.AbuseProtectedFormMixin): the error in the summary, translated,
    and the idea kept for the resident to correct."""
    from feedback.models import Idea

    response = client.post(reverse("feedback:idea"), {"text": "Lisää\x0bpenkkejä rantaan", "name": "Maija"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Poista tekstistä näkymätön ohjausmerkki U+000B" in html
    assert "penkkejä rantaan" in html and 'value="Maija"' in html
    assert not Idea.objects.exists()


def test_the_signup_form_refuses_a_control_character_in_a_name_or_an_answer(
    client, signup_event, django_capture_on_commit_callbacks
):
    from tests.test_registrations_signup import _post

    event = signup_event(capacity=3)
    for field, value, code in (
        ("name", "Aino\x0cAsukas", "U+000C"),
        ("q_ruokavalio", "Kasvis\ufffe", "U+FFFE"),
    ):
        response = _post(client, event, django_capture_on_commit_callbacks, **{field: value})
        assert response.status_code in (200, 400), field
        html = response.content.decode()
        assert 'id="error-summary"' in html, field
        assert f"Poista tekstistä näkymätön ohjausmerkki {code}" in html, field
        assert 'value="aino@example.org"' in html, field
    assert not Registration.objects.filter(event=event).exists()


def test_control_characters_in_the_database_never_reach_an_email(
    signup_event, django_capture_on_commit_callbacks
):
    """The sign-up confirmation quotes the event's title and venue, and attaches its .ics."""
    from django.core import mail

    from tests.fixtures_registrations import signup

    bad = stored_control()
    event = signup_event(capacity=3)
    EventPage.objects.filter(pk=event.pk).update(title=f"Asukas{bad}ilta")
    Venue.objects.filter(pk=event.venue_id).update(name=f"Kirjasto{bad}sali")
    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        signup(event, "a@example.org")
    [message] = mail.outbox
    parts = [message.subject, message.body, *(content for content, _type in message.alternatives)]
    parts += [
        content if isinstance(content, str) else content.decode() for _n, content, _t in message.attachments
    ]
    assert "Asukasilta" in message.subject
    for part in parts:
        assert not any(c in part for c in CONTROL), part
    assert any("Kirjastosali" in part for part in parts)


def test_every_streamfield_in_the_admin_refuses_control_characters_in_its_blocks():
    """StreamField blocks (headings, captions, quotes, table cells, rich text…) are text fields
    too; the message shows at the top of the stream."""
    from wagtail.blocks.stream_block import StreamBlockValidationError
    from wagtail.fields import StreamField
    from wagtail.models import get_page_models

    from home.models import StandardPage

    checked = []
    for model in get_page_models():
        fields = model.get_edit_handler().get_form_class().base_fields
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.name in fields:
                assert type(fields[field.name]).__name__ == "CleanTextBlockField", (model, field.name)
                checked.append(f"{model.__name__}.{field.name}")
    assert {"StandardPage.body", "EventPage.programme", "HomePage.body"} <= set(checked), checked

    body = StandardPage.get_edit_handler().get_form_class().base_fields["body"]
    heading = [{"type": "heading", "value": {"text": "Otsikko\x0bx", "level": "h2"}}]
    with pytest.raises(StreamBlockValidationError) as refused:
        body.clean(body.block.to_python(heading))
    assert "Poista tekstistä näkymätön ohjausmerkki U+000B" in str(refused.value.non_block_errors)
    quote = [{"type": "quote", "value": {"quote": "Hyvä\ufffe", "attribution": ""}}]
    with pytest.raises(StreamBlockValidationError):
        body.clean(body.block.to_python(quote))
    assert body.clean(
        body.block.to_python([{"type": "heading", "value": {"text": "Otsikko", "level": "h2"}}])
    )


def test_the_page_editor_refuses_a_control_character_in_a_programme_item(
    admin_client, calendar_page, event_refs
):
    """Through Wagtail's page editor: the error is shown, the typed programme is kept, nothing is
    saved; without the character the same form publishes."""
    from wagtail.test.utils.form_data import streamfield

    from tests.test_events_pages import _admin_form

    calendar = calendar_page["fi"]
    url = reverse("wagtailadmin_pages:add", args=["participation_pages", "eventpage", calendar.pk])

    def form(title):
        item = {"start_time": "17:30", "title": title, "kind": "common", "place": "Sali"}
        return _admin_form(
            calendar,
            event_refs,
            end="2030-03-12 20:00",
            programme=streamfield([("item", item)]),
            **{"action-publish": "1"},
        )

    response = admin_client.post(url, form("Kahvit\x0bja alustus"))
    assert response.status_code == 200
    html = response.content.decode()
    # The editor's JavaScript draws the stream from this JSON: the typed item and the message.
    div = re.search(r'<div id="programme" data-block[^>]*>', html).group(0)
    value, errors = json.loads(unescape(re.search(r'data-w-block-arguments-value="([^"]*)"', div).group(1)))
    assert "Kahvit\\u000bja alustus" in json.dumps(value)  # kept as typed
    assert errors["messages"] == [
        "Poista tekstistä näkymätön ohjausmerkki U+000B (se tulee usein Wordista tai PowerPointista "
        "kopioidun tekstin mukana)."
    ]
    assert not EventPage.objects.filter(slug="uusi-asukasilta").exists()
    assert admin_client.post(url, form("Kahvit ja alustus")).status_code == 302
    assert EventPage.objects.get(slug="uusi-asukasilta").programme[0].value["title"] == "Kahvit ja alustus"
