"""Issue 6: networks, practice models and news (listing filters, RSS, home-page section)."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation

from directory.models import ArticleOrganisation, PracticeModelPage
from home import sections
from tests.fixtures_directory_content import fetch_network

pytestmark = pytest.mark.django_db

READY = PracticeModelPage.Stage.READY
DEVELOPING = PracticeModelPage.Stage.IN_DEVELOPMENT


def card_titles(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


# Practice models ------------------------------------------------------------------------------


@pytest.fixture
def library(make_practice_model):
    return {
        "platform": make_practice_model(
            ("Alusta", "Plattform", "Platform"), region="Pirkanmaa", theme_slugs=["koulut"]
        ),
        "picnic": make_practice_model(
            ("Piknik", "Picknick", "Picnic"), region="Järvelä", stage=DEVELOPING, theme_slugs=["esteettomyys"]
        ),
        "both": make_practice_model(
            ("Kahvila", "Kafé", "Café"), region="Järvelä", theme_slugs=["koulut", "esteettomyys"]
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Alusta", "Kahvila", "Piknik"]),
        ({"stage": "in_development"}, ["Piknik"]),
        ({"stage": "ready"}, ["Alusta", "Kahvila"]),
        ({"region": "Järvelä"}, ["Kahvila", "Piknik"]),
        ({"theme": "koulut"}, ["Alusta", "Kahvila"]),
        ({"theme": "esteettomyys", "region": "Järvelä", "stage": "ready"}, ["Kahvila"]),
        # not a choice: reported in the error summary (tests/test_filters.py), the others apply
        ({"region": "Lappi", "stage": "ready"}, ["Alusta", "Kahvila"]),
    ],
)
def test_practice_model_filters(client, practice_index, library, params, expected):
    response = client.get(practice_index["fi"].url, params)
    assert response.status_code == 200
    assert card_titles(response.content.decode()) == expected


def test_practice_model_filter_form_keeps_choices_and_offers_regions(client, practice_index, library):
    html = client.get(practice_index["fi"].url, {"region": "Järvelä"}).content.decode()
    assert '<option value="Pirkanmaa">Pirkanmaa</option>' in html
    assert '<option value="Järvelä" selected>Järvelä</option>' in html
    assert "Rajaukset: Järvelä" in html


def test_practice_model_listing_queries_do_not_grow(
    client, practice_index, make_practice_model, django_assert_max_num_queries
):
    make_practice_model("Eka", theme_slugs=["koulut"])
    with django_assert_max_num_queries(60) as few:
        client.get(practice_index["fi"].url, {"theme": "koulut"})
    few = len(few.captured_queries)  # now: the query log keeps only the last 9,000 queries
    for n in range(15):
        make_practice_model(f"Malli {n:02}", region=f"Alue {n}", theme_slugs=["koulut", "esteettomyys"])
    with django_assert_max_num_queries(few):
        response = client.get(practice_index["fi"].url, {"theme": "koulut"})
    assert "Malli 14" in response.content.decode()


def test_practice_model_page_shows_structure_dates_and_share_links(client, make_practice_model):
    page = make_practice_model(
        ("Yhdistyspiknik", "Föreningspicknick", "Association picnic"),
        implementation_place="Kirjastopuisto",
        funder="Kaupunki",
        author="Yhdistysverkosto",
        need_and_goals="<p>Yhdistykset eivät tunne toisiaan.</p>",
        solution="<p>Yhteinen piknik puistossa.</p>",
        tips_for_adopters="<p>Varaa sadesuoja.</p>",
        contacts=[
            (
                "contact",
                {"name": "Liisa", "organisation": "Verkosto", "email": "liisa@example.org", "phone": ""},
            )
        ],
        attachments=[("link", {"title": "Tarkistuslista", "url": "https://example.org/lista"})],
    )
    html = client.get(page.url).content.decode()
    for text in (
        "Kirjastopuisto",
        "Kaupunki",
        "Yhdistysverkosto",
        "Yhteinen piknik puistossa.",
        "Varaa sadesuoja.",
    ):
        assert text in html
    headings = re.findall(r"<h2 id=\"section-\d+\">([^<]+)</h2>", html)
    assert len(headings) == 3  # only the sections that were written
    assert "liisa@example.org" not in html and "Liisa" in html
    assert 'href="https://example.org/lista"' in html
    assert (
        html.count(f'datetime="{timezone.localtime(page.first_published_at):%Y-%m-%d}') >= 2
    )  # published and updated
    assert 'class="share-links"' in html and "mailto:?subject=" in html
    assert 'media="print"' in html


# News -----------------------------------------------------------------------------------------


@pytest.fixture
def articles(make_article):
    return {
        "new": make_article(("Uusi", "Ny", "New"), days_ago=1, tags=["yhdistykset"], translate_all=True),
        "old": make_article(("Vanha", "Gammal", "Old"), days_ago=30, tags=["talkoot"], translate_all=True),
    }


def article_titles(html):
    return re.findall(r'class="article-item__title"><a href="[^"]+">([^<]+)</a>', html)


def test_article_index_lists_newest_first_and_filters_by_tag(client, news_index, articles):
    html = client.get(news_index["en"].url).content.decode()
    assert article_titles(html) == ["New", "Old"]
    html = client.get(news_index["en"].url, {"tag": "talkoot"}).content.decode()
    assert article_titles(html) == ["Old"]
    html = client.get(news_index["fi"].url, {"tag": "no-such-tag"}).content.decode()
    assert article_titles(html) == []


def test_article_index_paginates(client, news_index, make_article, django_assert_max_num_queries):
    make_article("Eka", tags=["a", "b"])
    with django_assert_max_num_queries(60) as few:
        client.get(news_index["fi"].url)
    few = len(few.captured_queries)  # now: the query log keeps only the last 9,000 queries
    for n in range(11):
        make_article(f"Juttu {n:02}", days_ago=n + 1, tags=["a", "b"])
    with django_assert_max_num_queries(few):
        html = client.get(news_index["fi"].url).content.decode()
    assert len(article_titles(html)) == 10
    html = client.get(news_index["fi"].url, {"page": 2}).content.decode()
    assert article_titles(html) == ["Juttu 09", "Juttu 10"]


def test_article_page_shows_author_tags_organisations_and_share_links(
    client, make_article, organisation_pages
):
    page = make_article(
        "Talkoot onnistuivat",
        author="Maija Meikäläinen",
        tags=["talkoot"],
        body=[("paragraph", "<p>Kiitos kaikille!</p>")],
        organisation_links=[ArticleOrganisation(organisation=organisation_pages["kyla"]["fi"])],
    )
    html = client.get(page.url).content.decode()
    assert "Maija Meikäläinen" in html
    assert "Kiitos kaikille!" in html
    assert f'href="{page.get_parent().url}?tag=talkoot"' in html
    assert f'href="{organisation_pages["kyla"]["fi"].url}">Kyläyhdistys Koivikko ry</a>' in html
    assert 'class="share-links"' in html


def test_rss_feed_parses_and_honours_the_tag(client, news_index, articles):
    response = client.get(news_index["sv"].url + "rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "sv"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Ny", "Gammal"]
    assert items[0].findtext("link").endswith(articles["new"].translations["sv"].url)
    assert [c.text for c in items[0].findall("category")] == ["yhdistykset"]
    tagged = ET.fromstring(client.get(news_index["sv"].url + "rss/", {"tag": "talkoot"}).content)
    assert [i.findtext("title") for i in tagged.iter("item")] == ["Gammal"]
    # Issue 12: an unknown tag is a 400 naming it, like every feed, not an empty feed.
    unknown = client.get(news_index["sv"].url + "rss/", {"tag": "atlantis"})
    assert unknown.status_code == 400
    assert "atlantis" in unknown.content.decode()
    html = client.get(news_index["sv"].url).content.decode()
    assert 'type="application/rss+xml"' in html


def test_home_page_news_section(site_tree, articles, make_article):
    request = RequestFactory().get("/")
    request.site = site_tree["site"]
    with translation.override("en"):
        cards = sections.items("latest_news", request, 1)
    assert [c.title for c in cards] == ["New"]
    assert cards[0].url.endswith(articles["new"].translations["en"].url)


def test_home_page_renders_news_section(client, site_tree, articles):
    home = site_tree["fi"]
    home.body = [("latest_news", {"heading": "Uutisia", "count": 4, "more_page": None})]
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    assert "Uutisia" in html
    assert "Uusi" in html and "Vanha" in html


# Networks -------------------------------------------------------------------------------------


@pytest.fixture
def organisation_pages(module_network, site_tree):
    """The two organisation stand-ins, built once for the module with the network."""
    return fetch_network(module_network)[0]


@pytest.fixture
def network_page(module_network, site_tree):
    """The network page of tests/fixtures_directory_content.py, built once for the module."""
    return fetch_network(module_network)[1]


def test_network_page_shows_members_meetings_groups_and_contact(client, network_page):
    html = client.get(network_page["en"].url).content.decode()
    assert "Purpose" in html and "We share knowledge and premises." in html
    assert "Who it is for" in html and "How to join" in html
    assert ">Koivikko Village Association</a>" in html and ">Young Järvelä</a>" in html
    upcoming = network_page["events"]["upcoming"].translations["en"]
    assert f'<a href="{upcoming.url}">Network meeting</a>' in html
    assert html.index("Coming up") < html.index("Network meeting") < html.index("Earlier meetings")
    assert html.index("Earlier meetings") < html.index("Autumn meeting")
    assert "Youth work" in html
    assert "Network coordinator" in html
    assert "noora.verkosto@jarvela.example" not in html
    assert 'class="share-links"' in html


def test_network_links_fall_back_to_finnish_and_hide_unpublished(client, network_page, organisation_pages):
    organisation_pages["nuoret"]["en"].unpublish()
    html = client.get(network_page["en"].url).content.decode()
    assert "Young Järvelä" not in html
    assert f'<a href="{organisation_pages["nuoret"]["fi"].url}">Nuorten Järvelä ry</a>' in html
    organisation_pages["nuoret"]["fi"].unpublish()
    html = client.get(network_page["en"].url).content.decode()
    assert "Nuorten Järvelä ry" not in html
    assert "Koivikko Village Association" in html
