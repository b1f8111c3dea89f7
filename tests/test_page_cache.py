"""Issue 15: public pages and feeds from the page cache (home/page_cache.py), purged on publish, with
forms that still work from a cached copy."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from home import page_cache
from home.models import StandardPage
from participation_pages.models import EventPage
from registrations.models import Registration

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings, site_tree):
    # The first page view creates the site's settings row (Wagtail's get_or_create), which
    # purges the cache: create it here, as the first visitor of a real site does once.
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    for model in apps.get_models():
        if issubclass(model, BaseSiteSetting):
            model.for_site(site_tree["site"])
        elif issubclass(model, BaseGenericSetting):
            model.load()
    settings.KUULU_PAGE_CACHE_SECONDS = 60
    page_cache.purge()


def _directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def _title(page, title):
    page.title = title
    page.save_revision().publish()


def test_an_anonymous_get_is_served_from_the_cache_without_the_view(client, standard_page, monkeypatch):
    page = standard_page["fi"]
    first = client.get(page.url)
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    assert _directives(first) == {"public", "max-age=60", "stale-while-revalidate=60"}

    def not_called(*args, **kwargs):
        raise AssertionError("the view ran for a cached page")

    monkeypatch.setattr(StandardPage, "serve", not_called)
    second = client.get(page.url)
    assert second.status_code == 200
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    # The headers the inner middleware added are kept with the copy.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    assert second["Cache-Control"] == first["Cache-Control"]


def test_each_language_and_query_string_is_an_entry_of_its_own(client, standard_page):
    for language in ("fi", "sv", "en"):
        assert client.get(standard_page[language].url)["X-Cache"] == "MISS"
    assert client.get(standard_page["sv"].url + "?a=1")["X-Cache"] == "MISS"
    for language in ("fi", "sv", "en"):
        response = client.get(standard_page[language].url)
        assert response["X-Cache"] == "HIT"
        assert f'lang="{language}"' in response.content.decode()


def test_a_publish_is_visible_on_the_next_request_in_fi_sv_and_en(client, standard_page):
    for language in ("fi", "sv", "en"):
        client.get(standard_page[language].url)
        assert client.get(standard_page[language].url)["X-Cache"] == "HIT"
    new_titles = {"fi": "Uusi otsikko", "sv": "Ny rubrik", "en": "New heading"}
    for language, title in new_titles.items():
        _title(StandardPage.objects.get(pk=standard_page[language].pk), title)
    for language, title in new_titles.items():
        response = client.get(standard_page[language].url)
        assert response["X-Cache"] == "MISS"
        assert title in response.content.decode()


def test_publishing_one_language_purges_the_other_languages_too(client, standard_page, site_tree):
    # The home page lists nothing of the standard page, but any page may list any other: one
    # publish empties every language's copies.
    for language in ("fi", "sv", "en"):
        client.get(site_tree[language].url)
        assert client.get(site_tree[language].url)["X-Cache"] == "HIT"
    _title(StandardPage.objects.get(pk=standard_page["fi"].pk), "Uusi otsikko")
    for language in ("fi", "sv", "en"):
        assert client.get(site_tree[language].url)["X-Cache"] == "MISS"


def test_an_unpublished_page_is_gone_on_the_next_request_in_every_language(client, standard_page):
    for language in ("fi", "sv", "en"):
        client.get(standard_page[language].url)
    for language in ("sv", "en", "fi"):
        StandardPage.objects.get(pk=standard_page[language].pk).unpublish()
    for language in ("fi", "sv", "en"):
        assert client.get(standard_page[language].url).status_code == 404


def test_a_changed_snippet_shows_on_the_cached_event_page(client, make_event):
    event = make_event(title="Asukasilta Keskustassa", start=timezone.now() + timedelta(days=5))
    assert event.venue.name in client.get(event.url).content.decode()
    assert client.get(event.url)["X-Cache"] == "HIT"
    venue = event.venue
    venue.name = "Uusi kirjastosali"
    venue.save()
    response = client.get(event.url)
    assert response["X-Cache"] == "MISS"
    assert "Uusi kirjastosali" in response.content.decode()


def test_staff_and_visitors_with_a_session_are_never_served_or_stored(client, standard_page, superuser):
    page = standard_page["fi"]
    staff = Client()
    staff.force_login(superuser)
    response = staff.get(page.url)
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    # What staff saw was not stored: the first anonymous request renders the page.
    assert client.get(page.url)["X-Cache"] == "MISS"
    assert "X-Cache" not in staff.get(page.url)


def test_a_visitor_with_a_cookie_a_page_may_read_gets_a_page_of_their_own(client, standard_page):
    # e.g. a quick poll's "answered" marker, which shows the results instead of the form
    page = standard_page["fi"]
    answered = Client()
    answered.cookies["kuulu_poll_1"] = "1"
    response = answered.get(page.url)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert client.get(page.url)["X-Cache"] == "MISS"
    assert "X-Cache" not in answered.get(page.url)


def test_a_private_page_is_never_stored(client, standard_page):
    from wagtail.models import PageViewRestriction

    page = standard_page["fi"]
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="salasana1234")
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200  # the password form
        assert "X-Cache" not in response


SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}
FORM = {"name": "Aino Asukas", "email": "aino@example.org", "q_tyopaja": "koulut", "consent": "on"}


def _propose_url(directory_page):
    directory = directory_page["fi"]
    return directory.url + directory.reverse_subpage("propose")


def test_the_event_page_is_the_same_for_everyone_and_a_sign_up_from_it_is_accepted(signup_event, settings):
    # The sign-up form carries no per-visitor token (home/csrf.py): the page is one for everyone,
    # and a shared cache (nginx, a CDN) may keep it.
    event = signup_event(capacity=3)
    first = Client().get(event.url)  # someone else's visit stores the page
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(event.url)
    assert (first["X-Cache"], page["X-Cache"]) == ("MISS", "HIT")
    assert page.content == first.content
    # The seats left change with every sign-up: caches nobody purges keep it as briefly as nginx.
    assert _directives(page) == {"public", f"max-age={settings.KUULU_PROXY_CACHE_SECONDS}"}
    assert not page.cookies and "csrftoken" not in visitor.cookies
    html = page.content.decode()
    assert "3 paikkaa jäljellä." in html and 'class="signup__form"' in html
    assert "csrfmiddlewaretoken" not in html

    # The browser says the form was posted from the site itself: accepted, no token needed.
    response = visitor.post(reverse("registrations:signup", args=[event.pk]), FORM, **SAME_ORIGIN)
    assert response.status_code == 302
    assert Registration.objects.filter(event=event, email="aino@example.org").count() == 1

    # The seats left changed: the next anonymous visitor sees it.
    after = Client().get(event.url)
    assert after["X-Cache"] == "MISS"
    assert "2 paikkaa jäljellä." in after.content.decode()


def _sign_up(client, event, n):
    return client.post(
        reverse("registrations:signup", args=[event.pk]),
        {"name": f"Asukas {n}", "email": f"asukas{n}@example.org", "q_tyopaja": "koulut", "consent": "on"},
    )


def test_a_sign_up_purges_the_stored_pages_but_not_what_every_request_looks_up(
    signup_event, standard_page, django_capture_on_commit_callbacks
):
    """A burst of sign-ups (make prod-smoke: 300 at once) made every request of every instance
    look up its Site, home page and menus again, because each sign-up started a new generation of
    what `remember` keeps: the seats left are only on rendered pages, so a sign-up empties those
    and nothing else."""
    event = signup_event(capacity=3)
    other = standard_page["fi"]
    reader = Client()
    assert reader.get(event.url)["X-Cache"] == "MISS"
    assert reader.get(other.url)["X-Cache"] == "MISS"
    assert reader.get(other.url)["X-Cache"] == "HIT"
    computed = []
    page_cache.remember(("test-sign-up", 1), lambda: computed.append(1))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert _sign_up(Client(), event, 1).status_code == 302
    assert callbacks.count(page_cache.purge_pages) == 1  # one purge at commit for the row and the seats

    page_cache.remember(("test-sign-up", 1), lambda: computed.append(1))
    assert computed == [1]
    after = reader.get(event.url)
    assert after["X-Cache"] == "MISS"
    assert "2 paikkaa jäljellä." in after.content.decode()
    # Any listing may show the event's seats left: every stored page is rendered again.
    assert reader.get(other.url)["X-Cache"] == "MISS"

    # The next sign-up request finds its Site without the database (its e-mail, sent after the
    # commit, is not part of the request).
    with django_capture_on_commit_callbacks() as callbacks, CaptureQueriesContext(connection) as queries:
        assert _sign_up(Client(), event, 2).status_code == 302
    assert not [query for query in queries if "wagtailcore_site" in query["sql"]]
    for callback in callbacks:
        callback()
    assert "1 paikka jäljellä." in reader.get(event.url).content.decode()

    # Content changes still start a new generation of what is remembered.
    _title(other, "Uusi otsikko")
    page_cache.remember(("test-sign-up", 1), lambda: computed.append(1))
    assert computed == [1, 1]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://attacker.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://other.testserver"},
        {"HTTP_ORIGIN": "https://attacker.example"},  # a browser without Fetch Metadata
    ],
    ids=["cross-site", "same-site", "origin-only"],
)
def test_a_form_posted_from_another_site_is_refused_and_saves_nothing(signup_event, headers):
    event = signup_event(capacity=3)
    response = Client(enforce_csrf_checks=True).post(
        reverse("registrations:signup", args=[event.pk]), FORM, **headers
    )
    assert response.status_code == 403
    assert not Registration.objects.filter(event=event).exists()


def test_nginx_may_keep_a_page_without_a_token_and_never_one_with_a_token(
    signup_event, directory_page, settings
):
    # deploy/nginx.conf asks with X-Kuulu-Proxy-Cache: 1 and keeps only what has X-Accel-Expires.
    settings.KUULU_PROXY_CACHE_SECONDS = 2
    event = signup_event(capacity=3)
    for expected in ("MISS", "HIT"):
        response = Client().get(event.url, HTTP_X_KUULU_PROXY_CACHE="1")
        assert response["X-Cache"] == expected
        assert response["X-Accel-Expires"] == "2"
        assert not response.cookies and "csrfmiddlewaretoken" not in response.content.decode()
    # A public form page of its own keeps Django's token: each visitor their own, never kept by nginx.
    tokens = set()
    for expected in ("MISS", "HIT", "HIT"):
        response = Client().get(_propose_url(directory_page), HTTP_X_KUULU_PROXY_CACHE="1")
        assert response["X-Cache"] == expected
        assert "X-Accel-Expires" not in response
        assert _directives(response) == {"no-cache", "private"}
        assert "csrftoken" in response.cookies
        tokens.add(TOKEN.search(response.content.decode()).group(1))
    assert len(tokens) == 3


def test_a_cached_page_with_a_token_gives_each_visitor_a_token_that_passes_and_others_do_not(directory_page):
    url = _propose_url(directory_page)
    Client().get(url)  # someone else's visit stores the page
    visitor, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page = visitor.get(url)
    assert page["X-Cache"] == "HIT"
    token = TOKEN.search(page.content.decode()).group(1)
    other_token = TOKEN.search(other.get(url).content.decode()).group(1)
    assert other_token != token and "__kuulu_csrf_token__" not in page.content.decode()
    # Another visitor's token does not pass with this visitor's cookie; the placeholder never does.
    for wrong in (other_token, "__kuulu_csrf_token__"):
        assert visitor.post(url, {"csrfmiddlewaretoken": wrong}).status_code == 403
    # This visitor's own token passes the check (the empty form then answers with its errors).
    assert visitor.post(url, {"csrfmiddlewaretoken": token}).status_code == 400


def test_the_placeholder_in_a_query_is_never_filled_in(client, calendar_page, settings):
    # A filter value is reflected in the error summary: a link with the placeholder in it must not
    # show the visitor a token.
    settings.KUULU_PROXY_CACHE_SECONDS = 2
    url = calendar_page["fi"].url + "?area=__kuulu_csrf_token__"
    for headers in ({"HTTP_X_KUULU_PROXY_CACHE": "1"}, {}):
        html = client.get(url, **headers).content.decode()
        assert "__kuulu_csrf_token" in html  # shown as typed…
        assert not TOKEN.search(html) and "csrfmiddlewaretoken" not in html  # …never as a token


def test_a_form_error_from_a_cached_page_keeps_what_was_typed(signup_event):
    event = signup_event(capacity=3)
    Client().get(event.url)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(event.url)
    assert page["X-Cache"] == "HIT"
    response = visitor.post(
        reverse("registrations:signup", args=[event.pk]), {**FORM, "email": "ei-osoite"}, **SAME_ORIGIN
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary' in html or "error-summary" in html
    assert 'value="Aino Asukas"' in html and 'value="ei-osoite"' in html
    assert not Registration.objects.filter(event=event).exists()
    # The failed form was not stored, and the event page is still the cached one.
    assert Client().get(event.url)["X-Cache"] == "HIT"


# --- Feeds ---------------------------------------------------------------------------------------


def test_each_feed_variant_is_cached_until_an_event_in_it_is_published(client, calendar_page, make_event):
    now = timezone.now()
    make_event(title="Keskustan ilta", start=now + timedelta(days=3), areas=["keskusta"])
    variants = [
        calendar_page[language].url + "ical/" + query
        for language in ("fi", "sv", "en")
        for query in ("", "?area=keskusta", "?area=koivikko")
    ]
    for url in variants:
        assert client.get(url)["X-Cache"] == "MISS", url
    bodies = {}
    for url in variants:
        response = client.get(url)
        assert response["X-Cache"] == "HIT", url
        bodies[url] = response.content
    assert len(set(bodies.values())) == len(variants)  # every variant its own copy

    # Conditional GET still answers from the cached copy.
    url = variants[1]
    etag = client.get(url)["ETag"]
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304

    make_event(title="Koivikon ilta", start=now + timedelta(days=4), areas=["koivikko"])
    response = client.get(calendar_page["fi"].url + "ical/?area=koivikko")
    assert response["X-Cache"] == "MISS"
    titles = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert titles == ["Koivikon ilta"]
    # The other feeds were rebuilt, with the same bytes where nothing of theirs changed.
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_ical_feed_is_kept_an_hour_and_pages_a_minute(client, calendar_page, standard_page, monkeypatch):
    import time

    from django.core.cache.backends import locmem

    feed, page = calendar_page["fi"].url + "ical/", standard_page["fi"].url
    client.get(feed)
    client.get(page)
    later = time.time() + 120
    monkeypatch.setattr(locmem.time, "time", lambda: later)
    assert client.get(feed)["X-Cache"] == "HIT"
    assert client.get(page)["X-Cache"] == "MISS"
    later += 3600
    assert client.get(feed)["X-Cache"] == "MISS"


def test_the_feed_window_is_the_past_twelve_months_and_all_future(client, calendar_page, make_event):
    now = timezone.now()
    make_event(title="Viime vuonna", start=now - timedelta(days=360))
    make_event(title="Toissa vuonna", start=now - timedelta(days=370))
    make_event(title="Ensi vuonna", start=now + timedelta(days=700))
    response = client.get(calendar_page["fi"].url + "ical/")
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert {"Viime vuonna", "Ensi vuonna"} <= titles
    assert "Toissa vuonna" not in titles


def test_an_unpublished_event_leaves_the_cached_feed(client, calendar_page, make_event):
    event = make_event(title="Peruttava ilta", start=timezone.now() + timedelta(days=3))
    url = calendar_page["fi"].url + "ical/"
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    EventPage.objects.get(pk=event.pk).unpublish()
    titles = [str(e["SUMMARY"]) for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")]
    assert "Peruttava ilta" not in titles


def test_the_settings_row_made_by_the_first_page_view_keeps_the_cache_and_a_changed_setting_purges(
    client, standard_page, site_tree
):
    """Wagtail creates a site's settings rows with their defaults while rendering the first page
    that reads them; that purged the cache the same request had filled, so on a fresh site the
    first two views both ran the view (and query counts measured after one warm-up differed)."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    from home.models import SiteSettings

    for model in apps.get_models():
        if issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
            model.objects.all().delete()
    page_cache.purge()
    url = standard_page["fi"].url
    assert client.get(url)["X-Cache"] == "MISS"
    assert SiteSettings.objects.filter(site=site_tree["site"]).exists()  # made by that view
    assert client.get(url)["X-Cache"] == "HIT"

    settings_row = SiteSettings.for_site(site_tree["site"])
    settings_row.brand_colour = "#0b3d91"
    settings_row.save()
    assert client.get(url)["X-Cache"] == "MISS"
