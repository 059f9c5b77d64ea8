"""axe-core finds no WCAG 2.1 A/AA violation on each kind of public page, at desktop
width and on a 375 px phone. Each test also checks the page shows what it should, so a
blank or broken page cannot pass, and saves a screenshot under test-artifacts/."""

import re

import pytest
from playwright.sync_api import expect

from cityportal.demo import reference_article
from tests.browser import support
from tests.conftest import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# name: (address, expected status, a heading the page must show)
PAGES = {
    "home": (support.HOME, 200, "Top news"),
    "section": (support.SECTION, 200, "Current News"),
    "channel": (support.CHANNEL, 200, "Hot News"),
    "channel-page-2": (support.CHANNEL_PAGE_2, 200, "Hot News"),
    "article": (support.ARTICLE, 200, reference_article.TITLE),
    "all-docs": (support.ALL_DOCS, 200, "AllDocsList"),
    "search-results": (support.SEARCH_WITH_RESULTS, 200, reference_article.TITLE),
    "search-no-results": (support.SEARCH_WITHOUT_RESULTS, 200, "Search"),
    "not-found": (support.NOT_FOUND, 404, "Page not found"),
}


def assert_accessible(tab) -> None:
    violations = axe_violations(tab)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_violations(portal, page, name):
    address, status, heading = PAGES[name]
    response = page.goto(portal.url + address)
    assert response.status == status
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    if name == "search-no-results":
        expect(page.get_by_text("No results for")).to_be_visible()
    support.screenshot(page, f"a11y-{name}-1280")
    assert_accessible(page)


def test_filtered_all_docs_list_has_no_wcag_violations(portal, page):
    """AllDocsList after choosing filters in its form (a section and a date range)."""
    page.goto(portal.url + support.ALL_DOCS)
    page.get_by_label("Section").select_option(label="Current News")
    page.get_by_label("Published from").fill("2024-05-01")
    page.get_by_label("Published until").fill("2024-05-31")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"date_from=2024-05-01"))
    expect(page.get_by_role("link", name=reference_article.TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    support.screenshot(page, "a11y-all-docs-filtered-1280")
    assert_accessible(page)


def test_open_menu_panel_has_no_wcag_violations(portal, page):
    page.goto(portal.url + support.CHANNEL)
    page.get_by_role("button", name="Current News: show channels").click()
    expect(page.locator("#main-nav").get_by_role("link", name="Special Report")).to_be_visible()
    support.screenshot(page, "a11y-menu-open-1280")
    assert_accessible(page)


@pytest.mark.parametrize("name", ["home", "article"])
def test_phone_page_has_no_wcag_violations(portal, phone_page, name):
    address, status, heading = PAGES[name]
    response = phone_page.goto(portal.url + address)
    assert response.status == status
    expect(phone_page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    assert support.page_width(phone_page) <= 375
    support.screenshot(phone_page, f"a11y-{name}-375")
    assert_accessible(phone_page)


def test_phone_menu_open_has_no_wcag_violations(portal, phone_page):
    phone_page.goto(portal.url + support.HOME)
    phone_page.get_by_role("button", name="Menu", exact=True).click()
    phone_page.get_by_role("button", name="Current News: show channels").click()
    expect(phone_page.locator("#main-nav").get_by_role("link", name="Hot News")).to_be_visible()
    assert support.page_width(phone_page) <= 375
    support.screenshot(phone_page, "a11y-home-375-menu")
    assert_accessible(phone_page)
