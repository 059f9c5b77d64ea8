"""Printing an article gives the article, and Chinese text is drawn with a CJK font."""

import pytest
from playwright.sync_api import expect

from cityportal.demo import reference_article
from tests.browser import support

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CJK_FONT = "WenQuanYi Micro Hei"


def test_print_shows_the_article_without_menu_search_or_footer_links(portal, page):
    page.goto(portal.url + support.ARTICLE)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main menu")).to_be_hidden()
    expect(page.get_by_role("search", name="Site search")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.get_by_role("group", name="Text size")).to_be_hidden()
    footer_links = page.locator("footer a")
    assert footer_links.count() > 0
    for index in range(footer_links.count()):
        expect(footer_links.nth(index)).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text(reference_article.TITLE)
    expect(page.locator(".article__meta")).to_contain_text("Date Add in:2024-05-18 23:14:41")
    paragraphs = page.locator(".article__body p")
    expect(paragraphs).to_have_count(len(reference_article.PARAGRAPHS))
    for index in (0, len(reference_article.PARAGRAPHS) - 1):
        expect(paragraphs.nth(index)).to_be_visible()
    expect(page.get_by_text("Translator: Jing")).to_be_visible()
    support.screenshot(page, "article-print", full_page=True)

    page.emulate_media(media="screen")
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()


def platform_fonts(tab, selector: str) -> dict[str, int]:
    """Font family -> number of glyphs Chromium drew with it in the element (DevTools)."""
    cdp = tab.context.new_cdp_session(tab)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"no element {selector}"
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def assert_drawn_in_cjk_font(tab, selector: str, chinese: str) -> None:
    fonts = platform_fonts(tab, selector)
    assert fonts.get(CJK_FONT, 0) >= len(chinese), fonts
    # Each Chinese character is a full-width glyph (1 em) with ink, not a blank or a box.
    width = tab.evaluate(
        """([selector, text]) => {
            const style = getComputedStyle(document.querySelector(selector));
            const context = document.createElement('canvas').getContext('2d');
            context.font = `${style.fontSize} ${style.fontFamily}`;
            const m = context.measureText(text);
            return {advance: m.width / text.length / parseFloat(style.fontSize),
                    ink: m.actualBoundingBoxAscent + m.actualBoundingBoxDescent};
        }""",
        [selector, chinese],
    )
    assert 0.9 <= width["advance"] <= 1.1, width
    assert width["ink"] > 0, width


def test_chinese_renders_with_a_cjk_font(portal, page):
    page.goto(portal.url + support.ARTICLE)
    source = page.locator(".article__source")
    expect(source).to_have_text("From:" + reference_article.SOURCE)
    assert_drawn_in_cjk_font(page, ".article__source", reference_article.SOURCE)
    shot = support.ARTIFACTS / "article-source-cjk.png"
    source.screenshot(path=str(shot))
    # The screenshot of the line has dark pixels beyond those of "From:" alone.
    from PIL import Image

    image = Image.open(shot).convert("L")
    columns = range(image.width)
    dark_columns = [x for x in columns if min(image.getpixel((x, y)) for y in range(image.height)) < 128]
    from_width = source.evaluate(
        "el => { const r = document.createRange(); r.setStart(el.firstChild, 0); r.setEnd(el.firstChild, 5);"
        " return r.getBoundingClientRect().width }"
    )
    assert dark_columns and max(dark_columns) > from_width + len(reference_article.SOURCE) * 8

    page.goto(portal.url + "/en/search/?q=政府")
    expect(page.get_by_role("searchbox", name="Search for")).to_have_value("政府")
    # The first element of the results area whose own text holds the query.
    found = page.evaluate(
        """() => { for (const el of document.querySelectorAll('main *')) {
            if ([...el.childNodes].some(n => n.nodeType === 3 && n.textContent.includes('政府'))) {
                el.setAttribute('data-cjk-probe', ''); return el.textContent.trim(); } } return null }"""
    )
    assert found, "no text with 政府 on the search page"
    assert_drawn_in_cjk_font(page, "[data-cjk-probe]", "政府")
    support.screenshot(page, "search-chinese", full_page=True)
