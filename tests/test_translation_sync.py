"""Issue 11: translations follow their source. Publishing a Finnish page (or saving a Finnish
snippet) brings its Swedish and English versions up to date and republishes the live ones, with no
further step; editors see which translations are behind in text; deleting a translatable snippet
is refused while any language uses it, and otherwise removes every language's version."""

import json
import re

import pytest
from defusedxml.ElementTree import fromstring
from icalendar import Calendar

from participation_pages.models import EventPage
from tests.fixtures_events import helsinki

pytestmark = pytest.mark.django_db

TITLE = ("Kevään asukasilta", "Vårens invånarkväll", "Spring resident evening")


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def json_ld(html):
    """The page's one Event object (a BreadcrumbList may stand beside it, issue 12)."""
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    (event,) = [data for data in map(json.loads, scripts) if data.get("@type") == "Event"]
    return event


def vevent(response, summary, url=None):
    """The one VEVENT of an iCalendar response whose SUMMARY contains `summary` (and whose URL
    ends with `url`, when given)."""
    assert response.status_code == 200
    events = [
        e
        for e in Calendar.from_ical(response.content).walk("VEVENT")
        if summary in str(e["SUMMARY"]) and (url is None or str(e["URL"]).endswith(url))
    ]
    assert len(events) == 1
    return events[0]


def shown_time(html):
    """(`datetime`, text) of the event page's visible `<time>`."""
    return re.search(r'<dd><time datetime="([^"]+)">([^<]+)</time></dd>', html).groups()


def rss_title(response, title):
    items = fromstring(response.content).find("channel").findall("item")
    (match,) = [i.findtext("title") for i in items if title in i.findtext("title")]
    return match


def test_a_time_change_and_a_cancellation_reach_every_language_with_no_further_step(
    client, make_event, calendar_page
):
    event = make_event(title=TITLE, start=helsinki(2030, 5, 18, 18), translate_to_all=True)
    translations = event.translations
    event.start, event.end = helsinki(2030, 5, 19, 17), helsinki(2030, 5, 19, 19)
    event.save_revision().publish()
    for code, title, when in (
        ("sv", TITLE[1], "sön 19 maj 2030 kl. 17.00–19.00"),
        ("en", TITLE[2], "Sun 19 May 2030, 17:00–19:00"),
    ):
        page = fresh(translations[code])
        html = client.get(page.url).content.decode()
        assert shown_time(html) == ("2030-05-19T17:00:00+03:00", when)  # what the reader sees
        data = json_ld(html)
        assert data["startDate"] == "2030-05-19T17:00:00+03:00"
        assert data["eventStatus"] == "https://schema.org/EventScheduled"
        assert vevent(client.get(page.url + "ics/"), title).decoded("DTSTART") == helsinki(2030, 5, 19, 17)
        feed = vevent(client.get(calendar_page[code].url + "ical/"), title)
        assert feed.decoded("DTSTART") == helsinki(2030, 5, 19, 17)
        assert feed["STATUS"] == "CONFIRMED"

    event = fresh(event)
    event.status = EventPage.Status.CANCELLED
    event.save_revision().publish()
    for code, title, cancelled in (("sv", TITLE[1], "Inställt"), ("en", TITLE[2], "Cancelled")):
        page = fresh(translations[code])
        assert page.live and not page.has_unpublished_changes
        html = client.get(page.url).content.decode()
        assert 'class="event__status event__status--cancelled"' in html
        assert json_ld(html)["eventStatus"] == "https://schema.org/EventCancelled"
        assert vevent(client.get(page.url + "ics/"), title)["STATUS"] == "CANCELLED"
        assert vevent(client.get(calendar_page[code].url + "ical/"), title)["STATUS"] == "CANCELLED"
        assert rss_title(client.get(calendar_page[code].url + "rss/"), title).startswith(cancelled)


# --- every translatable model with synchronised fields ------------------------------------------
#
# One case per translatable page and snippet model of Kuulu: change a synchronised field of the
# Finnish version, publish it (a page) or save it (a snippet), and find the change in the Swedish
# and English versions, the live pages republished.


@pytest.fixture(scope="module")
def translated(module_site, module_make_event, module_make_topic, module_content_factory):
    """{name: {language: pk}} of translated pages and snippets, built once for the module."""
    from demo.translation import translate
    from directory.models import DirectoryPage, Municipality, NetworkPage, OrganisationPage

    ids, tr = module_site["ids"], module_site["tr"]
    factory = module_content_factory
    built = {
        name: ids[name]
        for name in (
            "home",
            "standard_page",
            "calendar_page",
            "topic_index",
            "directory_page",
            "coordinator_page",
            "practice_index",
            "news_index",
            "panel_page",
            "poll_page",
            "poll",
            "venue",
            "series",
        )
    }
    built["area"], built["theme"] = ids["areas"]["keskusta"], ids["themes"]["koulut"]
    built["format"] = ids["formats"]["asukasilta"]

    def pks(fi, others):
        return {"fi": fi.pk, **{code: obj.pk for code, obj in others.items()}}

    event = module_make_event(title=TITLE, start=helsinki(2030, 5, 18, 18), translate_to_all=True)
    built["event"] = {code: page.pk for code, page in event.translations.items()}
    topic = module_make_topic(translate_to_all=True)
    built["topic"] = {code: page.pk for code, page in topic.translations.items()}
    person = factory.person("Tiina Testaaja", "staff", ["keskusta"], phone="040 111 2222")
    built["person"] = {p.locale.language_code: p.pk for p in person.get_translations(inclusive=True)}
    practice = factory.practice_model(("Kylätalo", "Byhuset", "Village hall"), translate_all=True)
    built["practice_model"] = {code: page.pk for code, page in practice.translations.items()}
    article = factory.article(("Uutinen", "Nyhet", "News item"), translate_all=True)
    built["article"] = {code: page.pk for code, page in article.translations.items()}

    home = factory.pages["home"]["fi"]
    network = NetworkPage(
        title=tr("Verkosto", "Nätverket", "The network"),
        slug=tr("verkosto", "natverket", "the-network"),
        summary=tr("Yhdistysten verkosto.", "Föreningarnas nätverk.", "A network of associations."),
        purpose=tr.paragraphs(("Yhteistyö.", "Samarbete.", "Co-operation.")),
    )
    home.add_child(instance=network)
    network.save_revision().publish()
    built["network"] = pks(network, translate(network, tr))

    organisation = OrganisationPage(
        title=tr("Kuoroyhdistys ry", "Körföreningen rf", "Choir association"),
        slug=tr("kuoroyhdistys", "korforeningen", "choir-association"),
        summary=tr("Laulamme yhdessä.", "Vi sjunger tillsammans.", "We sing together."),
        municipality=Municipality.objects.get(code="091"),
        phone="09 123 4567",
    )
    parent = DirectoryPage.objects.get(pk=ids["directory_page"]["fi"])
    parent.add_child(instance=organisation)
    organisation.save_revision().publish()
    built["organisation"] = pks(organisation, translate(organisation, tr))

    from newsletters.models import NewsletterArchivePage, NewsletterPage

    archive = NewsletterArchivePage(
        title=tr("Järjestökirje", "Föreningsbrevet", "Association newsletter"),
        slug=tr("jarjestokirje", "foreningsbrevet", "association-newsletter"),
        list_slug="associations",
    )
    home.add_child(instance=archive)
    archive.save_revision().publish()
    built["newsletter_archive"] = pks(archive, translate(archive, tr))
    issue = NewsletterPage(
        title=tr("Järjestökirje 1/2030", "Föreningsbrevet 1/2030", "Association newsletter 1/2030"),
        slug=tr("nro-1-2030", "nr-1-2030", "no-1-2030"),
        introduction=tr("Tervetuloa.", "Välkommen.", "Welcome."),
    )
    archive.add_child(instance=issue)
    issue.save_revision().publish()
    built["newsletter"] = pks(issue, translate(issue, tr))
    return built


def _model(name):
    from django.apps import apps

    return apps.get_model(name)


def _set(**values):
    def change(obj, built):
        for field, value in values.items():
            setattr(obj, field, value(built) if callable(value) else value)

    return change


def _value(field):
    return lambda obj: getattr(obj, field)


# name in `translated`, model, change to the Finnish version, what every language must then show
CASES = [
    ("home", "home.HomePage", _set(hero_link_id=lambda b: b["standard_page"]["fi"]), _value("hero_link_id")),
    ("standard_page", "home.StandardPage", _set(participation_open=True), _value("participation_open")),
    ("calendar_page", "participation_pages.CalendarPage", _set(show_in_menus=False), _value("show_in_menus")),
    (
        "event",
        "participation_pages.EventPage",
        _set(capacity=12, start=helsinki(2030, 5, 19, 17), end=helsinki(2030, 5, 19, 19)),
        lambda e: (e.capacity, e.start),
    ),
    (
        "topic",
        "participation_pages.ParticipationTopicPage",
        _set(status="decided"),
        _value("status"),
    ),
    (
        "topic_index",
        "participation_pages.ParticipationTopicIndexPage",
        _set(show_in_menus=True),
        _value("show_in_menus"),
    ),
    ("directory_page", "directory.DirectoryPage", _set(show_in_menus=True), _value("show_in_menus")),
    (
        "organisation",
        "directory.OrganisationPage",
        _set(phone="09 765 4321", looking_for_volunteers=True),
        lambda o: (o.phone, o.looking_for_volunteers),
    ),
    ("coordinator_page", "directory.AreaCoordinatorPage", _set(show_in_menus=True), _value("show_in_menus")),
    (
        "network",
        "directory.NetworkPage",
        lambda obj, built: obj.member_links.add(
            _model("directory.NetworkMember")(organisation_id=built["standard_page"]["fi"])
        ),
        lambda n: [m.organisation_id for m in n.member_links.all()],
    ),
    (
        "practice_index",
        "directory.PracticeModelIndexPage",
        _set(show_in_menus=True),
        _value("show_in_menus"),
    ),
    ("practice_model", "directory.PracticeModelPage", _set(stage="in_development"), _value("stage")),
    ("news_index", "directory.ArticleIndexPage", _set(show_in_menus=True), _value("show_in_menus")),
    ("article", "directory.ArticlePage", _set(date=helsinki(2029, 1, 2).date()), _value("date")),
    (
        "panel_page",
        "panels.ResidentPanelPage",
        _set(status="working", target_size=9, minimum_age=18),
        lambda p: (p.status, p.target_size, p.minimum_age),
    ),
    ("poll_page", "feedback.PollPage", _set(show_in_menus=True), _value("show_in_menus")),
    # snippets
    ("area", "taxonomy.Area", _set(postcodes="99100 99120"), _value("postcodes")),
    ("theme", "taxonomy.Theme", _set(slug="koulut-ja-paivakodit"), _value("slug")),
    (
        "format",
        "participation_pages.EventFormat",
        _set(colour="#123456", slug="ilta"),
        lambda f: (f.colour, f.slug),
    ),
    (
        "venue",
        "participation_pages.Venue",
        _set(street_address="Torikatu 2", postcode="99130", induction_loop=False),
        lambda v: (v.street_address, v.postcode, v.induction_loop),
    ),
    ("series", "participation_pages.EventSeries", _set(slug="treffit"), _value("slug")),
    (
        "person",
        "directory.Person",
        _set(phone="040 999 8888", kind="area_coordinator"),
        lambda p: (p.phone, p.kind),
    ),
    ("poll", "feedback.Poll", _set(closed=True), _value("closed")),
    (
        "newsletter_archive",
        "newsletters.NewsletterArchivePage",
        _set(list_slug="jarjestot"),
        _value("list_slug"),
    ),
    ("newsletter", "newsletters.NewsletterPage", _set(show_in_menus=True), _value("show_in_menus")),
]


@pytest.mark.parametrize(("name", "model_name", "change", "value"), CASES, ids=[case[0] for case in CASES])
def test_a_published_change_reaches_every_translation(
    name, model_name, change, value, translated, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    model = _model(model_name)
    versions = {code: model.objects.get(pk=pk) for code, pk in translated[name].items()}
    fi = versions["fi"]
    before = {code: value(obj) for code, obj in versions.items()}
    change(fi, translated)
    if isinstance(fi, Page):
        fi.save_revision().publish()
    else:
        with django_capture_on_commit_callbacks(execute=True):
            fi.save()
    expected = value(model.objects.get(pk=fi.pk))
    assert expected != before["sv"]  # the case changes something
    for code in ("sv", "en"):
        target = model.objects.get(pk=translated[name][code])
        assert value(target) == expected, code
        if isinstance(target, Page):
            assert target.live and not target.has_unpublished_changes


def test_every_translatable_page_and_snippet_model_has_a_case():
    from wagtail.models import Page
    from wagtail.snippets.models import get_snippet_models
    from wagtail_localize.models import get_translatable_models

    snippets = set(get_snippet_models())
    ours = {
        f"{m._meta.app_label}.{m.__name__}"
        for m in get_translatable_models(include_subclasses=True)
        if not m._meta.app_label.startswith("wagtail") and (issubclass(m, Page) or m in snippets)
    }
    # The event feedback questions are three texts to translate and nothing to synchronise.
    assert ours - {case[1] for case in CASES} == {"feedback.EventFeedbackQuestions"}


# --- what residents see after the Finnish version changes ---------------------------------------


def assert_venue(client, page, calendar, street_address, name=None):
    """The event `page` names the venue at `street_address` on the page, in its JSON-LD
    `location`, its `.ics` LOCATION and its language's iCal feed."""
    html = client.get(page.url).content.decode()
    assert street_address in html and (name is None or name in html)
    place = json_ld(html)["location"]
    assert place["address"]["streetAddress"] == street_address
    assert name is None or place["name"] == name
    assert street_address in str(vevent(client.get(page.url + "ics/"), page.title)["LOCATION"])
    feed = vevent(client.get(calendar.url + "ical/"), page.title, url=page.url)
    assert street_address in str(feed["LOCATION"])


def test_a_venue_change_shows_on_every_language_version_of_the_event(
    client, make_event, event_refs, calendar_page, django_capture_on_commit_callbacks
):
    from participation_pages.models import Venue

    event = make_event(title=TITLE, translate_to_all=True)
    translations = event.translations
    venue = event_refs["venue"]
    venue.street_address = "Torikatu 2"
    with django_capture_on_commit_callbacks(execute=True):
        venue.save()
    for code in ("sv", "en"):
        assert_venue(client, fresh(translations[code]), calendar_page[code], "Torikatu 2")

    # Another venue, never translated: the sv/en pages name it (in Finnish until translated).
    hall = Venue.objects.create(
        name="Kaupungintalo", street_address="Raatihuoneenkatu 5", postcode="99100", city="Järvelä"
    )
    event = fresh(event)
    event.venue = hall
    event.save_revision().publish()
    for code in ("sv", "en"):
        page = fresh(translations[code])
        assert_venue(client, page, calendar_page[code], "Raatihuoneenkatu 5", name="Kaupungintalo")
        assert "Torikatu 2" not in client.get(page.url).content.decode()

    # Moved online: no language keeps the venue.
    event = fresh(event)
    event.venue, event.attendance_mode = None, EventPage.AttendanceMode.ONLINE
    event.online_url = "https://meet.example.org/kevat"
    event.save_revision().publish()
    for code in ("sv", "en"):
        page = fresh(translations[code])
        assert page.venue_id is None
        html = client.get(page.url).content.decode()
        assert "Raatihuoneenkatu 5" not in html and 'href="https://meet.example.org/kevat"' in html


def test_new_areas_and_themes_of_an_event_reach_every_languages_calendar(client, make_event, calendar_page):
    from participation_pages.models import EventPageArea, EventPageTheme
    from taxonomy.models import Area, Theme
    from tests.test_events_calendar import listed_titles

    event = make_event(
        title=TITLE, start=helsinki(2030, 5, 18, 18), areas=["pohjoinen"], translate_to_all=True
    )
    translations = event.translations
    # A theme nobody has translated yet: the sv/en events get its sv/en version (Finnish text
    # until translated) rather than keeping what they had.
    parks = Theme.objects.create(name="Puistot", slug="puistot")
    event.area_links = [EventPageArea(area=Area.objects.get(slug="koivikko", locale=event.locale))]
    event.theme_links = [EventPageTheme(theme=parks)]
    event.save_revision().publish()
    for code, title in (("sv", TITLE[1]), ("en", TITLE[2])):
        url = calendar_page[code].url + "2030/"
        assert listed_titles(client.get(url, {"theme": "puistot"}).content.decode()) == [title]
        assert listed_titles(client.get(url, {"area": "koivikko"}).content.decode()) == [title]
        page = fresh(translations[code])
        assert [link.theme.locale.language_code for link in page.theme_links.all()] == [code]
        assert [link.area.slug for link in page.area_links.all()] == ["koivikko"]


def test_new_area_links_take_their_pages_language_with_no_read_of_the_page_each(make_event):
    """A new area link row is in its page's language (the Swedish page's rows are Swedish),
    found from the page in memory: saving the page with four new links reads the page's own
    table no more often than saving it with one (Wagtail read it again for each new row; the
    reference index, which reads it for each row too, is left out as `make_event` leaves it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from participation_pages.models import EventPageArea
    from taxonomy.models import Area

    event = make_event(title=TITLE, translate_to_all=True)
    slugs = ["keskusta", "torinranta", "koivikko", "pohjoinen"]

    def page_reads_to_link(code, count):
        EventPageArea.objects.filter(page_id=event.translations[code].pk).delete()
        page = EventPage.objects.get(pk=event.translations[code].pk)
        areas = {a.slug: a for a in Area.objects.filter(locale=page.locale, slug__in=slugs)}
        page.area_links = [EventPageArea(area=areas[slug]) for slug in slugs[:count]]
        with disable_reference_index_auto_update(), CaptureQueriesContext(connection) as queries:
            page.save()
        links = EventPageArea.objects.filter(page=page)
        assert [link.locale.language_code for link in links] == [code] * count
        assert [link.area.slug for link in links] == slugs[:count]
        return sum('FROM "participation_pages_eventpage"' in query["sql"] for query in queries)

    for code in ("fi", "sv"):
        assert page_reads_to_link(code, 4) == page_reads_to_link(code, 1), code


def test_a_topics_status_reaches_every_language(client, make_topic):
    topic = make_topic(status="open", translate_to_all=True)
    translations = topic.translations
    topic.status = "decided"
    topic.save_revision().publish()
    for code, label in (("sv", "Beslutad"), ("en", "Decided")):
        html = client.get(fresh(translations[code]).url).content.decode()
        assert f'<p class="topic__status"><strong>{label}</strong></p>' in html


def test_after_the_draw_no_language_version_of_the_panel_takes_applications(client, panel_page):
    from datetime import timedelta

    from django.utils import timezone

    from panels.models import Application, Draw, ResidentPanelPage
    from tests.test_panels_apply import form_data

    fi = panel_page["fi"]
    # The draw is published while the editor has not yet changed the status: no language takes
    # an application that would stay pending for ever.
    Draw.objects.create(
        panel=fi,
        algorithm="maximin",
        solver_backend="highspy",
        library_version="1",
        seed=1,
        number_wanted=6,
        reserves_wanted=3,
        snapshot_digest="0" * 64,
        status=Draw.Status.SUCCEEDED,
        published=True,
    )
    for code in ("fi", "sv", "en"):
        page = panel_page[code]
        response = client.post(page.apply_url(), form_data(postcode="00100", email=f"{code}@example.invalid"))
        assert response.status_code == 200
        assert "<form" not in response.content.decode().split("<main", 1)[1]
    assert not Application.objects.filter(panel=fi).exists()

    # The editor then closes the period and marks the panel at work: every language says so.
    fi.status = ResidentPanelPage.Status.WORKING
    fi.applications_close = (timezone.now() - timedelta(minutes=1)).replace(microsecond=0)
    fi.save_revision().publish()
    fi = fresh(fi)
    for code, label in (("sv", "Panelen arbetar"), ("en", "Panel at work")):
        page = fresh(panel_page[code])
        assert (page.status, page.applications_close) == (fi.status, fi.applications_close)
        html = client.get(page.url).content.decode()
        assert label in html
        assert 'class="participation-symbol' not in html


def test_the_english_registrants_follow_up_link_shows_the_report(
    client, make_event, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    from registrations import services

    event = make_event(
        title=TITLE,
        start=timezone.now() - timedelta(days=2),
        translate_to_all=True,
        registration_enabled=True,
        capacity=5,
    )
    translations = event.translations
    services.sign_up(
        event, name="Emma", email="emma@example.org", language="en", follow_up_opt_in=True, check_open=False
    )
    event = fresh(event)
    event.follow_up_what_happened = "<p>Kuulimme kolmesataa ehdotusta.</p>"
    event.follow_up_published_at = timezone.localdate()
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    (message,) = [m for m in mail.outbox[before:] if m.to == ["emma@example.org"]]
    (url,) = [u for u in re.findall(r"https?://\S+", message.body) if "/en/" in u and "manage" not in u]
    html = client.get(url.replace("http://testserver", "")).content.decode()
    assert 'id="follow-up-heading"' in html
    assert "Kuulimme kolmesataa ehdotusta." in html  # Finnish until the report is translated
    # and the Swedish page, which nobody was sent to, shows it too
    sv = fresh(translations["sv"])
    assert sv.follow_up_published_at == event.follow_up_published_at
    html = client.get(sv.url).content.decode()
    assert 'id="follow-up-heading"' in html and "Kuulimme kolmesataa ehdotusta." in html


def test_an_editors_change_approved_by_a_moderator_reaches_every_translation(client, standard_page):
    """The everyday path: an editor changes the Finnish page and submits it, a moderator approves
    it in the admin. The approval published the Finnish page and then failed (the sync published
    the translations as the revision's author, the editor, who may not publish)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from home import roles

    users = {}
    for role in ("editors", "moderators"):
        users[role] = get_user_model().objects.create_user(role, f"{role}@example.invalid", "x")
        users[role].groups.add(roles.group(role))
    fi = standard_page["fi"]
    fi.participation_open = True  # a synchronised field: the participation symbol in every language
    fi.save_revision(user=users["editors"])
    state = fi.get_workflow().start(fi, users["editors"])
    moderator = Client()
    moderator.force_login(users["moderators"])

    response = moderator.post(
        f"/admin/pages/workflow/action/{fi.pk}/approve/{state.current_task_state.pk}/", {"comment": ""}
    )

    assert response.status_code in (200, 302)
    assert fresh(fi).live and fresh(fi).participation_open
    for code in ("sv", "en"):
        page = fresh(standard_page[code])
        assert page.participation_open and page.live and not page.has_unpublished_changes, code
        assert 'class="participation-symbol' in client.get(page.url).content.decode(), code


def test_an_editors_change_published_on_schedule_reaches_every_translation(standard_page):
    """Scheduled publishing (`manage.py publish_scheduled`) of a revision an editor wrote."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from home import roles

    editor = get_user_model().objects.create_user("editor", "editor@example.invalid", "x")
    editor.groups.add(roles.group("editors"))
    fi = standard_page["fi"]
    fi.participation_open = True
    revision = fi.save_revision(user=editor)
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])

    call_command("publish_scheduled")

    assert fresh(fi).participation_open
    for code in ("sv", "en"):
        page = fresh(standard_page[code])
        assert page.participation_open and page.live and not page.has_unpublished_changes, code


def test_unpublishing_the_finnish_event_takes_every_language_offline(client, make_event, calendar_page):
    titles = ("Syksyn asukasilta", "Höstens invånarkväll", "Autumn resident evening")
    event = make_event(title=titles, translate_to_all=True)
    translations = event.translations
    urls = {code: translations[code].url for code in ("sv", "en")}
    event.unpublish()
    for code, title in (("sv", titles[1]), ("en", titles[2])):
        assert not fresh(translations[code]).live
        assert client.get(urls[code]).status_code == 404
        assert title not in client.get(calendar_page[code].url + "ical/").content.decode()


# --- editors see which translations are behind ----------------------------------------------------


def test_the_source_editor_names_the_translations_behind_in_text(admin_client, standard_page):
    fi = standard_page["fi"]
    assert "Käännökset ovat jäljessä" not in admin_client.get(f"/admin/pages/{fi.pk}/edit/").content.decode()
    fi.introduction = "Uusi johdanto, jota ei ole vielä käännetty."
    fi.save_revision().publish()
    html = admin_client.get(f"/admin/pages/{fi.pk}/edit/").content.decode()
    warning = re.search(r'<li class="warning">.*?</li>', html, re.S).group(0)
    assert "Käännökset ovat jäljessä" in warning
    for code, name in (("sv", "Svenska"), ("en", "English")):
        assert f'href="/admin/pages/{standard_page[code].pk}/edit/">{name}</a>' in warning
    # the translation shows the new text, in Finnish until it is translated
    assert "Uusi johdanto" in fresh(standard_page["sv"]).introduction


def test_the_source_snippets_editor_names_the_translations_behind_in_text(
    admin_client, event_refs, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    theme = event_refs["themes"]["koulut"]
    edit_url = reverse(type(theme).snippet_viewset.get_url_name("edit"), args=[theme.pk])
    assert "Käännökset ovat jäljessä" not in admin_client.get(edit_url).content.decode()
    theme.name = "Koulut, päiväkodit ja kerhot"
    with django_capture_on_commit_callbacks(execute=True):
        theme.save()
    warning = re.search(r'<li class="warning">.*?</li>', admin_client.get(edit_url).content.decode(), re.S)
    assert "Käännökset ovat jäljessä" in warning.group(0)
    assert "Svenska</a> (0/1 tekstiä käännetty)" in warning.group(0)
    sv = type(theme).objects.get(translation_key=theme.translation_key, locale__language_code="sv")
    assert sv.name == "Koulut, päiväkodit ja kerhot"  # Finnish until translated; the slug stays
    assert sv.slug == "koulut"


# --- deleting a translatable snippet ----------------------------------------------------------------


def _delete_url(obj):
    from django.urls import reverse

    return reverse(type(obj).snippet_viewset.get_url_name("delete"), args=[obj.pk])


def test_a_theme_in_use_in_any_language_is_not_deleted(admin_client, make_event, event_refs):
    from taxonomy.models import Theme

    theme = event_refs["themes"]["koulut"]
    event = make_event(title=TITLE, themes=["koulut"], translate_to_all=True)
    event.delete()  # only the Swedish and English events still use the theme
    response = admin_client.post(_delete_url(theme), follow=True)
    assert "on käytössä ainakin yhdellä kielellä, joten sitä ei voi poistaa" in response.content.decode()
    assert Theme.objects.filter(translation_key=theme.translation_key).count() == 3


def offered_theme(client, page, slug):
    """(whether the listing `page` offers the theme `slug` in its theme filter, whether
    `?theme=<slug>` is an error in its error summary)."""
    html = client.get(page.url, {"theme": slug}).content.decode()
    return (
        f'<option value="{slug}"' in html,
        bool(re.search(r'<div class="error-summary".*?href="#id_theme"', html, re.S)),
    )


def test_deleting_an_unused_theme_removes_it_in_every_language(
    admin_client, client, event_refs, calendar_page, topic_index, practice_index
):
    from taxonomy.models import Theme

    theme = event_refs["themes"]["esteettomyys"]
    listings = [calendar_page, topic_index, practice_index]
    for listing in listings:
        for code in ("fi", "sv", "en"):
            assert offered_theme(client, listing[code], "esteettomyys") == (True, False), (
                listing[code],
                code,
            )
    response = admin_client.post(_delete_url(theme))
    assert response.status_code == 302
    assert not Theme.objects.filter(translation_key=theme.translation_key).exists()
    for listing in listings:
        for code in ("fi", "sv", "en"):
            assert offered_theme(client, listing[code], "esteettomyys") == (False, True), (
                listing[code],
                code,
            )


def test_deleting_only_the_swedish_version_of_a_theme_is_refused(
    admin_client, client, event_refs, calendar_page
):
    """The Swedish calendar would then call `?theme=esteettomyys` unknown while the Finnish and
    English ones accept it: the message names the Finnish theme, whose deletion removes all."""
    from taxonomy.models import Theme

    theme = event_refs["themes"]["esteettomyys"]
    sv = Theme.objects.get(translation_key=theme.translation_key, locale__language_code="sv")
    response = admin_client.post(_delete_url(sv), follow=True)
    html = response.content.decode()
    assert f"”Tillgänglighet” on käännös (Svenska) kohteesta ”{theme.name}” (Suomi)." in html
    assert f"Poista sen sijaan ”{theme.name}”" in html
    assert Theme.objects.filter(translation_key=theme.translation_key).count() == 3
    for code in ("fi", "sv", "en"):
        assert offered_theme(client, calendar_page[code], "esteettomyys") == (True, False), code


def test_bulk_delete_follows_the_same_rule(admin_client, make_event, event_refs):
    """The snippet listing's bulk *Delete*: refused while a theme is in use in any language,
    otherwise every language's version goes."""
    from taxonomy.models import Theme

    used, unused = event_refs["themes"]["koulut"], event_refs["themes"]["esteettomyys"]
    make_event(title=TITLE, themes=["koulut"], translate_to_all=True)
    url = "/admin/bulk/taxonomy/theme/delete/"
    response = admin_client.post(f"{url}?id={used.pk}&id={unused.pk}", follow=True)
    assert "on käytössä ainakin yhdellä kielellä" in response.content.decode()
    assert (
        Theme.objects.filter(translation_key__in=[used.translation_key, unused.translation_key]).count() == 6
    )

    admin_client.post(f"{url}?id={unused.pk}")
    assert not Theme.objects.filter(translation_key=unused.translation_key).exists()
    assert Theme.objects.filter(translation_key=used.translation_key).count() == 3


# One unused object of each translatable snippet model, with its required fields.
SNIPPETS = {
    "taxonomy.Area": {"name": "Poistoalue", "slug": "poistoalue"},
    "taxonomy.Theme": {"name": "Poistoteema", "slug": "poistoteema"},
    "participation_pages.EventFormat": {"name": "Poistomuoto", "slug": "poistomuoto"},
    "participation_pages.EventSeries": {"name": "Poistosarja", "slug": "poistosarja"},
    "participation_pages.Venue": {
        "name": "Poistosali",
        "street_address": "Poistokatu 1",
        "postcode": "99100",
        "city": "Järvelä",
    },
    "directory.Person": {"name": "Poisto Henkilö"},
    "feedback.Poll": {"title": "Poistokysely", "questions": []},
    "feedback.EventFeedbackQuestions": {
        "rating_question": "Poisto?",
        "good_question": "Hyvää?",
        "develop_question": "Kehitettävää?",
    },
}


def test_every_translatable_snippet_model_has_a_deletion_case():
    from home.translation_sync import translatable_snippet_models

    assert {m._meta.label for m in translatable_snippet_models()} == set(SNIPPETS)


@pytest.mark.parametrize("label", sorted(SNIPPETS))
def test_a_snippet_is_deleted_in_every_language_or_not_at_all(admin_client, locales, label):
    model = _model(label)
    fi = model.objects.create(locale=locales["fi"], **SNIPPETS[label])
    for code in ("sv", "en"):
        fi.copy_for_translation(locales[code]).save()
    versions = model.objects.filter(translation_key=fi.translation_key)
    assert versions.count() == 3

    admin_client.post(_delete_url(versions.get(locale=locales["en"])))
    assert versions.count() == 3  # a translation alone is not deleted

    assert admin_client.post(_delete_url(fi)).status_code == 302
    assert not versions.exists()
