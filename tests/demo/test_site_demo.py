"""Issue 2: the demo city loads once, is really translated, and every page renders in fi/sv/en."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from demo.models import DemoContentLoad


def snapshot():
    from wagtail_localize.models import StringTranslation, Translation

    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "translations": Translation.objects.count(),
        "string_translations": StringTranslation.objects.count(),
        "loads": DemoContentLoad.objects.count(),
    }


@pytest.mark.django_db
def test_running_load_demo_twice_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == before
    assert before["pages"] > 10


@pytest.mark.django_db
def test_every_live_demo_page_renders_in_its_language(demo, client, rendered_by_path):
    """Every live page answers 200 in its own language: the page set's response where it has
    one (tests/demo/conftest.py rendered them through the test client), else rendered here."""
    pages = Page.objects.live().filter(depth__gte=2).select_related("locale").specific()
    languages = {p.locale.language_code for p in pages}
    assert languages == {"fi", "sv", "en"}
    failures = []
    for page in pages:
        rendered = rendered_by_path.get(page.url)
        if rendered is None:
            response = client.get(page.url)
            status, html = response.status_code, response.content.decode()
        else:
            status, html = rendered.status, rendered.html
        if status != 200 or f'<html lang="{page.locale.language_code}">' not in html:
            failures.append((page.url, status))
    assert not failures


@pytest.mark.django_db
def test_every_demo_page_is_translated_with_different_text(demo):
    for page in Page.objects.live().filter(depth__gte=2, locale__language_code="fi").specific():
        translations = {p.locale.language_code: p for p in page.get_translations().live()}
        assert set(translations) == {"sv", "en"}, f"{page.url} lacks a translation"
        assert translated_text(translations["sv"]) != translated_text(page) or translated_text(
            translations["en"]
        ) != translated_text(page), page.url


def translated_text(page):
    """What must differ between languages: the title, except for associations, whose registered
    name stays the same in every language while their summary is translated."""
    from directory.models import OrganisationPage

    return page.summary if isinstance(page, OrganisationPage) else page.title


@pytest.mark.django_db
def test_demo_translations_are_wagtail_localize_records(demo):
    from wagtail_localize.models import StringTranslation, Translation

    assert Translation.objects.filter(target_locale__language_code="sv").exists()
    assert StringTranslation.objects.filter(locale__language_code="en", translation_type="manual").exists()


@pytest.mark.django_db
def test_accessibility_statement_has_what_the_law_requires(demo, client):
    html = client.get("/fi/saavutettavuusseloste/").content.decode()
    for required in (
        "WCAG 2.1",
        "osittain",
        "ei ole saavutettavaa",
        "laadittu",
        "saavutettavuus@jarvela.example",
        "Traficom",
    ):
        assert required in html, required
    html_en = client.get("/en/accessibility-statement/").content.decode()
    assert "Traficom" in html_en and "partially" in html_en


@pytest.mark.django_db
def test_demo_search_finds_a_body_only_word(demo, client):
    # "PDF-liitteistä" appears only in the accessibility statement's body.
    html = client.get("/fi/search/", {"q": "PDF-liitteistä"}).content.decode()
    results = re.search(r'<ol class="search-results".*?</ol>', html, re.S).group(0)
    assert re.findall(r'<h3><a href="([^"]+)"', results) == ["/fi/saavutettavuusseloste/"]


@pytest.mark.django_db
def test_the_demos_workflow_task_and_groups_have_finnish_names(demo):
    """Issue 11: "Review before publishing" and its task were English in the Finnish admin. In the
    demo every page, a translation too, goes through the Finnish-named workflow, and no active
    workflow, task or group keeps an English name."""
    from django.contrib.auth.models import Group
    from wagtail.models import Task, Workflow

    from participation_pages.models import EventPage

    for code in ("fi", "sv", "en"):
        event = EventPage.objects.filter(locale__language_code=code).first()
        workflow = event.get_workflow()
        assert workflow.name == "Tarkistus ennen julkaisua", code
        assert [task.name for task in workflow.tasks] == ["Moderaattorin hyväksyntä"], code
    assert set(Workflow.objects.filter(active=True).values_list("name", flat=True)) == {
        "Tarkistus ennen julkaisua"
    }
    assert set(Task.objects.filter(active=True).values_list("name", flat=True)) == {
        "Moderaattorin hyväksyntä"
    }
    groups = set(Group.objects.values_list("name", flat=True))
    assert {"Toimittajat", "Moderaattorit", "Kääntäjät"} <= groups
    assert not groups & {"Editors", "Moderators", "Translators"}
