"""Issue 15, the benchmark lines: what was made faster still shows the same thing, and what is
kept between requests (`home.page_cache.remember`) is never out of date after a change.

The speed itself is measured by `make bench-http`, never here (README, *Scale figures*)."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

from home import page_cache
from home.forms import FormRenderer, ListingSelect
from home.i18n import date_formatter, format_date
from tests.fixtures_directory import make_organisation

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    "format_name",
    [
        "DATETIME_FORMAT",
        "DATE_FORMAT",
        "TIME_FORMAT",
        "D",
        "l",
        "D j.n. G.i",
        "l {j}",
        "F Y",
        "j.n. \\k\\l\\o G",
        "d.m.y H:i:s",
        "Y-m-d",
    ],
)
def test_date_formatter_writes_what_djangos_date_format_writes(language, format_name):
    values = [
        datetime(2030, 1, 2, 18, 0, tzinfo=HELSINKI),
        datetime(2030, 3, 31, 3, 30, tzinfo=HELSINKI),  # the morning clocks go forward
        datetime(2030, 10, 27, 23, 59, 7, tzinfo=HELSINKI),
    ]
    with translation.override(language):
        formatter = date_formatter(format_name)
        for value in values:
            assert formatter(value) == date_format(value, format_name)
            assert format_date(value, format_name) == date_format(value, format_name)
            assert format_date(value.date(), "DATE_FORMAT") == date_format(value.date(), "DATE_FORMAT")


@pytest.mark.parametrize("value", ["", "b", "c", "3", "not a choice"])
def test_listing_select_writes_djangos_select(value):
    choices = [
        ("", "All"),
        ("Group <1>", [("a", "A & b"), ("b", "B")]),
        ("c", "C \"quoted\" 'too'"),
        ("d", mark_safe("<b>D</b>")),  # noqa: S308 (a label already safe is not escaped twice)
        (3, "Three"),
    ]
    attrs = {"aria-describedby": "id_f_help", "aria-invalid": "true"}
    expected = forms.Select(choices=choices, attrs=attrs).render("f", value, attrs={"id": "id_f"})
    assert ListingSelect(choices=choices, attrs=attrs).render("f", value, attrs={"id": "id_f"}) == expected


class _EveryInput(forms.Form):
    text = forms.CharField(max_length=20, help_text="Help")
    email = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    number = forms.IntegerField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    agree = forms.BooleanField()
    kinds = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.MultipleHiddenInput)
    source = forms.CharField(widget=forms.HiddenInput, disabled=True)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(attrs={"data-x": mark_safe("<i>")}))  # noqa: S308
    document = forms.FileField(required=False)
    area = forms.ChoiceField(choices=[("", "All"), ("x", "X")], required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "text": "A \"quoted\" <b> & 'too'",
            "email": "no",
            "number": "x",
            "day": "2030-02-30",
            "kinds": ["a", "b"],
        },
        {"text": "ok", "email": "a@b.fi", "number": "3", "day": "2030-03-01", "agree": "on", "secret": "s"},
    ],
)
def test_form_renderer_writes_djangos_inputs(data):
    """`home.forms.FormRenderer` (the site's FORM_RENDERER) writes `<input>`s without templates:
    every field of a form, bound or not, valid or not, is the HTML Django's templates write."""
    from django.forms.renderers import DjangoTemplates

    def rendered(renderer):
        form = _EveryInput(data, initial={"source": "calendar", "kinds": ["a"]}, renderer=renderer)
        if data is not None:
            form.is_valid()  # errors: aria-describedby below
        return [
            field.as_widget(attrs={"aria-describedby": "id_help"} if field.errors else None) for field in form
        ]

    assert rendered(FormRenderer()) == rendered(DjangoTemplates())


# --- The year view's wheel, written in one pass ---------------------------------------------------


@pytest.mark.django_db
def test_wheel_marks_name_and_link_each_event_with_its_title_escaped(client, calendar_page, make_event):
    event = make_event(
        title='Ilta <script>alert("x")</script> & keskustelu',
        start=datetime(2030, 5, 6, 18, 0, tzinfo=HELSINKI),
    )
    html = client.get(calendar_page["fi"].url + "2030/").content.decode()
    marks = re.search(r'<g class="wheel__marks">(.*?)</g>', html, re.S).group(1)
    assert "<script>" not in marks
    with translation.override("fi"):
        when = date_format(event.start.astimezone(HELSINKI), "DATETIME_FORMAT")
    assert (
        f'<a href="{event.url}" aria-labelledby="wheel-mark-{event.pk}"><title id="wheel-mark-{event.pk}">'
        f"Ilta &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; keskustelu, {when}"
    ) in marks
    assert 'class="wheel__mark' in marks and 'class="wheel__focus"' in marks


# --- What is kept between requests follows every change -------------------------------------------


@pytest.mark.django_db
def test_year_view_follows_a_new_an_edited_and_an_unpublished_event_at_once(
    client, calendar_page, make_event
):
    """The unfiltered year's events and wheel are kept per content generation (the year view):
    the wheel and the list show every change at the next request; a filtered year is worked out
    each time and agrees."""
    url = calendar_page["fi"].url + "2037/"

    def shown(query=""):
        html = client.get(url + query).content.decode()
        wheel = re.findall(r'<title id="wheel-mark-\d+">([^,<]*),', html)
        listed = re.findall(r'<h4 class="event-item__title"><a href="[^"]*">([^<]*)</a>', html)
        return wheel, listed

    first = make_event(title="Ensimmäinen ilta", start=datetime(2037, 3, 4, 18, 0, tzinfo=HELSINKI))
    assert shown() == (["Ensimmäinen ilta"], ["Ensimmäinen ilta"])
    second = make_event(title="Toinen ilta", start=datetime(2037, 9, 1, 18, 0, tzinfo=HELSINKI))
    assert shown() == (["Ensimmäinen ilta", "Toinen ilta"],) * 2
    first.title = "Muutettu ilta"
    first.save_revision().publish()
    assert shown() == (["Muutettu ilta", "Toinen ilta"],) * 2
    second.unpublish()
    assert shown() == (["Muutettu ilta"], ["Muutettu ilta"])
    assert shown("?format=asukasilta") == (["Muutettu ilta"], ["Muutettu ilta"])


@pytest.mark.django_db
def test_remembered_values_are_computed_again_after_a_purge():
    calls = []
    assert page_cache.remember(("test", 1), lambda: calls.append(1) or len(calls)) == 1
    assert page_cache.remember(("test", 1), lambda: calls.append(1) or len(calls)) == 1
    page_cache.purge()
    assert page_cache.remember(("test", 1), lambda: calls.append(1) or len(calls)) == 2


@pytest.mark.django_db
def test_remembered_values_expire_without_a_purge(monkeypatch):
    calls = []
    page_cache.remember(("test", 2), lambda: calls.append(1))
    monkeypatch.setattr(page_cache, "_clock", lambda: page_cache.REMEMBER_SECONDS - 1)
    page_cache.remember(("test", 2), lambda: calls.append(1))
    assert len(calls) == 1, "kept until REMEMBER_SECONDS have passed"
    monkeypatch.setattr(page_cache, "_clock", lambda: page_cache.REMEMBER_SECONDS + 1)
    page_cache.remember(("test", 2), lambda: calls.append(1))
    assert len(calls) == 2


@pytest.mark.django_db
def test_remembered_values_are_bounded_in_number(monkeypatch):
    monkeypatch.setattr(page_cache, "REMEMBER_MAX_ENTRIES", 3)
    page_cache.purge()
    for n in range(3):
        page_cache.remember(("test-bound", n), lambda n=n: n)
    assert len(page_cache._remembered["values"]) == 3
    page_cache.remember(("test-bound", 3), lambda: 3)
    assert len(page_cache._remembered["values"]) == 1


def _titles(client, page, query=""):
    response = client.get(page.url + query)
    assert response.status_code == 200
    return [o.title for o in response.context["organisations"]], response


@pytest.mark.django_db
def test_directory_listing_shows_a_new_unpublished_and_bulk_added_organisation_at_once(
    client, directory_page, organisations, bulk_organisations
):
    page = directory_page["fi"]
    before, _response = _titles(client, page)
    added = make_organisation(page, title="Aaltojen soutajat")  # published: Wagtail's signals
    after, response = _titles(client, page)
    assert after == sorted([*before, "Aaltojen soutajat"])
    assert f"{len(after)} yhdistystä" in response.content.decode()
    added.unpublish()
    assert _titles(client, page)[0] == before
    bulk_organisations(3, seed=7)  # bulk inserts, as the importer writes them: no signals
    listed, response = _titles(client, page)
    assert len(listed) == len(before) + 3
    assert response.context["page_obj"].paginator.count == len(before) + 3


@pytest.mark.django_db
def test_directory_sorting_by_update_is_kept_apart_from_sorting_by_name(
    client, directory_page, organisations
):
    page = directory_page["fi"]
    by_name, _response = _titles(client, page)
    by_update, _response = _titles(client, page, "?sort=updated")
    assert by_name == sorted(by_name)
    assert sorted(by_update) == by_name
    assert _titles(client, page, "?sort=name")[0] == by_name


@pytest.mark.django_db
def test_calendar_filter_choices_follow_a_new_format_and_area_at_once(client, calendar_page):
    """Formats, areas, themes and series are kept per content generation (`remembered_rows`)."""
    from participation_pages.models import EventFormat
    from taxonomy.models import Area

    page = calendar_page["fi"]
    assert 'value="kavely"' not in client.get(page.url).content.decode()
    EventFormat.objects.create(name="Kävelykierros", slug="kavely", colour="#0b3d91", locale=page.locale)
    Area.objects.create(name="Uusi alue", slug="uusi-alue", locale=page.locale)
    html = client.get(page.url + "?format=kavely&area=uusi-alue").content.decode()
    assert '<option value="kavely" selected>Kävelykierros</option>' in html
    assert '<option value="uusi-alue" selected>' in html
    assert "error-summary" not in html


@pytest.mark.django_db
def test_directory_municipality_choices_follow_a_new_organisation(client, directory_page, organisations):
    from directory.models import Municipality

    page = directory_page["fi"]
    html = client.get(page.url).content.decode()
    used = set(re.findall(r'<option value="(\d{3})"', html))
    new = Municipality.objects.exclude(code__in=used).exclude(code="999").order_by("code").first()
    make_organisation(page, title="Uusi seura", municipality=new.code)
    html = client.get(page.url).content.decode()
    assert f'<option value="{new.code}">' in html


@pytest.mark.django_db
def test_subscribe_form_offers_a_new_theme_at_once(client, site_tree):
    from django.urls import reverse

    from taxonomy.models import Theme

    with translation.override("fi"):
        url = reverse("newsletters:subscribe")
    assert "Saaristo ja meri" not in client.get(url).content.decode()
    Theme.objects.create(name="Saaristo ja meri", slug="saaristo-ja-meri")
    assert "Saaristo ja meri" in client.get(url).content.decode()


@pytest.mark.django_db
def test_site_is_found_again_after_it_changes(client, site_tree):
    from wagtail.models import Site

    home_url = site_tree["fi"].url
    assert Site.find_for_request(client.get(home_url).wsgi_request).pk == site_tree["site"].pk
    site = site_tree["site"]
    site.site_name = "Järvelän uusi nimi"
    site.save()
    assert Site.find_for_request(client.get(home_url).wsgi_request).site_name == "Järvelän uusi nimi"


@pytest.mark.django_db
def test_breadcrumbs_and_language_links_follow_a_publish_at_once(client, site_tree):
    from home.models import StandardPage

    section = site_tree["fi"].add_child(instance=StandardPage(title="Asuminen", slug="asuminen"))
    section.save_revision().publish()
    leaf = section.add_child(instance=StandardPage(title="Pihat", slug="pihat"))
    leaf.save_revision().publish()

    def crumbs():
        html = client.get(leaf.url).content.decode()
        nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
        return re.findall(r'<a href="[^"]*">([^<]*)</a>', nav)

    assert crumbs()[-1] == "Asuminen"
    section.title = "Asuminen ja ympäristö"
    section.save_revision().publish()
    assert crumbs()[-1] == "Asuminen ja ympäristö"
    section.unpublish()
    assert "Asuminen ja ympäristö" not in crumbs()  # breadcrumbs name live pages only


@pytest.mark.django_db
def test_language_links_follow_an_unpublished_translation_at_once(client, calendar_page):
    def swedish_link():
        html = client.get(calendar_page["fi"].url).content.decode()
        return re.search(
            r'<a href="([^"]*)" lang="sv" hreflang="sv"( aria-describedby="not-translated-sv")?', html
        )

    link = swedish_link()
    assert link.group(1) == calendar_page["sv"].url and not link.group(2)
    calendar_page["sv"].unpublish()
    link = swedish_link()
    assert link.group(1) != calendar_page["sv"].url and link.group(2)  # "not translated yet: front page"


@pytest.mark.django_db
def test_footer_links_follow_a_renamed_and_an_unpublished_translation_at_once(client, calendar_page):
    """The footer's link to the privacy notice (`{% localized_page %}`, remembered between
    requests) leads to the reader's language version as it is now."""
    from wagtail.models import Site

    from home.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_notice = calendar_page["fi"]
    settings.save()

    def privacy_link():
        html = client.get("/sv/").content.decode()
        footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
        return re.search(r'<li><a href="([^"]*)">[^<]*</a></li>\s*<li><a href="/sitemap.xml"', footer).group(
            1
        )

    assert privacy_link() == calendar_page["sv"].url
    swedish = calendar_page["sv"]
    swedish.slug = "arshjulet-nytt"
    swedish.save_revision().publish()
    assert privacy_link() == "/sv/arshjulet-nytt/"
    swedish.unpublish()
    assert privacy_link() == calendar_page["fi"].url  # no Swedish version: the Finnish one


# --- What Wagtail looks up on every page served ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_warm_page_view_reads_no_locale_view_restriction_or_settings_row(
    client, site_tree, settings, language
):
    """Wagtail finds the reader's `Locale` (routing), the page's view restrictions (its
    `check_view_restrictions` hook) and the site settings (footer, brand, feedback) with a query
    each on every page served; Kuulu keeps all three per content generation."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.KUULU_PAGE_CACHE_SECONDS = 0  # render every time: the page cache would answer alone
    url = site_tree[language].url
    for _ in range(2):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("wagtailcore_locale", "wagtailcore_pageviewrestriction", "home_sitesettings"):
        assert table not in tables


@pytest.mark.django_db
def test_a_listing_of_public_pages_does_not_list_the_restrictions_each_time(
    site_tree, django_assert_num_queries
):
    from wagtail.models import Page

    list(Page.objects.live().public())
    with django_assert_num_queries(1):  # the pages; the private sections are kept
        assert site_tree["fi"].page_ptr in list(Page.objects.live().public())


@pytest.mark.django_db
def test_view_restrictions_are_wagtails_for_every_page_and_follow_a_change_at_once(client, site_tree):
    """`home.page_cache.view_restrictions` answers what Wagtail's `Page.get_view_restrictions`
    answers (the page and its ancestors, an alias standing for its source), for every page, and
    `.public()` (`home.page_cache.private_q`) keeps what Wagtail's keeps, before and after a section
    is made private and an alias of it is made elsewhere."""
    from wagtail.models import Page, PageViewRestriction

    from home import page_cache
    from home.models import StandardPage

    section = site_tree["fi"].add_child(instance=StandardPage(title="Sisäinen", slug="sisainen"))
    section.save_revision().publish()
    leaf = section.add_child(instance=StandardPage(title="Ohje", slug="ohje"))
    leaf.save_revision().publish()

    def same_as_wagtail():
        for page in Page.objects.all():
            kept = set(page.get_view_restrictions().values_list("pk", flat=True))
            assert kept == set(page_cache._wagtail_view_restrictions(page).values_list("pk", flat=True))
        wagtails_public = Page.objects.exclude(page_cache._wagtail_private_q(Page.objects.all()))
        assert set(Page.objects.public()) == set(wagtails_public)
        assert set(Page.objects.not_public()) == set(Page.objects.exclude(pk__in=wagtails_public))

    assert client.get(leaf.url).status_code == 200
    same_as_wagtail()
    assert Page.objects.public().filter(pk=leaf.pk).exists()
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    assert "password" in client.get(leaf.url).content.decode()  # Wagtail's password form, at once
    alias = leaf.create_alias(parent=site_tree["fi"], update_slug="ohjeen-alias")
    assert set(alias.get_view_restrictions()) == set()  # an alias of a page below the restriction
    source_alias = section.create_alias(parent=site_tree["fi"], update_slug="sisaisen-alias")
    assert set(source_alias.get_view_restrictions()) == {restriction}  # stands for its source
    assert not Page.objects.public().filter(pk__in=[leaf.pk, section.pk]).exists()
    same_as_wagtail()
    restriction.delete()
    assert client.get(leaf.url).status_code == 200
    same_as_wagtail()


@pytest.mark.django_db
def test_kept_site_settings_follow_a_change_at_once_and_stay_apart_per_request(client, site_tree):
    from wagtail.models import Site

    from home.models import SiteSettings

    def footer():
        html = client.get(site_tree["fi"].url).content.decode()
        return re.search(r"<footer.*?</footer>", html, re.S).group(0)

    site = Site.objects.get(is_default_site=True)
    settings_ = SiteSettings.for_site(site)
    settings_.organisation_name = "Järvelän kaupunki"
    settings_.save()
    assert "Järvelän kaupunki" in footer()
    settings_.organisation_name = "Järvelän kunta"
    settings_.save()
    assert "Järvelän kunta" in footer()

    first, second = (client.get(site_tree["fi"].url).wsgi_request for _ in range(2))
    a, b = SiteSettings.for_request(first), SiteSettings.for_request(second)
    assert a is not b and a._request is first and b._request is second
    assert a is SiteSettings.for_request(first)  # once per request, as Wagtail keeps it


@pytest.mark.django_db
def test_the_active_locale_is_wagtails(site_tree):
    from wagtail.models import Locale

    for language in ("fi", "sv", "en"):
        with translation.override(language):
            assert Locale.get_active() == Locale.objects.get(language_code=language)
    with translation.override("de"):
        assert Locale.get_active() == Locale.objects.get(language_code="fi")  # not offered: the default
