"""The directory (officials, departments) and investment (projects, parks, enterprises)
pages in a real browser against the demo portal: axe-core finds no WCAG 2.1 A/AA
violation on any of them at desktop width or on a 375 px phone, a new visitor finds the
Foreign Affairs Office through the menu, the A to Z index and the search box, and the
project filters and department search work with or without JavaScript."""

import http.cookiejar
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.conftest import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

OFFICIALS = "/en/e-government/officials/"
OFFICIAL = OFFICIALS + "sample-official-a/"
DEPARTMENTS = "/en/e-government/departments/"
FOREIGN_AFFAIRS = DEPARTMENTS + "foreign-affairs-office/"
FOREIGN_AFFAIRS_TITLE = "Foreign Affairs Office (Sample)"
PROJECTS = "/en/investment/investment-projects/"
PROJECT = PROJECTS + "precision-bearing-production-line/"
PARKS = "/en/investment/industrial-parks/"
PARK = PARKS + "north-bank-industrial-park/"
ENTERPRISES = "/en/investment/enterprise-focus/"
ENTERPRISE = ENTERPRISES + "example-biotech-co-ltd/"

# name: (address, a heading the page must show, a text it must show)
PAGES = {
    "officials": (OFFICIALS, "Officials", "Sample Official A"),
    "official": (OFFICIAL, "Sample Official A", "Mayor (sample entry)"),
    "departments": (DEPARTMENTS, "Departments", FOREIGN_AFFAIRS_TITLE),
    "departments-search": (DEPARTMENTS + "?q=foreign", "Departments", "departments match “foreign”"),
    "departments-no-results": (DEPARTMENTS + "?q=xylophone", "Departments", "No department matches"),
    "department": (FOREIGN_AFFAIRS, FOREIGN_AFFAIRS_TITLE, "555-0101 (example number)"),
    "projects": (PROJECTS, "Investment Projects", "CNY 120,000,000"),
    "projects-filtered": (PROJECTS + "?sector=new-materials", "Investment Projects", "1 project"),
    "projects-bad-filter": (
        PROJECTS + "?sector=moon&park=x",
        "Investment Projects",
        "is not one of the sectors",
    ),
    "project": (PROJECT, "[Sample] Precision Bearing Production Line", "CNY 120,000,000"),
    "parks": (PARKS, "Industrial Parks", "12.5 km²"),
    "park": (PARK, "[Sample] North Bank Industrial Park", "Investment projects in this park"),
    "enterprises": (ENTERPRISES, "Enterprise Focus", "[Sample] Example Biotech Co., Ltd."),
    "enterprise": (ENTERPRISE, "[Sample] Example Biotech Co., Ltd.", "Biomedicine and health"),
}


def assert_accessible(tab) -> None:
    violations = axe_violations(tab)
    assert not violations, describe_violations(violations)


def open_page(tab, portal, name: str) -> None:
    address, heading, text = PAGES[name]
    response = tab.goto(portal.url + address)
    assert response.status == 200
    expect(tab.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    expect(tab.get_by_role("main").get_by_text(text).first).to_be_visible()


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_violations(portal, page, name):
    open_page(page, portal, name)
    support.screenshot(page, f"directory-investment-{name}-1280", full_page=True)
    assert_accessible(page)


@pytest.mark.parametrize("name", PAGES)
def test_phone_page_fits_and_has_no_wcag_violations(portal, phone_page, name):
    open_page(phone_page, portal, name)
    assert support.page_width(phone_page) <= 375
    support.screenshot(phone_page, f"directory-investment-{name}-375", full_page=True)
    assert_accessible(phone_page)


def test_new_visitor_finds_the_foreign_affairs_office(portal, page):
    # From the home page, through the menu, to E-Government > Departments.
    page.goto(portal.url + support.HOME)
    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("button", name="E-Government: show channels").click()
    menu.get_by_role("link", name="Departments", exact=True).click()
    expect(page).to_have_url(portal.url + DEPARTMENTS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Departments")

    # The A to Z index: F leads to the departments filed under F.
    index = page.get_by_role("navigation", name="Departments from A to Z")
    expect(index.get_by_role("link")).not_to_have_count(0)
    # Q has no department: it is shown, but it is not a link.
    letter_q = index.get_by_role("listitem").filter(has_text=re.compile(r"^Q\b"))
    expect(letter_q).to_be_visible()
    expect(letter_q.get_by_role("link")).to_have_count(0)
    index.get_by_role("link", name="F", exact=True).click()
    expect(page).to_have_url(re.compile(r"#letter-F$"))
    letter_f = page.get_by_role("heading", name="F", exact=True)
    expect(letter_f).to_be_in_viewport()
    group = page.locator("section.az-group", has=letter_f)
    group.get_by_role("link", name=FOREIGN_AFFAIRS_TITLE).click()

    # The department's address, phone and opening hours.
    expect(page).to_have_url(portal.url + FOREIGN_AFFAIRS)
    expect(page.get_by_role("heading", level=1)).to_have_text(FOREIGN_AFFAIRS_TITLE)
    contact = page.get_by_role("region", name="Contact")
    expect(contact).to_contain_text("Address")
    expect(contact).to_contain_text("1 Example Road, Sample Building, Hengyang (example address)")
    expect(contact).to_contain_text("Phone")
    expect(contact).to_contain_text("555-0101 (example number)")
    expect(contact).to_contain_text("Opening hours")
    expect(contact).to_contain_text("Monday to Friday: 08:30–12:00 and 14:30–17:30")
    support.screenshot(page, "directory-journey-department")

    # Back on the list, the search box finds it too (typed and sent with the keyboard).
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Departments").click()
    search = page.get_by_role("search", name="Find a department")
    box = search.get_by_role("searchbox", name="Find a department by name or function")
    box.fill("foreign affairs")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"\?q=foreign\+affairs$"))
    main = page.get_by_role("main")
    expect(main.get_by_text("1 department matches “foreign affairs”.")).to_be_visible()
    expect(box).to_have_value("foreign affairs")
    main.get_by_role("link", name=FOREIGN_AFFAIRS_TITLE).click()
    expect(page).to_have_url(portal.url + FOREIGN_AFFAIRS)


def test_department_search_and_index_work_with_the_keyboard(portal, page):
    page.goto(portal.url + DEPARTMENTS)
    box = page.get_by_role("searchbox", name="Find a department by name or function")
    box.focus()
    page.keyboard.type("health")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Find", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?q=health$"))
    expect(page.get_by_role("main").get_by_role("link", name="Health Commission (Sample)")).to_be_visible()
    page.get_by_role("link", name="Show all departments").click()
    link_c = page.get_by_role("navigation", name="Departments from A to Z").get_by_role(
        "link", name="C", exact=True
    )
    link_c.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#letter-C$"))
    expect(page.get_by_role("heading", name="C", exact=True)).to_be_in_viewport()


def test_department_search_works_without_javascript(portal, nojs_page):
    nojs_page.goto(portal.url + DEPARTMENTS)
    nojs_page.get_by_role("searchbox", name="Find a department by name or function").fill("consular")
    nojs_page.get_by_role("button", name="Find", exact=True).click()
    expect(nojs_page).to_have_url(re.compile(r"\?q=consular$"))
    expect(nojs_page.get_by_role("main").get_by_role("link", name=FOREIGN_AFFAIRS_TITLE)).to_be_visible()
    expect(nojs_page.get_by_text("1 department matches “consular”.")).to_be_visible()


def test_filtering_projects_with_the_form(portal, page):
    page.goto(portal.url + PROJECTS)
    page.get_by_label("Sector").select_option(label="Advanced manufacturing")
    page.get_by_label("Industrial park").select_option(label="[Sample] North Bank Industrial Park")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"sector=advanced-manufacturing&park=\d+$"))
    main = page.get_by_role("main")
    expect(main.get_by_text("1 project", exact=True)).to_be_visible()
    expect(main.get_by_role("link", name="[Sample] Precision Bearing Production Line")).to_be_visible()
    expect(page.get_by_label("Sector")).to_have_value("advanced-manufacturing")
    support.screenshot(page, "directory-investment-projects-form-filtered-1280", full_page=True)
    assert_accessible(page)
    # From the project to its park, which lists it.
    main.get_by_role("link", name="[Sample] Precision Bearing Production Line").click()
    page.get_by_role("link", name="[Sample] North Bank Industrial Park").click()
    expect(page).to_have_url(portal.url + PARK)
    projects = page.get_by_role("region", name="Investment projects in this park")
    expect(projects.get_by_role("link", name="[Sample] Precision Bearing Production Line")).to_be_visible()


@pytest.mark.parametrize(
    "address", [OFFICIALS, OFFICIAL, DEPARTMENTS, DEPARTMENTS + "?q=foreign", FOREIGN_AFFAIRS, PROJECTS, PARK]
)
def test_pages_set_no_cookie_and_carry_no_token(portal, address):
    """Public pages must be publishable as static files."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(portal.url + address) as response:
        body = response.read().decode()
        assert response.headers.get_all("Set-Cookie") is None
    assert "csrfmiddlewaretoken" not in body
