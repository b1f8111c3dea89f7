"""Issue 2: sitemap, robots.txt, search, the API, editorial roles and the review workflow."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from home import roles

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_every_live_page_in_every_language_with_alternates(client, standard_page, shared_site):
    from home.models import StandardPage

    draft = StandardPage(title="Luonnos", slug="luonnos", live=False)
    standard_page["fi"].get_parent().add_child(instance=draft)

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    urls = {u.find("sm:loc", NS).text: u for u in root.findall("sm:url", NS)}
    shared_pages = [
        ids for name, ids in shared_site.items() if name == "home" or name.endswith(("_page", "_index"))
    ]
    expected = {
        page.full_url
        for page in Page.objects.filter(pk__in=[pk for ids in shared_pages for pk in ids.values()])
    }
    assert {
        "http://testserver/fi/",
        "http://testserver/sv/",
        "http://testserver/en/",
        "http://testserver/fi/tietoa/",
        "http://testserver/sv/om/",
        "http://testserver/en/about/",
    } <= expected
    assert len(expected) == 3 * len(shared_pages)
    assert set(urls) == expected, "live pages only, all languages; no draft"
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls["http://testserver/sv/om/"].findall("xhtml:link", NS)
    }
    assert alternates == {
        "fi": "http://testserver/fi/tietoa/",
        "sv": "http://testserver/sv/om/",
        "en": "http://testserver/en/about/",
    }


def test_robots_txt_points_to_sitemap_and_hides_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_search_finds_a_word_only_in_one_pages_body(client, standard_page, site_tree):
    from home.models import StandardPage

    other = StandardPage(
        title="Toinen sivu", slug="toinen", body=[("paragraph", "<p>Ei mitään erityistä.</p>")]
    )
    site_tree["fi"].add_child(instance=other)
    other.save_revision().publish()

    response = client.get("/fi/search/", {"q": "vaikuttaa"})  # only in the body of standard_page["fi"]
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/fi/tietoa/"' in html
    assert "Toinen sivu" not in html
    # Swedish search finds the Swedish page, not the Finnish one.
    html_sv = client.get("/sv/search/", {"q": "påverka"}).content.decode()
    assert 'href="/sv/om/"' in html_sv and 'href="/fi/tietoa/"' not in html_sv


def test_search_with_no_results_says_so(client, site_tree):
    html = client.get("/en/search/", {"q": "xyzzy"}).content.decode()
    assert "0 results for “xyzzy”" in html
    assert "Nothing was found" in html


def test_api_v2_lists_pages_with_locale(client, standard_page):
    response = client.get("/api/v2/pages/", {"locale": "sv", "fields": "title"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert "Om tjänsten" in titles and "Tietoa palvelusta" not in titles


def test_editorial_groups_have_fitting_permissions(db):
    editors = roles.group("editors")
    moderators = roles.group("moderators")
    translators = roles.group("translators")

    def page_perms(group):
        return set(group.page_permissions.values_list("permission__codename", flat=True))

    assert "publish_page" not in page_perms(editors)
    assert {"add_page", "change_page"} <= page_perms(editors)
    assert "publish_page" in page_perms(moderators)
    assert "publish_page" not in page_perms(translators)
    assert translators.permissions.filter(codename="submit_translation").exists()
    for group in (editors, moderators, translators):
        assert group.permissions.filter(codename="access_admin").exists()
    assert editors.permissions.filter(codename="change_area").exists()
    assert not translators.permissions.filter(codename="delete_area").exists()


def test_review_before_publishing_workflow_covers_the_whole_site(site_tree, standard_page):
    page = standard_page["fi"]
    workflow = page.get_workflow()
    assert workflow is not None
    assert workflow.name == "Tarkistus ennen julkaisua"
    task = workflow.tasks.first().specific
    assert task.name == "Moderaattorin hyväksyntä"
    assert list(task.groups.values_list("name", flat=True)) == ["Moderaattorit"]


def test_role_names_are_stored_in_finnish_and_english_ones_are_renamed_in_place(db):
    from django.contrib.auth import get_user_model
    from wagtail.models import GroupApprovalTask, Workflow

    assert {roles.group(role).name for role in roles.ROLES} == {"Toimittajat", "Moderaattorit", "Kääntäjät"}
    # A site migrated before the names were Finnish: the same rows get the Finnish names.
    editors = roles.group("editors")
    member = get_user_model().objects.create_user("vanha", "v@example.invalid", "pw-old-1")
    member.groups.add(editors)
    Group.objects.filter(pk=editors.pk).update(name="Editors")
    workflow = Workflow.objects.get(name="Tarkistus ennen julkaisua")
    Workflow.objects.filter(pk=workflow.pk).update(name="Review before publishing")
    GroupApprovalTask.objects.filter(name="Moderaattorin hyväksyntä").update(name="Moderator approval")

    roles.ensure_roles()

    assert Group.objects.get(pk=editors.pk).name == "Toimittajat"
    assert list(Group.objects.get(pk=editors.pk).user_set.all()) == [member]
    assert Workflow.objects.get(pk=workflow.pk).name == "Tarkistus ennen julkaisua"
    assert (
        not Workflow.objects.filter(name__in=["Review before publishing", "Tarkistus ennen julkaisua"])
        .exclude(pk=workflow.pk)
        .exists()
    )
    assert GroupApprovalTask.objects.filter(name="Moderaattorin hyväksyntä").count() == 1
    assert not Group.objects.filter(name__in=["Editors", "Moderators", "Translators"]).exists()


def test_the_admin_offers_only_workflows_and_tasks_with_finnish_names(db):
    from wagtail.models import Task, Workflow

    assert list(Workflow.objects.filter(active=True).values_list("name", flat=True)) == [
        "Tarkistus ennen julkaisua"
    ]
    assert list(Task.objects.filter(active=True).values_list("name", flat=True)) == [
        "Moderaattorin hyväksyntä"
    ]


def test_editor_submission_goes_to_moderation(client, standard_page):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_user("editor", "e@example.com", "pw-editor-123")
    editor.groups.add(roles.group("editors"))
    client.force_login(editor)
    page = standard_page["fi"]
    response = client.get(f"/admin/pages/{page.id}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "action-submit" in html or "Submit to" in html or "Lähetä" in html
    assert 'name="action-publish"' not in html


def test_accessibility_checker_is_on_in_the_userbar(admin_client, standard_page):
    html = admin_client.get(standard_page["fi"].url).content.decode()
    assert "wagtail-userbar" in html
    assert '<script id="checker-axe-configuration" type="application/json">' in html


def test_moderators_may_run_panel_draws_and_editors_may_not(client, db):
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    moderator = user_model.objects.create_user("mod", "m@example.com", "pw-mod-123")
    moderator.groups.add(roles.group("moderators"))
    editor = user_model.objects.create_user("ed", "e@example.com", "pw-ed-123")
    editor.groups.add(roles.group("editors"))
    assert moderator.has_perm("panels.run_draw")
    assert moderator.has_perm("panels.view_member_contacts")
    assert not editor.has_perm("panels.run_draw")
    assert not editor.has_perm("panels.view_member_contacts")
