"""Addresses of the demo portal's pages and small helpers shared by the browser tests."""

from pathlib import Path

from cityportal.demo import reference_article, site_structure

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

HOME = "/en/"
SECTION = "/en/current-news/"
CHANNEL = "/en/{}/{}/".format(*site_structure.REFERENCE_CHANNEL)
CHANNEL_PAGE_2 = CHANNEL + "page/1/"  # its numbered page (counted from the oldest)
ARTICLE = f"{CHANNEL}{reference_article.SLUG}/"
ALL_DOCS = f"/en/{site_structure.ALL_DOCS_LIST[1]}/"
NOT_FOUND = "/en/no-such-page-here/"
# "Baisha" (Baisha Green Island) appears in the reference article's body only.
SEARCH_WORD = "Baisha"
SEARCH_WITH_RESULTS = f"/en/search/?q={SEARCH_WORD}"
SEARCH_WITHOUT_RESULTS = "/en/search/?q=xylophonequartzwaltz"
OPEN_SURVEY = "/en/online-service/online-investigation/how-useful-is-the-english-portal/"


def answer_open_survey(tab) -> None:
    """Answers every required question of the demo's open survey and sends it."""
    tab.get_by_role("radio", name="A few times a year").check()
    tab.get_by_role("checkbox", name="News about the city").check()
    tab.get_by_role("radio", name="5 Very easy").check()
    tab.get_by_role("button", name="Send my answers").click()


def expected_menu() -> dict[str, list[str]]:
    """Section title -> titles of its menu entries, as the demo site defines them."""
    return {
        title: ["Weather" if kind == site_structure.WEATHER else name for name, _, kind, _ in entries]
        for title, _, entries in site_structure.SECTIONS
    }


def screenshot(tab, name: str, full_page: bool = False) -> Path:
    """Saves a screenshot under test-artifacts/ (gitignored) for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=full_page)
    return path


def main_font_size(tab) -> float:
    """The computed font size, in px, of the page's main content."""
    return tab.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")


def page_width(tab) -> int:
    return tab.evaluate("() => document.documentElement.scrollWidth")
