"""Service guides, documents and document libraries in Debian chromium against the demo
portal served like `make run`: a new visitor goes from the home page through the menu to
the Naturalization guide, opens its form and downloads it; each page type has no WCAG
2.1 A/AA violation (axe-core) at desktop width and on a 375 px phone."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.conftest import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

GUIDE_CHANNEL = "/en/online-service/naturalization/"
GUIDE = GUIDE_CHANNEL + "applying-for-chinese-nationality/"
GUIDE_TITLE = "[Sample] Applying for Chinese nationality"
FORM_TITLE = "[Sample] Application form for Chinese nationality"
FORM = "/en/online-service/forms-for-download/application-form-for-chinese-nationality/"
LIBRARY = "/en/e-government/laws-and-regulations/"
REPEALED = LIBRARY + "city-appearance-regulations-2016/"
REPEALED_TITLE = "[Sample] Regulations on City Appearance and Environmental Sanitation (2016)"

# name: (address, the h1 the page must show)
PAGES = {
    "guide": (GUIDE, GUIDE_TITLE),
    "guide-channel": (GUIDE_CHANNEL, "Naturalization"),
    "form": (FORM, FORM_TITLE),
    "document-repealed": (REPEALED, REPEALED_TITLE),
    "document-library": (LIBRARY, "Laws and Regulations"),
}


def assert_accessible(tab) -> None:
    violations = axe_violations(tab)
    assert not violations, describe_violations(violations)


def test_new_visitor_finds_the_naturalization_guide_and_downloads_its_form(portal, page):
    page.goto(portal.url + support.HOME)
    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("button", name="Online Service: show channels").click()
    menu.get_by_role("link", name="Naturalization", exact=True).click()
    expect(page).to_have_url(portal.url + GUIDE_CHANNEL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Naturalization")

    page.get_by_role("main").get_by_role("link", name=GUIDE_TITLE).click()
    expect(page).to_have_url(portal.url + GUIDE)
    expect(page.get_by_role("heading", level=1)).to_have_text(GUIDE_TITLE)
    procedure = page.get_by_role("region", name="Procedure")
    expect(procedure.get_by_role("listitem")).to_have_count(5)
    expect(procedure.get_by_role("listitem").first).to_contain_text("Prepare your materials")
    # The table of contents jumps to the forms.
    page.get_by_role("navigation", name="On this page").get_by_role("link", name="Forms").click()
    expect(page).to_have_url(portal.url + GUIDE + "#forms")
    forms = page.get_by_role("region", name="Forms")
    forms.get_by_role("link", name=FORM_TITLE).click()

    expect(page).to_have_url(portal.url + FORM)
    expect(page.get_by_role("heading", level=1)).to_have_text(FORM_TITLE)
    used_by = page.get_by_role("region", name="Used by these service guides")
    expect(used_by.get_by_role("link", name=GUIDE_TITLE)).to_be_visible()
    # The link says what the file is and how big it is.
    download_link = page.get_by_role("link", name=re.compile(r"^Application form to print \(PDF, \d"))
    expect(download_link).to_have_text(re.compile(r"\(PDF, [\d.]+\s(KB|bytes)\)$"))
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == "sample-application-for-chinese-nationality.pdf"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    assert b"Application form for Chinese nationality" in data


def test_a_chinese_file_name_arrives_as_chinese(portal, page):
    page.goto(portal.url + FORM)
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"^Editable form in Chinese")).click()
    assert info.value.suggested_filename == "加入中国国籍申请表-样例.docx"
    assert Path(info.value.path()).read_bytes().startswith(b"PK\x03\x04")


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_violations(portal, page, name):
    address, heading = PAGES[name]
    response = page.goto(portal.url + address)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    support.screenshot(page, f"services-documents-{name}-1280", full_page=True)
    assert_accessible(page)


@pytest.mark.parametrize("name", PAGES)
def test_phone_page_has_no_wcag_violations(portal, phone_page, name):
    address, heading = PAGES[name]
    response = phone_page.goto(portal.url + address)
    assert response.status == 200
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(heading)
    assert support.page_width(phone_page) <= 375
    support.screenshot(phone_page, f"services-documents-{name}-375", full_page=True)
    assert_accessible(phone_page)


def test_filtered_document_library_has_no_wcag_violations(portal, page):
    page.goto(portal.url + LIBRARY)
    page.get_by_label("Status").select_option(label="Repealed")
    page.get_by_label("Order").select_option(label="Oldest first")
    page.get_by_role("button", name="Show documents").click()
    expect(page).to_have_url(re.compile(r"status=repealed.*sort=oldest"))
    main = page.get_by_role("main")
    expect(main.get_by_text("2 documents", exact=True)).to_be_visible()
    titles = main.locator(".document-list__title")
    expect(titles).to_have_text(
        [
            "[Sample] Provisions on Fireworks Safety during Festivals",
            "[Sample] Regulations on City Appearance and Environmental Sanitation (2016)",
        ]
    )
    expect(main.get_by_role("link", name="Clear filters")).to_be_visible()
    support.screenshot(page, "services-documents-library-filtered-1280", full_page=True)
    assert_accessible(page)


def test_a_bad_filter_value_shows_a_message_not_an_error(portal, page):
    response = page.goto(portal.url + LIBRARY + "?year=20x4&issuer=Nobody")
    assert response.status == 200
    notices = page.get_by_role("main").locator(".notice")
    expect(notices).to_have_text(
        [
            "No document here was issued by “Nobody”, so that filter was not used.",
            "“20x4” is not a year like 2024, so it was not used.",
        ]
    )
    assert_accessible(page)


def test_the_filters_work_from_the_keyboard(portal, page):
    page.goto(portal.url + LIBRARY)
    page.get_by_label("Issuing body").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    selected = page.get_by_label("Issuing body").input_value()
    assert selected
    page.get_by_role("button", name="Show documents").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"issuer="))
    for meta in page.locator(".document-list__meta").all():
        expect(meta).to_contain_text(selected)
