"""The shared test site, built once per test session.

Almost every test needs the same things: three locales, Kuulu's groups and workflow, the
directory's reference data, a Finnish home page with real Swedish and English translations, the
reference snippets events and topics are filed under (formats, areas, themes, a venue, a series)
and the index pages the apps hang their pages under. Translating through wagtail-localize is the
slow part of building them, so `build()` runs once, its rows are committed, and every test runs
inside a transaction that is rolled back (pytest-django's `db`). Fixtures hand each test fresh
instances, looked up by primary key, so nothing a test changes in memory leaks into the next one.

Transactional tests (a live server for the browser) end by emptying every table; the next test
that needs the site builds it again (`ensure()`), so the order of tests never matters.
"""

from django.apps import apps
from wagtail.models import Collection, Locale, Page, Site

from demo.translation import Translations, translate

LANGUAGES = ("fi", "sv", "en")

# slug, (fi, sv, en), colour
FORMATS = [
    ("asukasilta", ("Asukasilta", "Invånarkväll", "Resident evening"), "#0b3d91"),
    ("teemailta", ("Teemailta", "Temakväll", "Theme evening"), "#7a1f5c"),
    ("pop-up", ("Pop up", "Pop up", "Pop-up"), "#1e6b2f"),
]
# slug, (fi, sv, en), parent slug
AREAS = [
    ("keskusta", ("Keskusta", "Centrum", "Centre"), None),
    ("torinranta", ("Torinranta", "Torgstranden", "Torinranta"), "keskusta"),
    ("asemanseutu", ("Asemanseutu", "Stationsområdet", "Asemanseutu"), "keskusta"),
    ("tori", ("Tori", "Torget", "Market"), "keskusta"),
    ("pohjoinen", ("Pohjoinen", "Norra", "North"), None),
    ("koivikko", ("Koivikko", "Björkby", "Koivikko"), "pohjoinen"),
    ("etela", ("Etelä", "Söder", "South"), None),
]
VENUE = {
    "name": ("Kirjasto Oodi", "Biblioteket Oodi", "Oodi Library"),
    "street_address": "Kirjastokatu 1",
    "postcode": "99100",
    "city": ("Järvelä", "Järvelä", "Järvelä"),
    "step_free_access": True,
    "induction_loop": True,
    "latitude": "61.500000",
    "longitude": "23.760000",
}
SERIES = {"name": ("Yhdistystreffit", "Föreningsträffar", "Association meet-ups"), "slug": "yhdistystreffit"}
THEMES = [
    ("koulut", ("Koulut ja päiväkodit", "Skolor och daghem", "Schools and day care")),
    ("esteettomyys", ("Esteettömyys", "Tillgänglighet", "Accessibility")),
]
# fixture name, module path of the page class, parent fixture, fields ((fi, sv, en) for texts)
INDEX_PAGES = [
    (
        "calendar_page",
        "participation_pages.CalendarPage",
        {
            "title": ("Vuosikello", "Årshjulet", "Annual clock"),
            "slug": ("vuosikello", "arshjulet", "annual-clock"),
            "introduction": ("Kaikki tapahtumat.", "Alla evenemang.", "All events."),
            "show_in_menus": True,
        },
    ),
    (
        "standard_page",
        "home.StandardPage",
        {
            "title": ("Tietoa palvelusta", "Om tjänsten", "About the service"),
            "slug": ("tietoa", "om", "about"),
            "introduction": ("Lyhyt johdanto.", "En kort inledning.", "A short introduction."),
            "body": [
                (
                    "paragraph",
                    (
                        "<p>Kuulu kertoo, miten voit vaikuttaa.</p>",
                        "<p>Kuulu berättar hur du kan påverka.</p>",
                        "<p>Kuulu tells you how you can have your say.</p>",
                    ),
                )
            ],
            "show_in_menus": True,
        },
    ),
    (
        "topic_index",
        "participation_pages.ParticipationTopicIndexPage",
        {
            "title": ("Osallistu", "Delta", "Take part"),
            "slug": ("osallistu", "delta", "take-part"),
            "introduction": (
                "Asiat, joihin voit vaikuttaa.",
                "Frågor du kan påverka.",
                "Matters you can influence.",
            ),
        },
    ),
    (
        "directory_page",
        "directory.DirectoryPage",
        {
            "title": ("Yhdistyshakemisto", "Föreningsregister", "Directory of associations"),
            "slug": ("yhdistykset", "foreningar", "associations"),
            "introduction": (
                "Löydä yhdistys läheltäsi.",
                "Hitta en förening nära dig.",
                "Find an association near you.",
            ),
            "propose_introduction": (
                "Kerro yhdistyksestäsi.",
                "Berätta om din förening.",
                "Tell us about your association.",
            ),
        },
    ),
    (
        "coordinator_page",
        "directory.AreaCoordinatorPage",
        {
            "title": ("Alueesi koordinaattori", "Din områdeskoordinator", "Your area coordinator"),
            "slug": ("koordinaattori", "koordinator", "coordinator"),
            "introduction": (
                "Kysy meiltä osallistumisesta.",
                "Fråga oss om delaktighet.",
                "Ask us about taking part.",
            ),
        },
    ),
    (
        "practice_index",
        "directory.PracticeModelIndexPage",
        {
            "title": ("Toimintamallit", "Verksamhetsmodeller", "Practice models"),
            "slug": ("toimintamallit", "verksamhetsmodeller", "practice-models"),
        },
    ),
    (
        "news_index",
        "directory.ArticleIndexPage",
        {
            "title": ("Uutiset", "Nyheter", "News"),
            "slug": ("uutiset", "nyheter", "news"),
            "introduction": (
                "Ajankohtaista yhdistyksistä.",
                "Aktuellt om föreningar.",
                "News about associations.",
            ),
        },
    ),
]


def translations():
    """A `Translations` that knows every text of the shared site."""
    tr = Translations()
    for _slug, names, _colour in FORMATS:
        tr(*names)
    for _slug, names, _parent in AREAS:
        tr(*names)
    for _slug, names in THEMES:
        tr(*names)
    for fields in (VENUE, SERIES):
        for value in fields.values():
            _text(tr, value)
    return tr


def _text(tr, value):
    """(fi, sv, en) -> the Finnish text, remembering the others; rich-text paragraphs too."""
    if isinstance(value, tuple):
        fi, sv, en = value
        if fi.startswith("<p>"):  # wagtail-localize translates a paragraph's text, not its tags
            tr(fi[3:-4], sv[3:-4], en[3:-4])
            return fi
        return tr(fi, sv, en)
    if isinstance(value, list):
        return [(name, _text(tr, block)) for name, block in value]
    return value


def ensure_migration_data():
    """What migrations create and a transactional test's flush removes: the Finnish locale,
    Wagtail's root page and root collection, a default site, wagtail-localize's
    submit_translation permission (its migration 0006), Kuulu's groups and review workflow, and
    the directory's reference data."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from directory import reference_data
    from directory.models import Municipality
    from home.roles import ensure_roles

    fi, _ = Locale.objects.get_or_create(language_code="fi")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=fi))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True)
    translation_type, _ = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    Permission.objects.get_or_create(
        content_type=translation_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    ensure_roles()
    if not Municipality.objects.exists():
        reference_data.load(lambda name: apps.get_model("directory", name))
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def build():
    """Create the shared site; returns {name: {language: pk}} and {"site": pk} for the fixtures."""
    from home.models import HomePage
    from participation_pages.models import EventFormat, EventSeries, Venue
    from taxonomy.models import Area, Theme

    locales = ensure_migration_data()
    tr = translations()
    ids = {}

    def translated(instance):
        saved = translate(instance, tr)
        return {"fi": instance.pk, **{code: obj.pk for code, obj in saved.items()}}

    root = Page.get_first_root_node()
    home = HomePage(
        title=tr("Etusivu", "Startsida", "Front page"),
        slug=tr("koti", "hem", "home"),
        locale=locales["fi"],
        site_name=tr("Testikaupunki", "Teststad", "Test City"),
        hero_heading=tr("Tervetuloa", "Välkommen", "Welcome"),
        hero_text=tr("Osallistu meillä.", "Delta hos oss.", "Take part with us."),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    old = site.root_page
    site.root_page, site.hostname, site.port = home, "testserver", 80
    site.save()
    if old.depth == 2 and old.id != home.id:
        old.delete()
    ids["home"] = translated(home)
    ids["site"] = site.pk

    ids["formats"] = {}
    for order, (slug, names, colour) in enumerate(FORMATS):
        fmt = EventFormat.objects.create(name=tr(*names), slug=slug, colour=colour, sort_order=order)
        ids["formats"][slug] = translated(fmt)
    ids["areas"], areas = {}, {}
    for slug, names, parent in AREAS:
        areas[slug] = Area.objects.create(name=tr(*names), slug=slug, parent=areas.get(parent))
        ids["areas"][slug] = translated(areas[slug])
    ids["themes"] = {}
    for slug, names in THEMES:
        ids["themes"][slug] = translated(Theme.objects.create(name=tr(*names), slug=slug))
    ids["venue"] = translated(Venue.objects.create(**{k: _text(tr, v) for k, v in VENUE.items()}))
    ids["series"] = translated(EventSeries.objects.create(**{k: _text(tr, v) for k, v in SERIES.items()}))

    for name, model_path, fields in INDEX_PAGES:
        model = apps.get_model(model_path)
        page = model(**{key: _text(tr, value) for key, value in fields.items()})
        home.add_child(instance=page)
        page.save_revision().publish()
        ids[name] = translated(page)

    # The most used translated pages of the apps: a panel taking applications, a quick poll and
    # its page (the fixtures of the same names hand them out).
    from feedback.models import PollPage
    from tests.fixtures_feedback import new_poll, poll_page_fields
    from tests.fixtures_panels import make_panel

    # Its own slug: tests make more panels with make_panel()'s default one.
    ids["panel_page"] = translated(
        make_panel(home, tr, slug=tr("asukaspaneeli", "invanarpanelen", "residents-panel"))
    )
    poll = new_poll(tr)
    ids["poll"] = translated(poll)
    page = PollPage(**poll_page_fields(tr), poll=poll)
    home.add_child(instance=page)
    page.save_revision().publish()
    ids["poll_page"] = translated(page)
    return ids


def exists(ids):
    """Whether the shared site built under `ids` is still in the database (one query)."""
    return bool(ids) and Page.objects.filter(pk=ids["home"]["fi"]).exists()


def remove():
    """Delete the shared site inside the current transaction (for tests of the demo loader,
    which builds a site of its own; rolling back brings the shared one back)."""
    from feedback.models import Poll
    from participation_pages.models import EventFormat, EventSeries, Venue
    from taxonomy.models import Area, Theme

    root = Page.get_first_root_node()
    Site.objects.filter(is_default_site=True).update(root_page=root, hostname="localhost", port=80)
    for page in root.get_children():
        page.delete()
    Area.objects.filter(parent__isnull=False).delete()
    for model in (Poll, EventFormat, EventSeries, Venue, Area, Theme):
        model.objects.all().delete()
