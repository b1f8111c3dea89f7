"""Issue 17 (part B): the design system — branding from Site settings, the typeface, the pattern
page, card images, month abbreviations. Browser checks are in test_design_system_browser.py."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from home import colours
from home.models import SiteSettings
from tests.images import make_image, make_svg_image

pytestmark = pytest.mark.django_db

SYMBOL_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">'
    '<circle cx="24" cy="24" r="22" fill="#7a1f5c"/></svg>'
)


def brand_css(client, html):
    """The custom properties of the brand stylesheet the page links to, {name: value}."""
    href = re.search(r'<link rel="stylesheet" href="(/brand\.css\?v=[^"]*)">', html).group(1)
    response = client.get(href)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", response.content.decode()))


def test_brand_colour_logo_and_symbol_from_site_settings_change_the_site_without_a_template_edit(
    client, site_tree, standard_page
):
    html = client.get(site_tree["fi"].url).content.decode()
    assert brand_css(client, html)["--c-brand"] == colours.DEFAULT_BRAND
    assert '<svg class="logo"' in html  # Kuulu's own logo

    settings = SiteSettings.for_site(site_tree["site"])
    settings.brand_colour = "#7a1f5c"
    settings.logo = make_image("Järvelän vaakuna", size=(120, 120), colour=(122, 31, 92))
    settings.participation_symbol = make_svg_image("Osallisuusmerkki", SYMBOL_SVG, 48, 48)
    settings.full_clean()
    settings.save()
    standard_page["fi"].participation_open = True
    standard_page["fi"].save_revision().publish()

    for language in ("fi", "sv", "en"):
        html = client.get(site_tree[language].url).content.decode()
        palette = brand_css(client, html)
        assert palette["--c-brand"] == "#7a1f5c" and palette["--c-on-brand"] == "#ffffff"
        assert palette["--c-link"] == "#7a1f5c"  # dark enough for links on white
        header = re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)
        logo = re.search(r'<img class="logo" src="([^"]+)" width="48" height="48" alt="">', header)
        assert logo and "/images/" in logo.group(1) and '<svg class="logo"' not in header
    html = client.get(standard_page["fi"].url).content.decode()
    symbol = re.search(r'<p class="participation-symbol">\s*<img [^>]*src="([^"]+\.svg)"', html)
    assert symbol, "the city's own participation symbol"


def test_a_light_brand_colour_takes_black_text_and_keeps_the_default_link_colour(client, site_tree):
    settings = SiteSettings.for_site(site_tree["site"])
    settings.brand_colour = "#E07A10"
    settings.full_clean()
    settings.save()
    palette = brand_css(client, client.get(site_tree["fi"].url).content.decode())
    assert palette["--c-brand"] == "#e07a10"
    assert palette["--c-on-brand"] == "#000000"
    assert palette["--c-link"] == colours.DEFAULT_LINK
    assert colours.contrast_ratio(palette["--c-brand-dark"], "#000000") > colours.contrast_ratio(
        "#e07a10", "#000000"
    )


@pytest.mark.parametrize(
    ("language", "value", "message"),
    [
        ("fi", "#ffd23f", "Tämä väri on liian vaalea"),
        ("sv", "#ffd23f", "Den här färgen är för ljus"),
        ("en", "#ffd23f", "This colour is too light"),
        ("fi", "sininen", "Anna väri muodossa #rrggbb"),
    ],
)
def test_a_brand_colour_that_would_not_stand_out_is_refused_with_a_translated_error(
    admin_client, superuser, site_tree, language, value, message
):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = language
    profile.save()
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site_tree["site"].pk])
    response = admin_client.post(url, {"brand_colour": value, "organisation_name": "Järvelän kaupunki"})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Järvelän kaupunki"' in html  # what was typed is kept
    assert SiteSettings.for_site(site_tree["site"]).brand_colour == ""


def card_of(html, title):
    """The <li class="card …"> whose title link says `title`."""
    for chunk in html.split('<li class="card card--media')[1:]:
        card = chunk.split("\n</li>")[0]  # the card's own closing tag starts a line
        if f">{title}</a>" in card:
            return card
    raise AssertionError(f"no card titled {title!r}")


def test_cards_show_the_pages_image_with_its_alt_text_or_a_drawn_fallback(client, make_topic, topic_index):
    picture = make_image("Torikuva", alt="Kuvaus kuvapankista")
    make_topic(
        title=("Kuvallinen aihe", "Ämne med bild", "Topic with a picture"),
        image=picture,
        image_alt="Tori keväällä",
    )
    make_topic(title=("Kuvaton aihe", "Ämne utan bild", "Topic without a picture"))
    html = client.get(topic_index["fi"].url).content.decode()
    with_image = card_of(html, "Kuvallinen aihe")
    assert re.search(
        r'<img class="card__image" src="[^"]+\.fill-640x360\.[a-z]+" width="640" height="360" alt="Tori keväällä"',
        with_image,
    )
    without = card_of(html, "Kuvaton aihe")
    assert "<img" not in without
    assert '<div class="card__fallback card__fallback--topic" aria-hidden="true">' in without


def test_card_images_keep_the_topic_listing_query_count_flat(
    client, make_topic, topic_index, django_assert_max_num_queries
):
    make_topic(image=make_image("Kuva 0"))
    client.get(topic_index["fi"].url)
    with django_assert_max_num_queries(40) as few:
        client.get(topic_index["fi"].url)
    one_topic = len(few.captured_queries)  # read now: the next request empties Django's query log
    for n in range(1, 6):
        make_topic(title=(f"Aihe {n}", f"Ämne {n}", f"Topic {n}"), image=make_image(f"Kuva {n}"))
    client.get(topic_index["fi"].url)  # renditions are made on the first view
    with django_assert_max_num_queries(one_topic):
        html = client.get(topic_index["fi"].url).content.decode()
    assert html.count('class="card__image"') == 6


def test_the_home_pages_event_card_shows_the_events_image(client, site_tree, make_event):
    from django.utils import timezone

    from home.models import HomePage

    home = HomePage.objects.get(pk=site_tree["fi"].pk)
    home.body = [("upcoming_events", {"heading": "Tulevat tapahtumat", "count": 3, "more_page": None})]
    home.save_revision().publish()
    make_event(
        title="Kuvallinen asukasilta",
        start=timezone.now() + timezone.timedelta(days=3),
        image=make_image("Ilta"),
        image_alt="Asukkaita kirjastossa",
    )
    html = client.get(site_tree["fi"].url).content.decode()
    card = card_of(html, "Kuvallinen asukasilta")
    assert 'alt="Asukkaita kirjastossa"' in card and 'class="card__image"' in card


CLDR_MONTHS = {
    "fi": [
        "tammi",
        "helmi",
        "maalis",
        "huhti",
        "touko",
        "kesä",
        "heinä",
        "elo",
        "syys",
        "loka",
        "marras",
        "joulu",
    ],
    "sv": ["jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_annual_clock_and_its_month_strip_use_cldr_month_abbreviations(
    client, calendar_page, make_event, language
):
    from tests.fixtures_events import helsinki

    make_event(title="Maaliskuun ilta", start=helsinki(2030, 3, 12, 18))
    html = client.get(calendar_page[language].url + "2030/").content.decode()
    assert re.findall(r'<text class="wheel__month"[^>]*>([^<]+)</text>', html) == CLDR_MONTHS[language]
    strip = re.search(r'<ol class="month-strip".*?</ol>', html, re.S).group(0)
    assert (
        re.findall(r'<abbr class="month-strip__name" title="[^"]+">([^<]+)</abbr>', strip)
        == CLDR_MONTHS[language]
    )
    march = re.findall(r'<li class="month-strip__month[^"]*"[^>]*>(.*?)</li>', strip, re.S)[2]
    full = {"fi": "maaliskuu", "sv": "mars", "en": "March"}[language]
    assert f'title="{full}"' in march
    if language == "fi":  # the event is Finnish only
        assert "month-strip__month--events" in strip.split("<li")[3] and "1 tapahtuma" in march


def test_the_pattern_page_is_for_staff_only(client, site_tree, superuser, django_user_model):
    response = client.get("/fi/patterns/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    resident = django_user_model.objects.create_user("asukas", "asukas@example.fi", "salasana-123")
    client.force_login(resident)
    assert client.get("/fi/patterns/").status_code == 403
    client.force_login(superuser)
    response = client.get("/sv/patterns/")
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert "<h1>Komponentbibliotek</h1>" in html and '<meta name="robots" content="noindex">' in html


def test_the_directory_shows_organisation_logos_with_alt_text_and_a_fallback_without_growing_queries(
    client, directory_page, directory_reference, django_assert_max_num_queries
):
    from tests.fixtures_directory import make_organisation

    d = directory_page["fi"]
    make_organisation(d, title="Logollinen kuoro", logo=make_image("Kuoron logo", size=(300, 300)),
                      logo_alt="Kuoron logo: nuottiavain")  # fmt: skip
    make_organisation(d, title="Logoton seura")
    client.get(d.url)  # renditions are made on the first view
    with django_assert_max_num_queries(60) as few:
        html = client.get(d.url).content.decode()
    two = len(few.captured_queries)
    assert re.search(
        r'<img class="organisation-card__logo" src="[^"]+max-320x160[^"]*" width="160" height="160" alt="Kuoron logo: nuottiavain"',
        html,
    )
    without = html.split(">Logoton seura</a>")[1].split("</li>")[0]
    assert "card__fallback--organisation" in without
    for n in range(4):
        make_organisation(
            d, title=f"Seura {n}", logo=make_image(f"Logo {n}", size=(200, 100)), logo_alt=f"Logo {n}"
        )
    client.get(d.url)
    with django_assert_max_num_queries(two):
        html = client.get(d.url).content.decode()
    assert html.count('class="organisation-card__logo"') == 5


def test_a_home_page_without_an_image_shows_the_hero_image_from_site_settings(client, site_tree):
    html = client.get(site_tree["sv"].url).content.decode()
    assert 'class="hero__image"' not in html
    settings = SiteSettings.for_site(site_tree["site"])
    settings.hero_image = make_image("Järvelä från sjön", size=(1200, 675))
    settings.hero_image_alt = "Järvelä sedd från sjön"
    settings.save()
    html = client.get(site_tree["sv"].url).content.decode()
    assert re.search(
        r'<img class="hero__image" src="[^"]+fill-960x540[^"]*" width="960" height="540" alt="Järvelä sedd från sjön">',
        html,
    )
