"""Issue 11: translations go through the review workflow. *Translate this page* makes drafts, a
translator or editor submits a translation for review, only a moderator's approval publishes it,
and no admin path lets a Translator or an Editor publish a translation directly."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, TestCase, override_settings
from wagtail.models import Locale, Page, WorkflowState
from wagtail.signals import page_published
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from home import roles, translation_sync
from home.models import StandardPage

pytestmark = pytest.mark.django_db

FI_TITLE = "Talvikunnossapito"
SV_TITLE = "Vinterunderhåll"
PUBLISHERLESS_ROLES = ["translators", "editors"]


def fi_page(module_site, title, slug):
    home = Page.objects.get(pk=module_site["ids"]["home"]["fi"])
    page = home.add_child(
        instance=StandardPage(title=title, slug=slug, introduction=f"{title}: johdanto.", locale=home.locale)
    )
    page.save_revision().publish()
    return page


def translate(page, codes, publish):
    locales = list(Locale.objects.filter(language_code__in=codes))
    TranslationCreator(None, locales).create_translations(page)
    translations = Translation.objects.filter(source__object_id=page.translation_key)
    if publish:
        # wagtail-localize publishes a translation once the transaction commits
        with TestCase.captureOnCommitCallbacks(execute=True):
            for translation in translations:
                translation.save_target(publish=True)
    return {t.target_locale.language_code: t for t in translations}


def fill(translation, title):
    """Translate the page's title (other strings keep the source text), as in the editor."""
    po = translation.export_po()
    for entry in po:
        entry.msgstr = title if entry.msgid == FI_TITLE else entry.msgid
    translation.import_po(po)


@pytest.fixture(scope="module")
def pages(module_site):
    """A Finnish page with a Swedish draft translation, and one whose Swedish translation is
    live; made once for the module."""
    draft_source = fi_page(module_site, FI_TITLE, "talvikunnossapito")
    live_source = fi_page(module_site, "Kesäkunnossapito", "kesakunnossapito")
    made = {
        "draft": (draft_source.pk, translate(draft_source, ["sv"], publish=False)["sv"].pk),
        "live": (live_source.pk, translate(live_source, ["sv"], publish=True)["sv"].pk),
    }
    live = Translation.objects.get(pk=made["live"][1]).get_target_instance()
    assert live.live and not live.has_unpublished_changes
    return made


def _pair(pages, kind):
    source_pk, translation_pk = pages[kind]
    translation = Translation.objects.get(pk=translation_pk)
    return StandardPage.objects.get(pk=source_pk), translation, translation.get_target_instance()


@pytest.fixture
def draft(pages):
    """(fi page, Translation to sv, sv page): the sv page is a draft, never published."""
    return _pair(pages, "draft")


@pytest.fixture
def live(pages):
    """(fi page, Translation to sv, sv page): the sv page is live."""
    return _pair(pages, "live")


def user_in(role):
    user, created = get_user_model().objects.get_or_create(username=role, email=f"{role}@example.invalid")
    if created:
        user.groups.add(roles.group(role))
    return user


def client_for(role):
    client = Client()
    client.force_login(user_in(role))
    return client


def refused(response):
    """Wagtail's admin answers a refused permission with a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def fresh(page):
    return Page.objects.get(pk=page.pk)


# --- Translate this page --------------------------------------------------------------------


def test_translate_this_page_with_all_languages_makes_drafts_the_public_cannot_see(pages, module_site):
    source = fi_page(module_site, "Lumitöiden ohjeet", "lumityot")
    child = source.add_child(
        instance=StandardPage(title="Lumityöt kaduilla", slug="kadut", locale=source.locale)
    )
    child.save_revision().publish()
    client = client_for("translators")
    sv, en = Locale.objects.get(language_code="sv"), Locale.objects.get(language_code="en")

    response = client.post(
        f"/admin/localize/submit/page/{source.pk}/", {"locales": [sv.pk, en.pk], "include_subtree": "on"}
    )

    assert response.status_code == 302
    for page in (source, child):
        translations = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
        assert {t.locale.language_code for t in translations} == {"sv", "en"}
        for translation in translations:
            assert not translation.live and translation.has_unpublished_changes
            assert Client().get(f"/{translation.locale.language_code}/{translation.slug}/").status_code == 404
    assert Client().get(source.url).status_code == 200


# --- Submit for review, approval -------------------------------------------------------------


@pytest.mark.parametrize("role", PUBLISHERLESS_ROLES)
def test_the_editors_main_button_submits_the_translation_for_review(role, draft):
    source, translation, sv_page = draft
    fill(translation, SV_TITLE)
    client = client_for(role)

    page = client.get(f"/admin/pages/{sv_page.pk}/edit/")
    html = page.content.decode()
    props = json.loads(re.search(r'data-props="([^"]*)"', html).group(1).replace("&quot;", '"'))
    # The React editor's main button posts action=publish; for these roles it means "submit".
    assert 'django.catalog["Publish in "]' in html
    assert props["links"]["convertToAliasUrl"] is not None  # the template removes it in the page
    assert "props.links.convertToAliasUrl = null" in html

    response = client.post(f"/admin/pages/{sv_page.pk}/edit/", {"action": "publish"}, follow=True)

    assert response.status_code == 200
    assert (
        "submitted for review" in response.content.decode() or "tarkistettavaksi" in response.content.decode()
    )
    sv_page = fresh(sv_page)
    assert not sv_page.live
    state = sv_page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Tarkistus ennen julkaisua"
    assert sv_page.get_latest_revision_as_object().title == SV_TITLE
    assert Client().get(f"/sv/{sv_page.slug}/").status_code == 404


def test_only_a_moderators_approval_publishes_the_submitted_translation(draft):
    source, translation, sv_page = draft
    fill(translation, SV_TITLE)
    translator = client_for("translators")
    translator.post(f"/admin/pages/{sv_page.pk}/edit/", {"action": "publish"})
    task_state = fresh(sv_page).current_workflow_state.current_task_state
    approve = f"/admin/pages/workflow/action/{sv_page.pk}/approve/{task_state.pk}/"

    for role in PUBLISHERLESS_ROLES:
        client_for(role).post(approve, {"comment": ""})
        assert not fresh(sv_page).live, f"{role} approved a translation"

    response = client_for("moderators").post(approve, {"comment": ""})

    assert response.status_code in (200, 302)
    sv_page = fresh(sv_page)
    assert sv_page.live and sv_page.title == SV_TITLE
    public = Client().get(sv_page.url)
    assert public.status_code == 200 and SV_TITLE in public.content.decode()


def test_a_translation_sent_back_is_resubmitted_into_the_same_workflow(draft):
    source, translation, sv_page = draft
    translator = client_for("translators")
    translator.post(f"/admin/pages/{sv_page.pk}/edit/", {"action": "publish"})
    state = fresh(sv_page).current_workflow_state
    client_for("moderators").post(
        f"/admin/pages/workflow/action/{sv_page.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Käännä otsikko."},
    )
    assert fresh(sv_page).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    fill(translation, SV_TITLE)

    translator.post(f"/admin/pages/{sv_page.pk}/edit/", {"action": "publish"})

    resumed = fresh(sv_page).current_workflow_state
    assert resumed.pk == state.pk and resumed.status == WorkflowState.STATUS_IN_PROGRESS
    assert fresh(sv_page).get_latest_revision_as_object().title == SV_TITLE
    assert not fresh(sv_page).live


def test_moderators_keep_publish_in_the_translation_editor(draft, django_capture_on_commit_callbacks):
    source, translation, sv_page = draft
    fill(translation, SV_TITLE)
    client = client_for("moderators")
    assert (
        'django.catalog["Publish in "]' not in client.get(f"/admin/pages/{sv_page.pk}/edit/").content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{sv_page.pk}/edit/", {"action": "publish"})

    assert fresh(sv_page).live and fresh(sv_page).title == SV_TITLE


# --- No direct publishing: one test per admin path -----------------------------------------


@pytest.mark.parametrize("role", PUBLISHERLESS_ROLES)
def test_convert_to_alias_is_refused(role, live):
    source, translation, sv_page = live
    client = client_for(role)
    url = f"/admin/localize/page/{sv_page.pk}/convert_to_alias/"

    assert refused(client.get(url))
    assert refused(client.post(url))
    assert refused(client.post(f"/admin/pages/{sv_page.pk}/edit/", {"localize-convert-to-alias": "1"}))
    assert fresh(sv_page).alias_of_id is None
    assert client_for("moderators").get(url).status_code == 200


@pytest.mark.parametrize("role", PUBLISHERLESS_ROLES)
def test_sync_translated_pages_does_not_publish_for_them(role, live):
    source, translation, sv_page = live
    source.title = "Kesäkunnossapito ja puistot"
    # Publishing a source republishes its live translations by itself (home.translation_sync);
    # here the Swedish page must still be behind when the translator posts the sync, so the
    # source is published without that automatic sync.
    page_published.disconnect(dispatch_uid="kuulu_sync_translations_on_publish")
    try:
        source.save_revision().publish()
    finally:
        page_published.connect(
            translation_sync._on_page_published, dispatch_uid="kuulu_sync_translations_on_publish"
        )
    assert fresh(sv_page).title == "Kesäkunnossapito"
    client = client_for(role)
    url = f"/admin/localize/update/{translation.source_id}/"

    assert "publish_translations" not in client.get(url).content.decode()
    response = client.post(url, {"publish_translations": "on"})

    assert response.status_code == 302
    sv_page = fresh(sv_page)
    assert sv_page.title == "Kesäkunnossapito"  # the live Swedish page did not change
    assert "publish_translations" in client_for("moderators").get(url).content.decode()


@pytest.mark.parametrize("role", [*PUBLISHERLESS_ROLES, "moderators"])
def test_bulk_publish_is_refused(role, draft):
    """Only a moderator's bulk *Publish* publishes (the same request: it is a real path)."""
    source, translation, sv_page = draft
    client = client_for(role)

    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={sv_page.pk}", {})

    assert fresh(sv_page).live == (role == "moderators")


@pytest.mark.parametrize("role", [*PUBLISHERLESS_ROLES, "moderators"])
def test_the_page_editor_does_not_publish_a_translation_whose_sync_was_stopped(role, draft):
    """Wagtail's own editor, once a translation is a page of its own: only a moderator's
    *Publish* (the same request) publishes it."""
    source, translation, sv_page = draft
    client = client_for(role)
    client.post(f"/admin/localize/translate/{translation.pk}/disable/", {"next": "/admin/"})
    assert not Translation.objects.get(pk=translation.pk).enabled
    form = client.get(f"/admin/pages/{sv_page.pk}/edit/").content.decode()
    assert ('name="action-publish"' in form) == (role == "moderators")

    client.post(
        f"/admin/pages/{sv_page.pk}/edit/",
        {"title": "Vinter", "slug": sv_page.slug, "action-publish": "1", "body-count": "0"},
    )

    assert fresh(sv_page).live == (role == "moderators")
    if role != "moderators":
        assert fresh(sv_page).get_latest_revision_as_object().title == "Vinter"  # saved, not published


@pytest.mark.parametrize("option", ["publish_copies", "alias"])
@pytest.mark.parametrize("role", [*PUBLISHERLESS_ROLES, "moderators"])
def test_copying_a_translation_publishes_nothing_for_them(role, option, live, module_site):
    """*Copy* of a live Swedish page with *Publish copies*, or as an *alias* (live as soon as it is
    made): Wagtail refuses both unless the user may publish there; a moderator's copy is live."""
    source, translation, sv_page = live
    sv_home = Page.objects.get(pk=module_site["ids"]["home"]["sv"])
    client = client_for(role)

    client.post(
        f"/admin/pages/{sv_page.pk}/copy/",
        {"new_title": "Kopia", "new_slug": "kopia", "new_parent_page": sv_home.pk, option: "on"},
    )

    copies = Page.objects.filter(locale=sv_page.locale, slug="kopia")
    assert copies.filter(live=True).exists() == (role == "moderators")
    if role != "moderators":
        assert Client().get("/sv/kopia/").status_code == 404


@pytest.mark.parametrize("role", PUBLISHERLESS_ROLES)
def test_snippet_translation_publishes_no_page(role, draft, locales):
    """A snippet's translation also translates what it links to: pages stay drafts."""
    from taxonomy.models import Area

    area = Area.objects.create(name="Lumialue", slug="lumialue", locale=locales["fi"])
    live_before = set(Page.objects.filter(live=True).values_list("pk", flat=True))

    response = client_for(role).post(
        f"/admin/localize/submit/snippet/taxonomy/area/{area.pk}/", {"locales": [locales["sv"].pk]}
    )

    assert response.status_code == 302
    assert Area.objects.filter(translation_key=area.translation_key, locale=locales["sv"]).exists()
    assert set(Page.objects.filter(live=True).values_list("pk", flat=True)) == live_before


# --- Machine translation ---------------------------------------------------------------------


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=None)
def test_without_a_backend_no_machine_translation_is_offered(draft):
    source, translation, sv_page = draft
    client = client_for("translators")

    html = client.get(f"/admin/pages/{sv_page.pk}/edit/").content.decode()

    assert "&quot;machineTranslator&quot;: null" in html
    response = client.post(f"/admin/localize/translate/{translation.pk}/machine_translate/", follow=True)
    assert response.status_code == 404


# --- Demo -------------------------------------------------------------------------------------


@override_settings(DEBUG=True)
def test_the_demo_has_one_login_per_editorial_role_in_the_finnish_groups(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("ensure_demo_admin", stdout=out)
    call_command("ensure_demo_admin", stdout=StringIO())  # running it again changes nothing

    users = get_user_model().objects.filter(username__in=["toimittaja", "kaantaja", "moderaattori"])
    assert {u.username: [g.name for g in u.groups.all()] for u in users} == {
        "toimittaja": ["Toimittajat"],
        "kaantaja": ["Kääntäjät"],
        "moderaattori": ["Moderaattorit"],
    }
    assert all(u.check_password("kuulu-demo-2026") for u in users)
    assert "kaantaja (Kääntäjät)" in out.getvalue()
