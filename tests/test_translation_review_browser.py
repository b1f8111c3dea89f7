"""Issue 11, in Chromium as a translator: *Translate this page* with all languages leaves /sv/
and /en/ unchanged for the public; the translator translates the title in wagtail-localize's
editor and the editor's main button submits the translation for review; only a moderator's
approval publishes it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page, WorkflowState
from wagtail.users.models import UserProfile

from home import roles
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def visible(html):
    """A public page's text and links, without the per-response nonces and tokens."""
    return re.sub(r'(nonce|csrfmiddlewaretoken|value)="[^"]*"', "", html)


def log_in(page, site_server, role):
    user = get_user_model().objects.create_user(role, f"{role}@example.invalid", "pw-not-used-1")
    user.groups.add(roles.group(role))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fi"  # the admin in Finnish, whatever the browser asks for
    profile.save()
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site_server.url}]
    )


def test_a_translation_is_a_draft_until_a_moderator_approves_it(
    site_server, browser, browser_page, site_tree
):
    home = site_tree["fi"]
    source = home.add_child(
        instance=StandardPage(
            title="Talvikunnossapito", slug="talvikunnossapito", introduction="Lumityöt ja hiekoitus."
        )
    )
    source.save_revision().publish()
    anonymous = browser.new_context()
    public = anonymous.request  # a resident: no admin session
    before = {code: visible(public.get(f"{site_server.url}/{code}/").text()) for code in ("sv", "en")}

    page = browser_page
    log_in(page, site_server, "translators")
    page.goto(f"{site_server.url}/admin/localize/submit/page/{source.pk}/")
    page.locator("[name='select_all']").check()
    page.locator("form input[type='submit']").click()
    page.wait_for_load_state()

    translations = {
        p.locale.language_code: p for p in Page.objects.filter(translation_key=source.translation_key)
    }
    assert set(translations) == {"fi", "sv", "en"}
    for code in ("sv", "en"):
        assert not translations[code].live
        assert public.get(f"{site_server.url}/{code}/{translations[code].slug}/").status == 404
        after = visible(public.get(f"{site_server.url}/{code}/").text())
        assert after == before[code], f"/{code}/ changed"

    sv_page = translations["sv"]
    page.goto(f"{site_server.url}/admin/pages/{sv_page.pk}/edit/")
    segment = page.locator("li", has_text="Talvikunnossapito").filter(
        has=page.get_by_role("button", name=re.compile("^(Käännä|Translate)$"))
    )
    segment.first.get_by_role("button", name=re.compile("^(Käännä|Translate)$")).click()
    page.locator("textarea").first.fill("Vinterunderhåll")
    page.get_by_role("button", name=re.compile("^(Tallenna|Save)$")).first.click()
    page.get_by_text("Vinterunderhåll").first.wait_for()
    # No "Convert to alias page" for a translator: the main button submits for review.
    main = page.locator("footer button[name='action'][value='publish']")
    assert main.inner_text().strip() == "Lähetä tarkistettavaksi: Svenska"
    assert page.locator("footer a[href*='convert_to_alias']").count() == 0
    main.click()
    page.wait_for_load_state()
    assert page.get_by_text("lähetettiin tarkistettavaksi").count() >= 1

    sv_page = Page.objects.get(pk=sv_page.pk)
    assert not sv_page.live
    assert sv_page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert public.get(f"{site_server.url}/sv/{sv_page.slug}/").status == 404

    moderator = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        review = moderator.new_page()
        log_in(review, site_server, "moderators")
        task_state = sv_page.current_workflow_state.current_task_state
        review.goto(f"{site_server.url}/admin/")
        # The dashboard's "Awaiting your review" row: its actions menu, then "Approve".
        approve = review.locator(
            f"button[data-workflow-action-url$='/approve/{task_state.pk}/']:not([data-launch-modal])"
        )
        row = review.locator("tr", has=approve)
        row.get_by_role("button", name=re.compile("^(Toiminnot|Actions)$")).click()
        approve.click()
        review.wait_for_load_state()
    finally:
        moderator.close()

    sv_page = Page.objects.get(pk=sv_page.pk)
    assert sv_page.live and sv_page.title == "Vinterunderhåll"
    response = public.get(f"{site_server.url}/sv/{sv_page.slug}/")
    assert response.status == 200 and "Vinterunderhåll" in response.text()
    assert not Page.objects.get(pk=translations["en"].pk).live
    anonymous.close()
