"""A first-time visitor's journey through the portal, in one browser tab: from the home
page through the menu to the reference article, reading it with larger text, searching
for one of its words and subscribing to its channel's RSS feed."""

import re

import feedparser
import pytest
from playwright.sync_api import expect

from cityportal.demo import reference_article
from tests.browser import support

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_new_visitor_journey(portal, page):
    # The home page.
    page.goto(portal.url + support.HOME)
    expect(page).to_have_title(re.compile("Hengyang Municipal People's Government"))
    menu = page.get_by_role("navigation", name="Main menu")

    # Current News -> Hot News -> the reference article, through the menu.
    menu.get_by_role("button", name="Current News: show channels").click()
    menu.get_by_role("link", name="Hot News", exact=True).click()
    expect(page).to_have_url(portal.url + support.CHANNEL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hot News")
    page.get_by_role("main").get_by_role("link", name=reference_article.TITLE).click()
    expect(page).to_have_url(portal.url + support.ARTICLE)

    # The article's anatomy: title, source, date, [A A] buttons, body, translator.
    article = page.locator("article")
    expect(article.get_by_role("heading", level=1)).to_have_text(reference_article.TITLE)
    meta = article.locator(".article__meta")
    expect(meta).to_contain_text("From:衡阳市政府门户网站")
    expect(meta).to_contain_text("Date Add in:2024-05-18 23:14:41")
    text_size = meta.get_by_role("group", name="Text size")
    # What the eye sees is "[A A]"; what a screen reader hears is the two buttons' names.
    assert text_size.locator('[aria-hidden="true"]').all_inner_texts() == ["[", "A", "A", "]"]
    smaller = text_size.get_by_role("button", name="Smaller text")
    larger = text_size.get_by_role("button", name="Larger text")
    expect(smaller).to_be_visible()
    expect(larger).to_be_visible()
    paragraphs = article.locator(".article__body p")
    expect(paragraphs).to_have_count(len(reference_article.PARAGRAPHS))
    expect(paragraphs.first).to_have_text(reference_article.PARAGRAPHS[0])
    expect(paragraphs.last).to_have_text(reference_article.PARAGRAPHS[-1])
    expect(article.get_by_text("Translator: Jing")).to_be_visible()
    support.screenshot(page, "journey-article")

    # Larger text, which stays larger after a reload and on the next page.
    normal = support.main_font_size(page)
    larger.click()
    enlarged = support.main_font_size(page)
    assert enlarged > normal
    page.reload()
    assert support.main_font_size(page) == enlarged
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Hot News").click()
    expect(page).to_have_url(portal.url + support.CHANNEL)
    assert support.main_font_size(page) == enlarged
    support.screenshot(page, "journey-channel-large-text")

    # Searching for a word of the article finds it.
    search_box = page.get_by_role("search", name="Site search").get_by_role("searchbox")
    search_box.fill(support.SEARCH_WORD)
    search_box.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=Baisha"))
    result = page.get_by_role("main").get_by_role("link", name=reference_article.TITLE)
    expect(result).to_be_visible()
    assert result.get_attribute("href").endswith(support.ARTICLE)

    # The channel's RSS feed: announced to feed readers and linked on the page.
    page.goto(portal.url + support.CHANNEL)
    autodiscovery = page.locator('link[rel="alternate"][type="application/rss+xml"][title*="Hot News"]')
    expect(autodiscovery).to_have_count(1)
    visible_link = page.get_by_role("link", name="RSS feed of Hot News")
    expect(visible_link).to_be_visible()
    feed_address = visible_link.get_attribute("href")
    assert autodiscovery.get_attribute("href") == feed_address
    response = page.request.get(portal.url + feed_address)
    assert response.ok
    assert "xml" in response.headers["content-type"]
    feed = feedparser.parse(response.body())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert "Hot News" in feed.feed.title
    entry = next((e for e in feed.entries if e.title == reference_article.TITLE), None)
    assert entry is not None, [e.title for e in feed.entries]
    assert entry.link.endswith(support.ARTICLE)
    assert entry.published_parsed is not None
