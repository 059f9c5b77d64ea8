"""The Content-Security-Policy and the other security headers, as a browser receives them
from `make run`: published pages (answered from files, never reaching Django) carry the
same headers as dynamic ones, and the policy really stops an injected inline script."""

import pytest

from tests.browser import support

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options")


def test_published_and_dynamic_pages_carry_the_same_security_headers(portal, page):
    published = page.goto(portal.url + support.ARTICLE)
    assert published.headers.get("content-encoding") in ("br", "gzip")  # from its file
    dynamic = page.goto(portal.url + support.SEARCH_WITH_RESULTS)
    for name in HEADERS:
        assert published.headers.get(name), name
        assert published.headers.get(name) == dynamic.headers.get(name), name
    policy = published.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'self'" in policy
    assert published.headers["x-content-type-options"] == "nosniff"


def test_an_injected_inline_script_is_refused(portal, browser):
    context = browser.new_context(locale="en-US")
    tab = context.new_page()
    tab.goto(portal.url + support.ARTICLE)
    # What a defacer's stored markup would try: a script written into the page.
    with tab.expect_console_message(lambda m: "Content Security Policy" in m.text) as refusal:
        tab.evaluate(
            """() => { const s = document.createElement('script');
                       s.textContent = 'window.injected = true'; document.head.appendChild(s); }"""
        )
    assert "inline script" in refusal.value.text
    assert tab.evaluate("() => window.injected") is None
    context.close()


def test_the_admin_keeps_its_inline_scripts_and_nothing_more(portal, page):
    response = page.goto(portal.url + "/admin/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
