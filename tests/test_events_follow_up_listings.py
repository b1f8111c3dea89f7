"""Issue 13: past events in listings say that their follow-up report is published and link to it
(the calendar's past view, a network's earlier meetings, a topic's ways to take part), without a
query per event."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation_pages.models import EventPage

pytestmark = pytest.mark.django_db

REPORT = {"follow_up_what_happened": "<p>Kuulimme teitä.</p>"}


def follow_up_links(html):
    """{event title: href} of every "Follow-up report published" mark."""
    pattern = r'<a href="([^"]+)">(?:Seurantaraportti julkaistu|Follow-up report published)<span class="visually-hidden">: ([^<]+)</span></a>'
    return {title: href for href, title in re.findall(pattern, html)}


def reported_event(make_event, title, days_ago, published_days_ago=1, **fields):
    return make_event(
        title=title,
        start=timezone.now() - timedelta(days=days_ago),
        follow_up_published_at=timezone.localdate() - timedelta(days=published_days_ago),
        **REPORT,
        **fields,
    )


def test_the_past_view_marks_and_links_published_follow_ups_only(client, calendar_page, make_event):
    reported = reported_event(make_event, "Raportoitu ilta", 10)
    reported_event(make_event, "Raportti tulossa", 5, published_days_ago=-3)  # published in 3 days
    make_event(title="Ei raporttia", start=timezone.now() - timedelta(days=3))
    url = calendar_page["fi"].url + "past/"

    html = client.get(url).content.decode()
    assert follow_up_links(html) == {"Raportoitu ilta": reported.url + "#follow-up-heading"}
    assert "Raportti tulossa" in html and "Ei raporttia" in html
    # The event page has the anchor the link points to.
    assert 'id="follow-up-heading"' in client.get(reported.url).content.decode()


def test_the_past_view_runs_the_same_queries_for_3_and_30_reported_events(
    client, calendar_page, make_event, django_assert_max_num_queries
):
    url = calendar_page["fi"].url + "past/"
    for i in range(3):
        reported_event(make_event, f"Ilta {i}", 2 + i)
    client.get(url)  # fills the site-root-paths cache, as on any running site
    with CaptureQueriesContext(connection) as with_3:
        html = client.get(url).content.decode()
    # Counted now: CaptureQueriesContext slices the connection's query log when asked, and that
    # log keeps only the last 9,000 queries, which making 27 events overruns.
    with_3 = len(with_3)
    assert len(follow_up_links(html)) == 3
    for i in range(3, 30):
        reported_event(make_event, f"Ilta {i}", 2 + i, revision=False)
    client.get(url)  # as before: what pages keep per cache generation (menu, site) is read again
    with django_assert_max_num_queries(with_3):
        html = client.get(url).content.decode()
    assert len(follow_up_links(html)) == 30


def test_a_networks_earlier_meeting_links_its_follow_up(client, network_page):
    past = network_page["events"]["past"]
    for event in past.translations.values():
        EventPage.objects.filter(pk=event.pk).update(
            follow_up_published_at=timezone.localdate(), follow_up_what_happened="<p>Report.</p>"
        )
    english = past.translations["en"]
    html = client.get(network_page["en"].url).content.decode()
    assert follow_up_links(html) == {"Autumn meeting": english.url + "#follow-up-heading"}


def test_a_topics_way_to_take_part_marks_a_past_event_with_a_report(client, make_topic, make_event):
    reported = reported_event(make_event, "Kuuleminen", 20)
    upcoming = make_event(title="Tuleva ilta", start=timezone.now() + timedelta(days=5), **REPORT)
    ways = [
        ("way", {"title": title, "description": "", "page": page, "url": "", "deadline": None})
        for title, page in (("Tule kuulemiseen", reported), ("Tule iltaan", upcoming))
    ]
    topic = make_topic(how_to_take_part=ways)
    html = client.get(topic.url).content.decode()
    assert follow_up_links(html) == {"Kuuleminen": reported.url + "#follow-up-heading"}
