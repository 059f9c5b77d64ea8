"""The [A A] text size buttons: three sizes, real buttons with names, aria-disabled at
either end, the choice remembered across pages in localStorage, a few lines of script."""

import pytest
from playwright.sync_api import expect

from tests.browser import support

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

STORAGE_KEY = "cityportal.textSize"


def stored_size(tab):
    return tab.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')")


def test_three_text_sizes_remembered_across_pages(portal, page):
    page.goto(portal.url + support.ARTICLE)
    group = page.get_by_role("group", name="Text size")
    smaller = group.get_by_role("button", name="Smaller text")
    larger = group.get_by_role("button", name="Larger text")
    for button in (smaller, larger):
        assert button.evaluate("b => b.tagName === 'BUTTON' && b.type === 'button'")
    expect(smaller).to_have_attribute("aria-disabled", "false")
    expect(larger).to_have_attribute("aria-disabled", "false")
    normal = support.main_font_size(page)
    assert stored_size(page) is None

    # Smaller, down to the limit, where the button says it is unavailable.
    smaller.click()
    small = support.main_font_size(page)
    assert small < normal
    expect(smaller).to_have_attribute("aria-disabled", "true")
    expect(larger).to_have_attribute("aria-disabled", "false")
    smaller.click(force=True)  # Playwright would wait for an aria-disabled button
    assert support.main_font_size(page) == small
    assert stored_size(page) == "small"

    # Larger, with the keyboard: two steps up to the other limit.
    larger.focus()
    page.keyboard.press("Enter")
    assert support.main_font_size(page) == normal
    expect(smaller).to_have_attribute("aria-disabled", "false")
    page.keyboard.press("Space")
    large = support.main_font_size(page)
    assert large > normal
    expect(larger).to_have_attribute("aria-disabled", "true")
    page.keyboard.press("Enter")
    assert support.main_font_size(page) == large
    assert stored_size(page) == "large"

    # Remembered on other pages, including those without the buttons, and on return.
    page.goto(portal.url + support.HOME)
    assert support.main_font_size(page) == large
    page.goto(portal.url + support.ARTICLE)
    assert support.main_font_size(page) == large
    expect(larger).to_have_attribute("aria-disabled", "true")
    body_text = page.locator(".article__body p").first
    assert body_text.evaluate("p => parseFloat(getComputedStyle(p).fontSize)") == large
    support.screenshot(page, "text-size-large")


def test_text_size_script_is_small_and_the_only_scripts_are_the_portals(portal, page):
    scripts = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(portal.url + support.ARTICLE)
    names = sorted(url.rsplit("/", 1)[-1].split(".")[0] for url in scripts)
    assert names == ["menu", "text-size"], scripts  # no framework, no third-party script
    source = (support.ROOT / "cityportal/core/static/core/js/text-size.js").read_text()
    lines = [line.strip() for line in source.splitlines()]
    code_lines = [line for line in lines if line and not line.startswith(("/*", "*"))]
    assert len(code_lines) <= 50
