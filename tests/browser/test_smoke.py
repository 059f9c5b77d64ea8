import pytest

from tests.conftest import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_home_page_loads_in_chromium(portal, page):
    page.goto(portal.url + "/en/")
    assert page.locator("h2", has_text="Top news").is_visible()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
