"""Issue 13 in a real browser, in fi, sv and en: the kiosk (a poll and an event's feedback, answer
after answer, its start and PIN pages), the paper entry forms and the message form, each also with
its error summary; axe-core on each."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from feedback import kiosk
from feedback.models import EventFeedback, PollResponse
from registrations.models import Registration
from tests.browser import assert_accessible
from tests.fixtures_registrations import signup
from tests.test_browser_shell import login_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGES = ("fi", "sv", "en")
SAVED = {
    "fi": "Kiitos! Vastauksesi tallentui.",
    "sv": "Tack! Ditt svar sparades.",
    "en": "Thank you! Your answer was saved.",
}
SEND = {"fi": "Lähetä palaute", "sv": "Skicka respons", "en": "Send feedback"}


def _kiosk_cookie(browser_page, site_server, kind, pk):
    """A kiosk session, as staff starting it leave it (feedback.kiosk.start)."""
    session = SessionStore()
    session[kiosk.SESSION_KEY] = {"kind": kind, "pk": pk, "pin": "x"}
    session.create()
    browser_page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": site_server.url}]
    )


def test_kiosk_feedback_answer_after_answer_passes_axe(site_server, browser_page, make_event):
    event = make_event(start=timezone.now() - timedelta(minutes=30), translate_to_all=True)
    _kiosk_cookie(browser_page, site_server, kiosk.EVENT, event.pk)
    page = browser_page
    for language in LANGUAGES:
        version = event.translations[language] if language != "fi" else event
        url = site_server.url + version.url + version.reverse_subpage("feedback")
        for _ in range(2):
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language
            page.locator("input[name=rating][value='4']").check()
            page.get_by_role("button", name=SEND[language]).click()
            page.wait_for_url("**?saved=1")
            expect(page.get_by_text(SAVED[language])).to_be_visible()
        assert_accessible(page)
    assert EventFeedback.objects.filter(channel="kiosk").count() == 6


def test_kiosk_poll_passes_axe_in_every_language(site_server, browser_page, poll):
    page = browser_page
    _kiosk_cookie(browser_page, site_server, kiosk.POLL, poll.pk)
    for language in LANGUAGES:  # one kiosk for the poll serves every language version
        with translation.override(language):
            url = site_server.url + reverse("feedback:poll", args=[poll.pk])
        for _ in range(2):
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language
            for radio in page.locator(".poll__form input[type=radio][value='1']").all():
                radio.check()
            page.locator(".poll__form input[type=checkbox]").first.check()
            for text in page.locator(".poll__form textarea").all():
                text.fill("Penkkejä")
            page.locator(".poll__form button[type=submit]").click()
            page.wait_for_url("**?saved=1")
            expect(page.get_by_text(SAVED[language])).to_be_visible()
        assert_accessible(page)
        # The staff PIN page, and a wrong PIN in its error summary (the kiosk stays on).
        with translation.override(language):
            page.goto(site_server.url + reverse("feedback:kiosk_end"))
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
        page.locator("input[name=pin]").fill("0000")
        page.locator("main form button[type=submit]").click()
        page.wait_for_selector("#error-summary")
        assert_accessible(page)
    assert PollResponse.objects.filter(channel="kiosk").count() == 6


def _admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_paper_entry_and_message_forms_pass_axe(site_server, browser_page, signup_event, superuser, poll):
    event = signup_event(capacity=2, questions=False, start=timezone.now() + timedelta(days=3))
    signup(event, "a@example.org", notify=False)
    login_browser(browser_page, site_server, superuser)
    page = browser_page
    for language in LANGUAGES:
        _admin_language(superuser, language)
        page.goto(site_server.url + reverse("feedback_admin:event_paper", args=[event.pk]))
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
        page.locator(".nice-padding form button[type=submit]").click()  # empty card: the error summary
        page.wait_for_selector("#error-summary")
        assert_accessible(page)
        page.goto(site_server.url + reverse("feedback_admin:poll_paper", args=[poll.pk]))
        assert_accessible(page)
        # Starting a kiosk: the PIN form, and PINs that differ in its error summary.
        page.goto(site_server.url + reverse("feedback_admin:kiosk_start", args=["event", event.pk]))
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
        page.locator("input[name=pin]").fill("4321")
        page.locator("input[name=pin_again]").fill("9999")
        page.locator(".nice-padding form button[type=submit]").click()
        page.wait_for_selector("#error-summary")
        assert_accessible(page)
        # The message form, empty, then with its error summary.
        page.goto(site_server.url + reverse("registrations_admin:message", args=[event.pk]))
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
        page.locator("button[name=preview]").click()
        page.wait_for_selector("#error-summary")
        assert_accessible(page)
        page.locator("#id_subject").fill("Sali vaihtuu")
        page.locator("#id_body").fill("Olemme salissa B.")
        page.locator("input[name=recipients][value=all]").check()
        page.locator("button[name=preview]").click()
        page.wait_for_selector("#preview-heading")
        assert_accessible(page)


def test_the_answer_card_prints(site_server, browser_page, make_event, tmp_path):
    event = make_event(title="Pop-up torilla")
    page = browser_page
    page.goto(site_server.url + event.url + event.reverse_subpage("feedback_card"))
    assert_accessible(page)
    page.emulate_media(media="print")
    assert page.locator(".card").count() == 4
    assert all(card.is_visible() for card in page.locator(".card").all())
    assert page.locator(".no-print").first.is_hidden() and page.locator(".site-header").is_hidden()
    shot = tmp_path / "card.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    assert page.pdf(format="A4")[:5] == b"%PDF-"
    # Small screens: no horizontal scrolling at 320 px.
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320


def test_group_size_change_and_staff_cancel_pass_axe(site_server, browser_page, signup_event, superuser):
    """The sign-up page's number-of-people form (with its error summary) in fi, sv and en, and
    the organisers' list with its Cancel links and the cancel page."""
    event = signup_event(
        capacity=4, max_group_size=3, questions=False, start=timezone.now() + timedelta(days=3)
    )
    page = browser_page
    for language in LANGUAGES:
        registration = signup(event, f"{language}@example.org", group_size=2, language=language, notify=False)
        page.goto(site_server.url + f"/{language}/registrations/{registration.token}/")
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
        page.locator("#id_group_size").fill("9")
        page.locator("form.signup-group button[type=submit]").click()
        page.wait_for_selector("#error-summary")
        assert page.locator("#id_group_size").input_value() == "9"
        assert_accessible(page)
    login_browser(page, site_server, superuser)
    for language in LANGUAGES:
        _admin_language(superuser, language)
        page.goto(site_server.url + reverse("registrations_admin:event", args=[event.pk]))
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
        first = Registration.objects.filter(event=event).active().first()
        page.goto(site_server.url + reverse("registrations_admin:cancel", args=[event.pk, first.pk]))
        assert_accessible(page)


def test_idea_kiosk_idea_after_idea_passes_axe(site_server, browser_page, site_tree):
    from feedback.models import Idea
    from home.models import StandardPage

    box = StandardPage(title="Puistot", slug="puistot", body=[("idea_box", {"heading": "Ideat", "text": ""})])
    site_tree["fi"].add_child(instance=box)
    box.save_revision().publish()
    _kiosk_cookie(browser_page, site_server, kiosk.IDEA, box.pk)
    page = browser_page
    for language in LANGUAGES:
        with translation.override(language):
            url = site_server.url + reverse("feedback:idea_kiosk")
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        page.locator("main form button[type=submit]").click()  # nothing written: the error summary
        page.wait_for_selector("#error-summary")
        assert_accessible(page)
        page.locator("textarea[name=text]").fill("Lisää penkkejä rantaan")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**?saved=1")
        expect(page.get_by_text(SAVED[language])).to_be_visible()
        assert_accessible(page)
    assert Idea.objects.filter(page=box, channel="kiosk").count() == 3
