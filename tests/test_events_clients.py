"""Issue 12: the calendar's iCalendar, RSS and Atom read with other people's parsers (Mozilla
ical.js through Node, python icalendar, feedparser) give the same events and times (the times
over four years of evenings: test_events_clients_timezones.py)."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from icalendar import Calendar

from participation_pages.models import EventPage

pytestmark = pytest.mark.django_db


def test_calendar_uid_is_stable_and_refresh_interval_is_a_duration(client, calendar_page, make_event):
    make_event(title="Ilta")
    base = calendar_page["fi"].url + "ical/"
    first, second = (Calendar.from_ical(client.get(base).content) for _ in range(2))
    assert first["UID"] == second["UID"]
    assert Calendar.from_ical(client.get(base, {"area": "keskusta"}).content)["UID"] != first["UID"]
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in client.get(base).content.decode()


@pytest.mark.parametrize(
    "status, word",
    [(EventPage.Status.POSTPONED, "Siirretty myöhemmäksi"), (EventPage.Status.RESCHEDULED, "Uusi ajankohta")],
)
def test_postponed_and_rescheduled_events_say_so_in_the_title(
    client, calendar_page, make_event, status, word
):
    event = make_event(title="Asukasilta", status=status)
    (vevent,) = Calendar.from_ical(client.get(event.url + "ics/").content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == f"{word}: Asukasilta"


@pytest.mark.parametrize("feed", ["ical/", "rss/", "atom/"])
def test_a_second_request_with_the_first_ones_validators_gets_304(client, calendar_page, make_event, feed):
    make_event(title="Pian", start=timezone.now() + timedelta(days=2))
    url = calendar_page["fi"].url + feed
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    if first.has_header("Last-Modified"):
        assert client.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304
    # A change to an event is a new document.
    make_event(title="Myöhemmin", start=timezone.now() + timedelta(days=4))
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_event_ics_answers_304_to_its_own_etag(client, make_event):
    event = make_event(title="Ilta")
    first = client.get(event.url + "ics/")
    assert client.get(event.url + "ics/", headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_news_rss_answers_304_to_its_own_validators(client, news_index, make_article):
    """Every RSS feed, the news index's too (it sent neither ETag nor Last-Modified)."""
    make_article("Uutinen")
    url = news_index["fi"].url + "rss/"
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304
    assert client.get(url, {"tag": "atlantis"}, headers={"If-None-Match": first["ETag"]}).status_code == 400
    make_article("Toinen uutinen")
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_atom_is_valid_rfc_4287(client, calendar_page, make_event):
    make_event(
        title=("Pian", "Snart", "Soon"), start=timezone.now() + timedelta(days=2), translate_to_all=True
    )
    feeds = {
        code: feedparser.parse(client.get(calendar_page[code].url + "atom/").content) for code in ("fi", "sv")
    }
    for feed in feeds.values():
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert feed.version == "atom10"
        # §4.1.1: id, title, updated and an author on the feed (or on every entry)
        assert feed.feed.id and feed.feed.title and feed.feed.updated
        assert feed.feed.author_detail.name
        (entry,) = feed.entries
        # §4.1.2, §4.2.6: every entry has an IRI id, a title, updated and an alternate link
        assert entry.id.startswith("urn:uuid:")
        assert entry.title and entry.updated and entry.link.startswith("http://testserver/")
    assert feeds["fi"].entries[0].id != feeds["sv"].entries[0].id
    again = feedparser.parse(client.get(calendar_page["fi"].url + "atom/").content)
    assert again.entries[0].id == feeds["fi"].entries[0].id


def test_rss_is_valid(client, calendar_page, make_event):
    make_event(title="Pian", start=timezone.now() + timedelta(days=2))
    feed = feedparser.parse(client.get(calendar_page["fi"].url + "rss/").content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert [entry.title.split(" (")[0] for entry in feed.entries] == ["Pian"]


def _sequences(client, event):
    """{where: SEQUENCE} of `event` in the calendar feed and in its .ics in every language."""
    from participation_pages.models import CalendarPage

    calendar = CalendarPage.objects.get(locale=event.locale)
    feed = Calendar.from_ical(client.get(calendar.url + "ical/").content)
    found = {
        "feed": [
            int(e["SEQUENCE"])
            for e in feed.walk("VEVENT")
            if str(e["UID"]).startswith(str(event.translation_key))
        ]
    }
    for language, page in event.translations.items():
        page.refresh_from_db()
        [vevent] = Calendar.from_ical(client.get(page.url + "ics/").content).walk("VEVENT")
        found[language] = [int(vevent["SEQUENCE"])]
    return found


def test_sequence_counts_published_changes_to_time_place_or_status_in_every_language(client, make_event):
    """RFC 5545 §3.8.7.4: a draft or an edit of other fields leaves SEQUENCE; a published change
    of time, place or status raises it by one, alike in the feed and every language's .ics."""
    from participation_pages.models import Venue

    event = make_event(start=timezone.now() + timedelta(days=5), translate_to_all=True)
    assert set(map(tuple, _sequences(client, event).values())) == {(0,)}

    event.start += timedelta(hours=1)
    event.end += timedelta(hours=1)
    event.save_revision()  # a draft: nothing published changed
    event.refresh_from_db()
    assert set(map(tuple, _sequences(client, event).values())) == {(0,)}

    event.summary = "Uusi kuvaus, sama aika ja paikka."
    event.save_revision().publish()
    assert set(map(tuple, _sequences(client, event).values())) == {(0,)}

    event.start += timedelta(hours=1)
    event.end += timedelta(hours=1)
    event.save_revision().publish()
    assert set(map(tuple, _sequences(client, event).values())) == {(1,)}

    event.venue = Venue.objects.create(
        name="Uusi sali", street_address="Torikatu 1", postcode="99100", city="Järvelä", locale=event.locale
    )
    event.save_revision().publish()
    assert set(map(tuple, _sequences(client, event).values())) == {(2,)}

    event.status = EventPage.Status.POSTPONED
    event.save_revision().publish()
    assert set(map(tuple, _sequences(client, event).values())) == {(3,)}


def test_organizer_is_the_contact_persons_public_address(client, make_event):
    from directory.models import Person

    person = Person.objects.create(name="Olli Organisoija", kind=Person.Kind.STAFF, email="olli@example.fi")
    event = make_event(title="Kysely-ilta", organiser="Järvelän kaupunki", contact_person=person)
    [vevent] = Calendar.from_ical(client.get(event.url + "ics/").content).walk("VEVENT")
    assert str(vevent["ORGANIZER"]) == "mailto:olli@example.fi"
    assert vevent["ORGANIZER"].params["CN"] == "Järvelän kaupunki"
    [vevent] = Calendar.from_ical(client.get(make_event(title="Ilman").url + "ics/").content).walk("VEVENT")
    assert "ORGANIZER" not in vevent
