"""Issue 5: participation topics, the "Take part" index and the home page's open participation."""

import datetime

import pytest
import time_machine

from home.models import HomePage
from tests.fixtures_events import helsinki

pytestmark = pytest.mark.django_db


def test_topic_page_shows_facts_timeline_and_symbol_while_open(client, make_topic, site_tree):
    tr = site_tree["tr"]
    topic = make_topic(
        areas=["keskusta"],
        themes=["koulut"],
        open_until=datetime.date(2030, 6, 30),
        decision_timeline=[
            (
                "step",
                {
                    "date": datetime.date(2030, 9, 1),
                    "title": tr("Päätös", "Beslut", "Decision"),
                    "description": "",
                },
            ),
            (
                "step",
                {
                    "date": datetime.date(2030, 3, 1),
                    "title": tr("Kysely", "Enkät", "Survey"),
                    "description": "",
                },
            ),
        ],
        how_to_take_part=[
            (
                "way",
                {
                    "title": tr("Vastaa kyselyyn", "Svara på enkäten", "Answer the survey"),
                    "description": "",
                    "page": None,
                    "url": "https://example.org/kysely",
                    "deadline": datetime.date(2030, 6, 30),
                },
            )
        ],
        translate_to_all=True,
    )
    with time_machine.travel(helsinki(2030, 5, 1, 12, 0), tick=False):
        html = client.get(topic.url).content.decode()
        assert "Voit osallistua" in html  # participation symbol
        assert "Kaupunkiympäristö" in html and "Keskusta" in html
        assert html.index("Kysely") < html.index("Päätös")  # timeline in date order
        assert "(tehty)" in html and "(tulossa)" in html
        assert "Määräaika 30.6.2030" in html and 'href="https://example.org/kysely"' in html
        sv = client.get(topic.translations["sv"].url).content.decode()
        assert "Du kan delta" in sv and "Svara på enkäten" in sv and "Centrum" in sv
    with time_machine.travel(helsinki(2030, 7, 1, 12, 0), tick=False):
        assert "Voit osallistua" not in client.get(topic.url).content.decode()


def test_index_lists_open_topics_first_and_filters(client, make_topic, topic_index):
    make_topic(
        title=("Päätetty asia", "Beslutad fråga", "Decided matter"), status="decided", areas=["keskusta"]
    )
    make_topic(
        title=("Avoin asia", "Öppen fråga", "Open matter"),
        status="open",
        areas=["koivikko"],
        themes=["koulut"],
    )
    make_topic(
        title=("Valmisteltava asia", "Fråga under beredning", "Matter under consideration"),
        status="under_consideration",
        themes=["esteettomyys"],
    )
    url = topic_index["fi"].url
    html = client.get(url).content.decode()
    assert html.index("Avoin asia") < html.index("Valmisteltava asia") < html.index("Päätetty asia")
    assert "3 aihetta" in html

    by_area = client.get(url, {"area": "pohjoinen"}).content.decode()  # major area finds its district
    assert "Avoin asia" in by_area and "Päätetty asia" not in by_area
    by_theme = client.get(url, {"theme": "esteettomyys"}).content.decode()
    assert "Valmisteltava asia" in by_theme and "Avoin asia" not in by_theme
    by_status = client.get(url, {"status": "decided"}).content.decode()
    assert "Päätetty asia" in by_status and "Avoin asia" not in by_status
    assert 'value="decided" selected' in by_status
    nothing = client.get(url, {"status": "decided", "theme": "koulut"}).content.decode()
    assert "Rajauksia vastaavia aiheita ei ole." in nothing


def test_index_queries_do_not_grow_with_topics(
    client, make_topic, topic_index, django_assert_max_num_queries
):
    make_topic(areas=["keskusta"], themes=["koulut"])
    client.get(topic_index["fi"].url)
    with django_assert_max_num_queries(40) as few:
        client.get(topic_index["fi"].url)
    few = len(few.captured_queries)  # now: the query log keeps only the last 9,000 queries
    for n in range(6):
        make_topic(
            title=(f"Aihe {n}", f"Ämne {n}", f"Topic {n}"), areas=["keskusta", "koivikko"], themes=["koulut"]
        )
    client.get(topic_index["fi"].url)  # as before: publishing purges what pages keep per cache generation
    with django_assert_max_num_queries(few):
        html = client.get(topic_index["fi"].url).content.decode()
    assert "7 aihetta" in html


def test_home_page_open_participation_merges_topics_and_panels(client, site_tree, make_topic, panel_page):
    make_topic(
        title=("Avoin asia", "Öppen fråga", "Open matter"),
        status="open",
        open_until=datetime.date(2099, 1, 1),
    )
    make_topic(title=("Päätetty asia", "Beslutad fråga", "Decided matter"), status="decided")
    home = HomePage.objects.get(pk=site_tree["fi"].pk)
    home.body = [("open_participation", {"heading": "Osallistu nyt", "count": 4, "more_page": None})]
    home.save_revision().publish()
    panel = panel_page["fi"]
    html = client.get(home.url).content.decode()
    assert "Osallistu nyt" in html and "Avoin asia" in html and "Päätetty asia" not in html
    assert panel.accepting_applications and panel.title in html
    assert "Haku päättyy" in html
    # A panel whose applications have closed leaves the section.
    panel.status = panel.Status.UPCOMING
    panel.save_revision().publish()
    assert panel.title not in client.get(home.url).content.decode()
