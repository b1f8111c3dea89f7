"""Issue 17 (part B) in Chromium: the pattern page (axe), branding, the phone header and filter
disclosures without JavaScript, and the annual clock under forced colours."""

import pytest

from home import colours
from tests.browser import assert_accessible
from tests.fixtures_events import helsinki
from tests.images import make_image
from tests.test_browser_shell import login_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}

RGB_JS = """(value) => {
  const probe = document.createElement('span');
  probe.style.color = value;
  document.body.appendChild(probe);
  const rgb = getComputedStyle(probe).color;
  probe.remove();
  return rgb;
}"""


def hex_of(rgb):
    """'rgb(1, 2, 3)' -> '#010203'."""
    channels = [int(float(c)) for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    return "#" + "".join(f"{c:02x}" for c in channels)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_pattern_page_renders_every_component_in_every_state_without_axe_violations(
    site_server, browser_page, site_tree, superuser, language
):
    make_image("Järvelän tori", alt="Tori ja kirjasto keväällä")
    login_browser(browser_page, site_server, superuser)
    page = browser_page
    response = page.goto(f"{site_server.url}/{language}/patterns/")
    assert response.status == 200
    for section in (
        "tokens",
        "header",
        "cards",
        "badges",
        "facts",
        "filters",
        "pagination",
        "forms",
        "notices",
    ):
        assert page.locator(f"section#{section}").is_visible(), section
    cards = page.locator("#cards .card--media")
    assert cards.count() == 7  # one with an image, then every kind's fallback
    assert page.locator("#cards .card__image").get_attribute("alt") == "Tori ja kirjasto keväällä"
    assert page.locator("#cards .card__fallback").count() == 6
    assert page.locator("#pagination .pagination").count() == 3
    assert page.locator("#forms .error-summary a").count() == 4  # name, e-mail, mode and consent
    assert page.locator("#notices .message").count() == 4
    assert page.locator("#header details[open]").count() == 1
    assert page.locator("#filters details[open]").count() == 1
    assert_accessible(page)
    # The self-hosted typeface is in use (no other origin: the CSP allows none).
    assert page.evaluate("() => document.fonts.check('16px \"Inter Variable\"')")
    family = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Inter Variable"')


def test_the_brand_colour_from_site_settings_colours_the_header_and_buttons(
    site_server, browser_page, site_tree, calendar_page
):
    from home.models import SiteSettings

    settings = SiteSettings.for_site(site_tree["site"])
    settings.brand_colour = "#e07a10"
    settings.full_clean()
    settings.save()
    page = browser_page
    page.goto(site_server.url + calendar_page["fi"].url)
    header = page.locator(".site-header")
    assert hex_of(header.evaluate("e => getComputedStyle(e).backgroundColor")) == "#e07a10"
    assert (
        hex_of(header.locator(".site-header__name").evaluate("e => getComputedStyle(e).color")) == "#000000"
    )
    button = page.locator(".filters button[type=submit]")
    assert hex_of(button.evaluate("e => getComputedStyle(e).backgroundColor")) == "#e07a10"
    assert colours.contrast_ratio(hex_of(button.evaluate("e => getComputedStyle(e).color")), "#e07a10") >= 4.5
    assert_accessible(page)


def test_on_a_phone_the_header_menu_and_the_filters_are_disclosures_that_work_without_javascript(
    site_server, browser, calendar_page, make_event
):
    make_event(title="Kevään asukasilta", start=helsinki(2030, 3, 12, 18))
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_server.url + calendar_page["fi"].url + "2030/?format=asukasilta")
        header_height = page.locator(".site-header").bounding_box()["height"]
        assert header_height <= 0.12 * PHONE["height"], header_height
        menu = page.locator(".site-menu__toggle")
        assert menu.is_visible() and menu.inner_text().strip() == "Valikko"
        assert not page.get_by_role("link", name="English").is_visible()
        menu.focus()
        page.keyboard.press("Enter")
        assert page.get_by_role("link", name="English").is_visible()
        assert page.get_by_role("navigation", name="Päävalikko").is_visible()

        toggle = page.locator(".filter-disclosure__toggle")
        assert toggle.inner_text().strip() == "Rajaa (1 valittu)"
        assert not page.locator("form.filters").is_visible()
        assert page.get_by_role("heading", name="Kevään asukasilta").is_visible()  # results come first
        toggle.click()
        assert page.locator("form.filters").is_visible()
        assert page.locator(".month-strip").is_visible() and not page.locator(".wheel__figure").is_visible()
    finally:
        context.close()


def test_on_a_wide_screen_menu_and_filters_are_always_shown(site_server, browser_page, calendar_page):
    page = browser_page
    page.goto(site_server.url + calendar_page["fi"].url)
    assert not page.locator(".site-menu__toggle").is_visible()
    assert page.get_by_role("link", name="English").is_visible()
    assert not page.locator(".filter-disclosure__toggle").is_visible()
    assert page.locator("form.filters").is_visible()
    assert page.locator(".wheel__figure").is_visible() and not page.locator(".month-strip").is_visible()


def test_under_forced_colours_the_wheels_labels_marks_and_badges_stay_visible(
    site_server, browser_page, calendar_page, make_event
):
    from participation_pages.models import EventPage

    make_event(title="Maaliskuun ilta", start=helsinki(2030, 3, 12, 18))
    make_event(title="Peruttu ilta", start=helsinki(2030, 5, 20, 18), status=EventPage.Status.CANCELLED)
    page = browser_page
    page.emulate_media(forced_colors="active")
    page.goto(site_server.url + calendar_page["fi"].url + "2030/")
    assert page.evaluate("() => matchMedia('(forced-colors: active)').matches")
    canvas = hex_of(page.evaluate(RGB_JS, "Canvas"))
    canvas_text = hex_of(page.evaluate(RGB_JS, "CanvasText"))
    assert colours.contrast_ratio(canvas, canvas_text) >= 7

    labels = page.locator(".wheel__month")
    assert labels.count() == 12
    for i in range(12):
        fill = hex_of(labels.nth(i).evaluate("e => getComputedStyle(e).fill"))
        assert fill == canvas_text, (labels.nth(i).text_content(), fill)
    for sector in page.locator(".wheel__sector").all():
        assert hex_of(sector.evaluate("e => getComputedStyle(e).fill")) == canvas
    marks = page.locator(".wheel__mark")
    assert marks.count() == 2
    for mark in marks.all():
        assert hex_of(mark.evaluate("e => getComputedStyle(e).stroke")) == canvas_text
    hollow = page.locator(".wheel__mark--hollow")
    assert hex_of(hollow.evaluate("e => getComputedStyle(e).fill")) == canvas  # still reads as cancelled

    badge = page.locator(".event-item .badge--cancelled")
    style = badge.evaluate(
        "e => { const s = getComputedStyle(e); return [s.color, s.borderTopColor, s.borderTopStyle]; }"
    )
    assert hex_of(style[0]) == hex_of(style[1]) and style[2] == "solid"
    assert colours.contrast_ratio(hex_of(style[0]), canvas) >= 4.5
