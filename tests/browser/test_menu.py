"""The main menu: disclosure buttons usable with the keyboard, the current section and
channel marked, a "Menu" button on phones, and every channel listed without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def focused(tab) -> dict:
    return tab.evaluate(
        """() => { const e = document.activeElement;
        return {tag: e.tagName, text: e.textContent.trim(), controls: e.getAttribute('aria-controls')} }"""
    )


def tab_until(tab, predicate, limit: int = 40) -> dict:
    for _ in range(limit):
        tab.keyboard.press("Tab")
        state = focused(tab)
        if predicate(state):
            return state
    raise AssertionError(f"never reached by Tab; last focus: {state}")


def test_menu_works_with_the_keyboard(portal, page):
    page.goto(portal.url + support.CHANNEL)
    # The first Tab reaches the skip link, which then shows.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    expect(page.get_by_role("link", name="Skip to main content")).to_be_in_viewport()

    menu = page.get_by_role("navigation", name="Main menu")
    button = menu.get_by_role("button", name="Tourism: show channels")
    panel = page.locator("#" + button.get_attribute("aria-controls"))
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()

    tab_until(page, lambda s: s["controls"] == panel.get_attribute("id"))
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link", name="Top Eight Attractions")).to_be_visible()
    support.screenshot(page, "menu-keyboard-open")

    # Tab goes into the panel, to its first channel.
    page.keyboard.press("Tab")
    expect(panel.get_by_role("link").first).to_be_focused()
    expect(panel.get_by_role("link").first).to_have_text("Top Eight Attractions")

    # Escape closes the panel and puts focus back on its button.
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()

    # Space opens it too; Enter on a channel link follows it.
    page.keyboard.press("Space")
    expect(panel).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/tourism/top-eight-attractions/$"))


def test_focus_leaving_the_menu_closes_the_open_panel(portal, page):
    page.goto(portal.url + support.HOME)
    menu = page.get_by_role("navigation", name="Main menu")
    button = menu.get_by_role("button", name="Special Column: show channels")
    panel = page.locator("#" + button.get_attribute("aria-controls"))
    button.focus()
    page.keyboard.press("Enter")
    expect(panel).to_be_visible()
    for _ in range(panel.get_by_role("link").count()):
        page.keyboard.press("Tab")
    expect(panel.get_by_role("link").last).to_be_focused()
    page.keyboard.press("Tab")  # to AllDocsList, still in the menu
    page.keyboard.press("Tab")  # out of the menu
    expect(panel).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")


def test_current_section_and_channel_are_marked(portal, page):
    page.goto(portal.url + support.ARTICLE)
    menu = page.get_by_role("navigation", name="Main menu")
    section = menu.get_by_role("link", name="Current News", exact=True)
    expect(menu.locator("[aria-current]")).to_have_count(2)
    expect(section).to_have_attribute("aria-current", "true")
    channel = menu.get_by_role("link", name="Hot News", exact=True, include_hidden=True)
    expect(channel).to_have_attribute("aria-current", "true")

    page.goto(portal.url + support.CHANNEL)
    expect(section).to_have_attribute("aria-current", "true")
    expect(channel).to_have_attribute("aria-current", "page")

    page.goto(portal.url + support.SECTION)
    expect(menu.locator("[aria-current]")).to_have_count(1)
    expect(section).to_have_attribute("aria-current", "page")

    page.goto(portal.url + support.HOME)
    expect(menu.locator("[aria-current]")).to_have_count(0)


def test_phone_menu(portal, phone_page):
    tab = phone_page
    tab.goto(portal.url + support.HOME)
    assert support.page_width(tab) <= 375
    menu = tab.get_by_role("navigation", name="Main menu")
    toggle = menu.get_by_role("button", name="Menu", exact=True)
    section_link = menu.get_by_role("link", name="Current News", exact=True)
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(section_link).to_be_hidden()

    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(section_link).to_be_visible()
    for title in support.expected_menu():
        expect(menu.get_by_role("link", name=title, exact=True)).to_be_visible()
    expander = menu.get_by_role("button", name="Current News: show channels")
    expander.tap()
    expect(expander).to_have_attribute("aria-expanded", "true")
    channel = menu.get_by_role("link", name="Hot News", exact=True)
    expect(channel).to_be_visible()
    channel.scroll_into_view_if_needed()
    expect(channel).to_be_in_viewport()
    box = channel.bounding_box()
    assert box["height"] >= 24, f"tap target too small: {box}"
    assert support.page_width(tab) <= 375
    support.screenshot(tab, "menu-phone-open")

    channel.tap()
    expect(tab).to_have_url(portal.url + support.CHANNEL)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Hot News")
    assert support.page_width(tab) <= 375
    # On the new page the list is closed again; Escape closes it after opening.
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.tap()
    expect(section_link).to_be_visible()
    tab.keyboard.press("Escape")
    expect(section_link).to_be_hidden()
    expect(toggle).to_be_focused()


def test_every_channel_is_listed_without_javascript(portal, nojs_page):
    nojs_page.goto(portal.url + support.HOME)
    menu = nojs_page.get_by_role("navigation", name="Main menu")
    expect(menu.get_by_role("button")).to_have_count(0)  # nothing to press, nothing hidden
    shown = nojs_page.evaluate(
        """() => [...document.querySelectorAll('.main-nav__section')].map(li => [
            li.querySelector('.main-nav__link').textContent.trim(),
            [...li.querySelectorAll('.main-nav__panel a')].filter(a => a.checkVisibility())
                .map(a => a.textContent.trim())])"""
    )
    expected = support.expected_menu()
    assert {title: channels for title, channels in shown if channels} == expected
    assert sum(len(channels) for channels in expected.values()) == 53
    support.screenshot(nojs_page, "menu-no-javascript")
