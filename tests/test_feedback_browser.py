"""Issue 5 in a real browser: topics, a poll and its results, the event feedback form — axe and
the keyboard in fi, sv and en."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import Poll, PollPage, PollResponse
from tests.browser import assert_accessible, tab_through

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def participation(module_make_topic, module_make_event, module_site):
    """Two topics (one open with a poll and an idea box), an event that has begun; made once."""
    tr, make_topic, make_event = module_site["tr"], module_make_topic, module_make_event
    ids = module_site["ids"]
    poll = Poll.objects.get(pk=ids["poll"]["fi"])
    poll.translations = {code: Poll.objects.get(pk=pk) for code, pk in ids["poll"].items()}
    poll_page = {code: PollPage.objects.get(pk=pk) for code, pk in ids["poll_page"].items()}
    topic = make_topic(
        areas=["keskusta"],
        themes=["koulut"],
        open_until=datetime.date(2099, 1, 1),
        how_to_take_part=[
            ("poll", {"poll": poll}),
            ("idea_box", {"heading": tr("Jätä idea", "Lämna en idé", "Leave an idea"), "text": ""}),
        ],
        decision_timeline=[
            (
                "step",
                {
                    "date": datetime.date(2030, 1, 1),
                    "title": tr("Päätös", "Beslut", "Decision"),
                    "description": "",
                },
            )
        ],
        translate_to_all=True,
    )
    make_topic(title=("Päätetty asia", "Beslutad fråga", "Decided matter"), status="decided")
    event = make_event(start=timezone.now() - timedelta(hours=1), translate_to_all=True)
    return {"topic": topic, "poll_page": poll_page, "poll": poll, "event": event}


def _url(site_server, page):
    return site_server.url + page.url


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_participation_pages_pass_axe_and_keyboard_walk(
    site_server, browser_page, participation, topic_index, language
):
    page = browser_page
    topic = participation["topic"].translations[language]
    page.goto(_url(site_server, topic))
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    ids = [s["id"] for s in tab_through(page, max_steps=120)]
    poll = participation["poll"].translations[language]
    assert any(i.startswith(f"poll{poll.pk}_q_") for i in ids), "the poll in the topic is reachable"
    assert "idea_text" in ids or "id_text" in ids

    page.goto(_url(site_server, topic_index[language]))
    assert_accessible(page)
    stops = tab_through(page)
    assert any(s["href"] == topic.url for s in stops)
    assert {"id_area", "id_theme", "id_status"} <= {s["id"] for s in stops}

    poll_page = participation["poll_page"][language]
    page.goto(_url(site_server, poll_page))
    assert_accessible(page)
    tab_through(page, max_steps=60)
    # Answer with the keyboard and mouse; the results page follows.
    page.locator("input[name^=q_][value='1'][type=radio]").first.check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/results/")
    assert PollResponse.objects.filter(language=language).count() == 1
    assert_accessible(page)
    tab_through(page)
    # Results table carries the numbers.
    expect(page.locator("table.chart__table").first).to_be_visible()

    event = participation["event"].translations[language]
    page.goto(site_server.url + event.url + event.reverse_subpage("feedback"))
    assert_accessible(page)
    ids = [s["id"] for s in tab_through(page, max_steps=60)]
    assert {"id_rating_0", "id_good", "id_develop"} <= set(ids)
    assert "id_website_url" not in ids
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert_accessible(page)


def test_resident_gives_event_feedback_without_javascript(site_server, browser, participation):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    event = participation["event"]
    page.goto(site_server.url + event.url)
    page.get_by_role("link", name="Anna palautetta").click()
    page.get_by_label("4").check()
    page.get_by_label("Mikä oli hyvää?").fill("Selkeä ilta")
    page.get_by_role("button", name="Lähetä palaute").click()
    # Without JavaScript the answer is a POST, a redirect and a new page: wait for it to load
    # (is_visible() does not wait, and context.close() would abort the request mid-flight).
    page.wait_for_url("**/feedback/thanks/")
    expect(page.get_by_role("heading", name="Kiitos palautteestasi")).to_be_visible()
    context.close()
    from feedback.models import EventFeedback

    assert EventFeedback.objects.get().good == "Selkeä ilta"
    assert reverse("feedback:idea")  # the idea route exists for the page's idea box
