"""Issue 12: every page type has a meta description and Open Graph tags (read with extruct)."""

from datetime import timedelta

import extruct
import pytest
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.models import Page, get_page_models

from tests.fixtures_directory import make_organisation

pytestmark = pytest.mark.django_db


def share_tags(client, url):
    """(Open Graph properties, meta descriptions, visible breadcrumb names, JSON-LD documents)."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    data = extruct.extract(
        html, base_url="http://testserver" + url, syntaxes=["opengraph", "json-ld"], uniform=True
    )
    (og,) = data["opengraph"] or [{}]
    tree = lxml_html.fromstring(html)
    descriptions = tree.xpath('//meta[@name="description"]/@content')
    crumbs = [li.text_content().strip() for li in tree.xpath('//nav[@class="breadcrumbs"]//li')]
    return og, descriptions, crumbs, data["json-ld"]


def one_page_of_every_type(
    site_tree, make_event, directory_page, make_article, make_practice_model, make_topic
):
    """({page class: a live Finnish page}, the event): the shared site's pages and those made
    here, one of every page type the site has (a new page type fails here until it is added)."""
    from directory.models import NetworkPage
    from newsletters.models import NewsletterArchivePage, NewsletterPage

    event = make_event(title="Asukasilta", summary="Tule kertomaan mielipiteesi.")
    organisation = make_organisation(directory_page["fi"], title="Kallion kuoro", summary="Kuoro laulaa.")
    network = site_tree["fi"].add_child(
        instance=NetworkPage(
            title="Yhdistysfoorumi",
            slug="yhdistysfoorumi",
            summary="Yhteistyöverkosto.",
            purpose="<p>Jaamme.</p>",
        )
    )
    archive = site_tree["fi"].add_child(
        instance=NewsletterArchivePage(title="Järjestökirje", slug="jarjestokirje", list_slug="associations")
    )
    issue = archive.add_child(
        instance=NewsletterPage(title="Järjestökirje 1/2027", slug="1-2027", introduction="Tervetuloa.")
    )
    pages = {
        page.specific_class: page.specific
        for page in Page.objects.live().filter(depth__gt=1, locale__language_code="fi")
    }
    made = (
        event,
        organisation,
        make_article("Uutinen"),
        make_practice_model("Malli"),
        make_topic(),
        network,
        archive,
        issue,
    )
    for page in made:
        pages[type(page)] = page
    missing = {model.__name__ for model in get_page_models() if model is not Page} - {
        cls.__name__ for cls in pages
    }
    assert not missing, missing
    return pages, event


def test_every_page_type_has_a_description_open_graph_tags_and_breadcrumb_data(
    client,
    site_tree,
    calendar_page,
    make_event,
    directory_page,
    make_article,
    make_practice_model,
    make_topic,
):
    pages, event = one_page_of_every_type(
        site_tree, make_event, directory_page, make_article, make_practice_model, make_topic
    )
    with_crumbs = 0
    for cls, page in pages.items():
        url = page.specific.url
        og, descriptions, crumbs, documents = share_tags(client, url)
        name = cls.__name__
        assert len(descriptions) == 1 and descriptions[0].strip(), name
        for prop in ("og:title", "og:description", "og:url", "og:image"):
            assert og.get(prop), (name, prop)
        assert og["og:url"] == "http://testserver" + url, name
        assert og["og:image"].startswith("http://testserver/"), name
        # BreadcrumbList wherever breadcrumbs show, naming the same pages in the same order.
        lists = [ld for ld in documents if ld["@type"] == "BreadcrumbList"]
        if crumbs:
            with_crumbs += 1
            (breadcrumbs,) = lists
            assert [item["name"] for item in breadcrumbs["itemListElement"]] == crumbs, name
            assert breadcrumbs["itemListElement"][-1]["item"] == "http://testserver" + url, name
        else:
            assert not lists, name
    assert with_crumbs >= len(pages) - 1  # every page but the home page
    og, descriptions, _crumbs, _documents = share_tags(client, event.url)
    assert descriptions == ["Tule kertomaan mielipiteesi."]
    assert og["og:title"] == "Asukasilta"
    assert og["og:image"].endswith("/static/img/share.png")


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    data = extruct.extract(
        response.content.decode(), base_url="http://testserver" + url, syntaxes=["json-ld"]
    )
    return {item["@type"]: item for item in data["json-ld"]}


def test_structured_data_names_organisations_articles_and_breadcrumbs(
    client, calendar_page, make_event, directory_page, make_article
):
    organisation = make_organisation(
        directory_page["fi"],
        title="Kallion kuoro",
        summary="Kuoro laulaa.",
        website="https://kuoro.example.org",
    )
    found = json_ld(client, organisation.url)
    assert found["Organization"]["name"] == "Kallion kuoro"
    assert found["Organization"]["url"] == "http://testserver" + organisation.url
    assert found["Organization"]["sameAs"] == ["https://kuoro.example.org"]
    crumbs = found["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs][-2:] == [directory_page["fi"].title, "Kallion kuoro"]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[-1]["item"] == "http://testserver" + organisation.url

    article = make_article("Kuoro voitti kilpailun", author="Aino Toimittaja")
    found = json_ld(client, article.url)
    assert found["NewsArticle"]["headline"] == "Kuoro voitti kilpailun"
    assert found["NewsArticle"]["author"] == {"@type": "Person", "name": "Aino Toimittaja"}
    assert found["NewsArticle"]["datePublished"] == article.date.isoformat()
    # No image of its own: the site's share image, as in og:image (a news result needs one).
    assert found["NewsArticle"]["image"] == "http://testserver/static/img/share.png"
    assert "BreadcrumbList" in found

    event = make_event(title="Asukasilta")
    found = json_ld(client, event.url)
    assert {"Event", "BreadcrumbList"} <= found.keys()
    assert found["Event"]["image"] == "http://testserver/static/img/share.png"  # the image fallback
    assert "email" not in str(json_ld(client, organisation.url)["Organization"])


def offers_availability(client, event):
    page = client.get(event.url).content.decode()
    data = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    (found,) = [item for item in data if item["@type"] == "Event"]
    return found["offers"]["availability"].rsplit("/", 1)[1], page


def test_event_offers_availability_matches_the_signup_panel(client, make_event, signup_event):
    from tests.fixtures_registrations import signup

    assert offers_availability(client, make_event(title="Pop up"))[0] == "InStock"  # no sign-up needed
    event = signup_event(capacity=1, waitlist_capacity=1, questions=False)
    availability, page = offers_availability(client, event)
    assert availability == "InStock" and "1 paikka jäljellä" in page
    signup(event, "a@example.invalid", answers={})
    availability, page = offers_availability(client, event)
    assert availability == "BackOrder" and "Voit ilmoittautua jonoon" in page
    signup(event, "b@example.invalid", answers={})
    availability, page = offers_availability(client, event)
    assert availability == "SoldOut" and "Tapahtuma on täynnä, ja niin on sen jonokin." in page
    later = signup_event(registration_opens_at=timezone.now() + timedelta(days=2), questions=False)
    assert offers_availability(client, later)[0] == "PreOrder"


def test_event_organizer_has_a_url(client, make_event, site_tree):
    """The issue: the organizer had no URL. The organiser's website where the editor gave one
    (also the organiser's link on the page), the city's own address when the city organises."""
    from home.models import SiteSettings

    event = make_event(
        title="Kuorokonsertti", organiser="Kallion kuoro ry", organiser_url="https://kuoro.example.org/"
    )
    found = json_ld(client, event.url)
    assert found["Event"]["organizer"] == {
        "@type": "Organization",
        "name": "Kallion kuoro ry",
        "url": "https://kuoro.example.org/",
    }
    assert (
        '<a href="https://kuoro.example.org/">Kallion kuoro ry</a>' in client.get(event.url).content.decode()
    )

    settings = SiteSettings.for_site(site_tree["site"])
    settings.organisation_name = "Järvelän kaupunki"
    settings.save()
    city_event = make_event(title="Asukasilta", organiser="")
    assert json_ld(client, city_event.url)["Event"]["organizer"] == {
        "@type": "Organization",
        "name": "Järvelän kaupunki",
        "url": "http://testserver/",
    }
