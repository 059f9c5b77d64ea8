"""A mistyped address gets a friendly 404 page in the site's design, whose search works."""

import re

import pytest
from playwright.sync_api import expect

from cityportal.demo import reference_article
from tests.browser import support

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_not_found_page_has_the_menu_and_a_working_search(portal, page):
    response = page.goto(portal.url + support.NOT_FOUND)
    assert response.status == 404
    expect(page).to_have_title(re.compile("Page not found"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    # The site's design: header, full menu, footer.
    expect(page.get_by_role("link", name="Hengyang Municipal People's Government")).to_be_visible()
    menu = page.get_by_role("navigation", name="Main menu")
    expect(menu).to_be_visible()
    for title in support.expected_menu():
        expect(menu.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(page.locator("footer")).to_contain_text("Sponsored by")
    expect(page.get_by_role("main").get_by_role("link", name="Go to the home page")).to_have_attribute(
        "href", support.HOME
    )
    support.screenshot(page, "not-found")

    # Its own search box (in the page, not the header's) finds the article.
    search_box = page.get_by_role("main").get_by_role("searchbox", name="Search for")
    search_box.fill(support.SEARCH_WORD)
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=Baisha$"))
    expect(page.get_by_role("main").get_by_role("link", name=reference_article.TITLE)).to_be_visible()

    # The menu works from the 404 page as from any other.
    page.goto(portal.url + support.NOT_FOUND)
    menu.get_by_role("button", name="Current News: show channels").click()
    menu.get_by_role("link", name="Hot News", exact=True).click()
    expect(page).to_have_url(portal.url + support.CHANNEL)


def test_address_without_language_prefix_reaches_the_friendly_404(portal, page):
    response = page.goto(portal.url + "/no-such-page-here")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
