"""Issue 3 in a real browser: axe and the keyboard on the event page, the annual clock and the
screen view in fi, sv and en; an editor publishes an event through the Wagtail admin."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from participation_pages import wheel
from participation_pages.models import EventPage
from tests.browser import assert_accessible, tab_through

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def events(module_make_event, module_site):
    """Three translated events in the coming weeks, one hybrid with a programme, one cancelled
    (made once for the module's tests)."""
    make_event, tr = module_make_event, module_site["tr"]
    start = timezone.localtime().replace(hour=17, minute=30, second=0, microsecond=0) + timedelta(days=3)
    main = make_event(
        title=("Keskustan asukasilta", "Invånarkväll i centrum", "Resident evening in the centre"),
        summary=(
            "Kerro, mitä keskustassa pitäisi kehittää.",
            "Berätta vad som borde utvecklas i centrum.",
            "Tell us what should be developed in the centre.",
        ),
        start=start,
        hours=2.5,
        mode=EventPage.AttendanceMode.MIXED,
        areas=["keskusta"],
        themes=["koulut"],
        languages=["fi", "sv"],
        accessibility_services=["childcare"],
        programme=[
            (
                "item",
                {
                    "start_time": "17:30",
                    "title": tr("Alustus", "Inledning", "Introduction"),
                    "kind": "common",
                    "place": "",
                    "description": "",
                },
            ),
            (
                "item",
                {
                    "start_time": "18:15",
                    "title": tr("Liikenne", "Trafik", "Traffic"),
                    "kind": "parallel",
                    "place": "",
                    "description": "",
                },
            ),
            (
                "item",
                {
                    "start_time": "18:15",
                    "title": tr("Koulut", "Skolor", "Schools"),
                    "kind": "parallel",
                    "place": "",
                    "description": "",
                },
            ),
        ],
        translate_to_all=True,
    )
    popup = make_event(
        title=("Pop up torilla", "Pop up på torget", "Pop-up at the market"),
        start=start + timedelta(days=2, hours=-5),
        format="pop-up",
        areas=["torinranta"],
        translate_to_all=True,
    )
    cancelled = make_event(
        title=("Peruttu teemailta", "Inställd temakväll", "Cancelled theme evening"),
        start=start + timedelta(days=5),
        format="teemailta",
        status=EventPage.Status.CANCELLED,
        translate_to_all=True,
    )
    return {"main": main, "popup": popup, "cancelled": cancelled}


def watch_console(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_event_page_calendar_and_screen_view_have_no_axe_violations(
    site_server, browser_page, calendar_page, events, language
):
    page = browser_page
    errors = watch_console(page)
    event = events["main"].translations[language]
    year = timezone.localtime(event.start).year
    for path in (
        event.url,
        calendar_page[language].url + f"{year}/",
        calendar_page[language].url + "upcoming/?area=keskusta",
        calendar_page[language].url + "screen/",
    ):
        response = page.goto(site_server.url + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
    # the JSON-LD block is data, not script: the strict CSP has nothing to object to
    assert not errors, errors


def test_event_page_keyboard_walk(site_server, browser_page, events):
    page = browser_page
    page.goto(site_server.url + events["main"].url)
    stops = tab_through(page)
    texts = [s["text"] for s in stops]
    assert stops[0]["href"] == "#main"
    assert any("Lisää omaan kalenteriin" in t for t in texts)
    assert any(s["href"] == "/fi/vuosikello/?area=keskusta" for s in stops)
    assert any(s["href"] == "https://meet.example.org/ilta" for s in stops)


def test_wheel_marks_are_reachable_by_keyboard_and_can_be_skipped(
    site_server, browser_page, calendar_page, events
):
    page = browser_page
    year = timezone.localtime(events["main"].start).year
    page.goto(site_server.url + calendar_page["fi"].url + f"{year}/")
    stops = tab_through(page)
    urls = [events[key].url for key in ("main", "popup", "cancelled")]
    in_wheel = page.evaluate(
        "() => Array.from(document.querySelectorAll('.wheel__marks a')).map(a => a.getAttribute('href'))"
    )
    assert in_wheel == urls
    # every mark is a tab stop (before the list repeats the same links)
    hrefs = [s["href"] for s in stops]
    assert hrefs[hrefs.index(urls[0]) : hrefs.index(urls[0]) + 3] == urls
    # the accessible names, as the browser computes them for screen readers
    wheel = page.locator(".wheel__marks")
    assert (
        wheel.get_by_role(
            "link", name=re.compile(r"^Keskustan asukasilta, .* klo 17\.30, Asukasilta$")
        ).count()
        == 1
    )
    assert (
        wheel.get_by_role("link", name=re.compile(r"^Peruttu teemailta, .*, Teemailta, Peruttu$")).count()
        == 1
    )
    # Enter on a mark opens the event
    page.goto(site_server.url + calendar_page["fi"].url + f"{year}/")
    page.locator(".wheel__marks a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + events["main"].url)
    # the skip link jumps over every mark to the list
    page.goto(site_server.url + calendar_page["fi"].url + f"{year}/")
    page.locator("a.wheel__skip").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "calendar-list"
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('.wheel') === null")
    assert focused, "after the skip link, focus is past the wheel"


def test_a_crowded_days_mark_is_named_reachable_and_visible_in_forced_colours(
    site_server, browser_page, calendar_page, make_event
):
    """Issue 15: a day with more events than the clock has room for is one day mark: axe finds
    nothing on the year or the day's list, the browser names it with the count and the day, Enter
    opens the list of exactly that day's events, and under forced colours the disc and its number
    are system colours of full contrast."""
    from tests.fixtures_events import helsinki
    from tests.test_design_system_browser import RGB_JS, hex_of

    crowded = wheel.MAX_LANES - 1
    for i in range(crowded):
        make_event(title=f"Ruuhkailta {i:02d}", start=helsinki(2030, 3, 5, 8 + i), revision=False)
    make_event(title="Toisen päivän ilta", start=helsinki(2030, 3, 12, 18), revision=False)
    page = browser_page
    page.goto(site_server.url + calendar_page["fi"].url + "2030/")
    assert_accessible(page)
    mark = page.locator(".wheel__marks").get_by_role("link", name=f"tiistai 5.3.2030: {crowded} tapahtumaa")
    assert mark.locator("text").text_content() == str(crowded)
    assert page.locator(".wheel__marks a").count() == 2  # the day mark and the other day's own mark
    mark.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/2030/3/5/")
    titles = page.locator(".event-item__title").all_text_contents()
    assert sorted(t.strip() for t in titles) == [f"Ruuhkailta {i:02d}" for i in range(crowded)]
    assert_accessible(page)

    page.emulate_media(forced_colors="active")
    page.goto(site_server.url + calendar_page["fi"].url + "2030/")
    canvas, canvas_text = hex_of(page.evaluate(RGB_JS, "Canvas")), hex_of(page.evaluate(RGB_JS, "CanvasText"))
    disc = page.locator(".wheel__marks .wheel__day")
    assert hex_of(disc.evaluate("e => getComputedStyle(e).fill")) == canvas_text
    count = page.locator(".wheel__marks .wheel__day-count")
    assert hex_of(count.evaluate("e => getComputedStyle(e).fill")) == canvas


def test_filters_work_without_javascript(site_server, browser, calendar_page, events):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        year = timezone.localtime(events["main"].start).year
        page.goto(site_server.url + calendar_page["en"].url + f"{year}/")
        page.select_option("#id_area", "torinranta")
        page.get_by_role("button", name="Show events").click()
        page.wait_for_url(re.compile(r".*area=torinranta.*"))
        titles = page.locator(".event-item__title").all_inner_texts()
        # a district also shows its major area's evenings
        assert titles == ["Resident evening in the centre", "Pop-up at the market"]
        assert (
            page.locator('link[rel="alternate"][type="text/calendar"]')
            .get_attribute("href")
            .endswith("/en/annual-clock/ical/?area=torinranta")
        )
    finally:
        context.close()


def test_screen_view_keyboard_walk(site_server, browser_page, calendar_page, events):
    page = browser_page
    page.goto(site_server.url + calendar_page["sv"].url + "screen/")
    stops = tab_through(page)
    assert [s["href"] for s in stops][-1].endswith("refresh=off")
    assert page.locator(".main-nav").count() == 0
    assert page.locator(".screen__event-title").all_inner_texts() == [
        "Invånarkväll i centrum",
        "Pop up på torget",
    ]


def test_editor_publishes_an_event_in_the_admin_and_it_appears_in_calendar_and_feed(
    site_server, browser_page, calendar_page, event_refs, superuser
):
    client = Client()
    client.force_login(superuser)
    page = browser_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site_server.url}]
    )
    calendar = calendar_page["fi"]
    page.goto(site_server.url + f"/admin/pages/add/participation_pages/eventpage/{calendar.pk}/")
    page.fill("#id_title", "Lehtolan kevätilta")
    # formats are snippets: pick one in the chooser modal, as an editor does
    page.locator("#id_event_format-chooser .unchosen [data-chooser-action-choose]").click()
    page.locator(".modal").get_by_role("link", name="Asukasilta").click()
    page.wait_for_function("() => document.getElementById('id_event_format').value !== ''")
    page.fill("#id_summary", "Kevään asukasilta Lehtolassa.")
    page.fill("#id_start", "2030-04-16 17:30")
    page.keyboard.press("Escape")
    page.fill("#id_end", "2030-04-16 20:00")
    page.keyboard.press("Escape")
    page.select_option("#id_attendance_mode", "OnlineEventAttendanceMode")
    page.fill("#id_online_url", "https://meet.example.org/lehtola")
    # Publish sits in the footer's action menu next to "submit for moderation"
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/.*"))
    event = EventPage.objects.get(title="Lehtolan kevätilta")
    assert event.live
    assert event.slug == "lehtolan-kevatilta"

    page.goto(site_server.url + calendar.url + "2030/")
    assert page.get_by_role("link", name="Lehtolan kevätilta").count() >= 1
    feed = page.request.get(site_server.url + calendar.url + "ical/")
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(feed.body()).walk("VEVENT")]
    assert "Lehtolan kevätilta" in summaries
