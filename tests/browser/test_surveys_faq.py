"""Online Investigation and FAQ as a new visitor uses them: answering the open sample
survey from the menu with keyboard and mouse, being refused a second time, finding the
answer counted in the results; searching the FAQ and following a question's link.
axe-core finds no WCAG 2.1 A/AA violation on any of their pages and states."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.conftest import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SURVEY_LIST = "/en/online-service/online-investigation/"
OPEN_SURVEY = SURVEY_LIST + "how-useful-is-the-english-portal/"
OPEN_TITLE = "[Sample] How useful is the English portal?"
CLOSED_SURVEY = SURVEY_LIST + "signs-and-maps-for-foreign-visitors/"
FAQ = "/en/online-service/faq/"


def assert_accessible(tab) -> None:
    violations = axe_violations(tab)
    assert not violations, describe_violations(violations)


def result_count(tab, question: int, answer: str) -> int:
    """The "People" figure of one answer in the results table of a question."""
    table = tab.locator(".results-table").nth(question - 1)
    row = table.locator("tbody tr").filter(has=tab.get_by_role("rowheader", name=answer, exact=True))
    return int(row.locator("td").first.inner_text())


def test_a_visitor_answers_the_open_survey_once_and_sees_the_answer_counted(portal, browser, page):
    # What the results say before this visitor answers (another tab, like another person).
    before_tab = browser.new_page()
    before_tab.goto(portal.url + OPEN_SURVEY + "results/")
    before_weekly = result_count(before_tab, 1, "Every week")
    before_four = result_count(before_tab, 3, "4")
    before_tab.close()

    # Home > Online Service > Online Investigation, through the menu.
    page.goto(portal.url + support.HOME)
    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("button", name="Online Service: show channels").click()
    menu.get_by_role("link", name="Online Investigation", exact=True).click()
    expect(page).to_have_url(portal.url + SURVEY_LIST)
    open_now = page.get_by_role("region", name="Open now")
    expect(open_now.get_by_role("link", name=OPEN_TITLE, exact=True)).to_be_visible()
    support.screenshot(page, "surveys-list-1280", full_page=True)
    open_now.get_by_role("link", name=OPEN_TITLE, exact=True).click()
    expect(page).to_have_url(portal.url + OPEN_SURVEY)
    expect(page.get_by_role("heading", level=1)).to_have_text(OPEN_TITLE)
    expect(page.get_by_text("Sample content:")).to_be_visible()

    # Question 1 by keyboard: the arrow keys move the choice within the radio group.
    first = page.get_by_role("radio", name="This is my first visit")
    first.focus()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Every week")).to_be_checked()
    expect(page.get_by_role("radio", name="Every week")).to_be_focused()

    # Question 2 by mouse: two boxes, by their labels.
    page.get_by_text("Tourism and travel", exact=True).click()
    page.get_by_text("Visas and residence", exact=True).click()
    expect(page.get_by_role("checkbox", name="Tourism and travel")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Visas and residence")).to_be_checked()

    # Question 3 by keyboard again: Tab into the rating, arrows to 4.
    page.get_by_role("checkbox", name="Contacting the city government").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name="1 Very hard")).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="4", exact=True)).to_be_checked()

    # Question 4: Tab to the text box and type; then Tab to the button and press Enter.
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name=re.compile("What should we add or improve"))).to_be_focused()
    page.keyboard.type("A list of opening hours, please.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send my answers")).to_be_focused()
    support.screenshot(page, "survey-filled-1280", full_page=True)
    page.keyboard.press("Enter")

    # Thanks.
    expect(page).to_have_url(portal.url + OPEN_SURVEY + "thanks/")
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    expect(page.get_by_text("Your answers have been recorded.")).to_be_visible()
    support.screenshot(page, "survey-thanks-1280")

    # A second try is refused.
    page.goto(portal.url + OPEN_SURVEY)
    expect(page.get_by_text("You have already answered this survey.")).to_be_visible()
    expect(page.get_by_role("button", name="Send my answers")).to_have_count(0)
    support.screenshot(page, "survey-already-answered-1280")

    # The results count this visitor's answers.
    page.get_by_role("link", name="See the results of this survey").click()
    expect(page).to_have_url(portal.url + OPEN_SURVEY + "results/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Results: {OPEN_TITLE}")
    assert result_count(page, 1, "Every week") == before_weekly + 1
    assert result_count(page, 3, "4") == before_four + 1
    support.screenshot(page, "survey-results-1280", full_page=True)


def test_the_faq_search_finds_a_question_and_its_link_scrolls_to_it(portal, page):
    page.goto(portal.url + FAQ)
    expect(page.get_by_role("heading", level=1)).to_have_text("FAQ")
    page.get_by_label("Search the questions and answers").fill("passport")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?q=passport$"))
    expect(page.get_by_role("status")).to_contain_text("3 questions match “passport”.")
    question = page.get_by_role("heading", name="What should I do if I lose my passport?")
    expect(question).to_be_visible()
    expect(page.get_by_role("heading", name="Do I need a visa to visit the city?")).to_have_count(0)

    link = page.get_by_role("navigation", name="Matching questions").get_by_role(
        "link", name="What should I do if I lose my passport?"
    )
    assert page.evaluate("() => window.scrollY") == 0
    link.click()
    expect(page).to_have_url(re.compile(r"\?q=passport#q-what-should-i-do-if-i-lose-my-passport$"))
    expect(question).to_be_in_viewport()
    assert page.evaluate("() => window.scrollY") > 0
    support.screenshot(page, "faq-search-anchor-1280")


def test_a_question_far_down_the_faq_is_reached_by_its_link(portal, page):
    page.goto(portal.url + FAQ)
    question = page.get_by_role("heading", name="Can I read the portal in Chinese?")
    expect(question).not_to_be_in_viewport()
    page.get_by_role("navigation", name="Questions").get_by_role(
        "link", name="Can I read the portal in Chinese?"
    ).click()
    expect(page).to_have_url(portal.url + FAQ + "#q-can-i-read-the-portal-in-chinese")
    expect(question).to_be_in_viewport()
    # The question the link points to is highlighted.
    assert question.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    # The same address opened directly lands on the question too.
    page.goto(portal.url + FAQ + "#q-can-i-read-the-portal-in-chinese")
    expect(question).to_be_in_viewport()


# -- axe-core on every page and state ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "address", "heading"),
    [
        ("survey-list", SURVEY_LIST, "Online Investigation"),
        ("survey-form", OPEN_SURVEY, OPEN_TITLE),
        ("survey-results", OPEN_SURVEY + "results/", f"Results: {OPEN_TITLE}"),
        ("survey-closed", CLOSED_SURVEY, "[Sample] Signs and maps for foreign visitors"),
        (
            "survey-closed-results",
            CLOSED_SURVEY + "results/",
            "Results: [Sample] Signs and maps for foreign visitors",
        ),
        ("faq", FAQ, "FAQ"),
        ("faq-search", FAQ + "?q=visa", "FAQ"),
        ("faq-search-chinese", FAQ + "?q=%E7%99%BB%E8%AE%B0", "FAQ"),
        ("faq-no-match", FAQ + "?q=visa+xylophone", "FAQ"),
    ],
)
def test_pages_have_no_wcag_violations(portal, page, name, address, heading):
    response = page.goto(portal.url + address)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    support.screenshot(page, f"a11y-{name}-1280", full_page=True)
    assert_accessible(page)


def test_survey_with_validation_errors_has_no_wcag_violations(portal, page):
    page.goto(portal.url + OPEN_SURVEY)
    page.get_by_role("radio", name="About once a month").check()
    page.get_by_role("button", name="Send my answers").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Some answers need your attention")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(page).to_have_title(re.compile("^Error:"))
    # What was chosen is still chosen; the summary links lead to the questions.
    expect(page.get_by_role("radio", name="About once a month")).to_be_checked()
    summary.get_by_role("link", name=re.compile("Question 2")).click()
    expect(page).to_have_url(re.compile(r"#q-[0-9a-f-]+-1$"))
    expect(page.get_by_role("checkbox", name="News about the city")).to_be_in_viewport()
    support.screenshot(page, "a11y-survey-errors-1280", full_page=True)
    assert_accessible(page)


def test_survey_after_submission_has_no_wcag_violations(portal, page):
    page.goto(portal.url + OPEN_SURVEY)
    support.answer_open_survey(page)
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert_accessible(page)
    page.goto(portal.url + OPEN_SURVEY)
    expect(page.get_by_text("You have already answered this survey.")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("name", "address", "heading"),
    [
        ("survey-form", OPEN_SURVEY, OPEN_TITLE),
        ("survey-results", OPEN_SURVEY + "results/", f"Results: {OPEN_TITLE}"),
        ("survey-list", SURVEY_LIST, "Online Investigation"),
        ("faq-search", FAQ + "?q=passport", "FAQ"),
    ],
)
def test_phone_pages_fit_and_have_no_wcag_violations(portal, phone_page, name, address, heading):
    phone_page.goto(portal.url + address)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(heading)
    assert support.page_width(phone_page) <= 375
    support.screenshot(phone_page, f"a11y-{name}-375", full_page=True)
    assert_accessible(phone_page)
