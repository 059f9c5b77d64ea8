"""The weather widget as visitors and operators meet it: `manage.py fetch_weather` run
against the portal (as cron would) with a local server replaying a recorded Open-Meteo
answer, then the home page in chromium. Also the static-publishing case: a copy of the
home page made earlier is brought up to date by weather.js, and shows what it was
rendered with when JavaScript is off."""

import subprocess
import urllib.request

import pytest
from playwright.sync_api import expect

from cityportal.weather.tests.recording_server import RecordingServer
from tests.browser import support
from tests.conftest import VENV_BIN, axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NOT_AVAILABLE = "Weather information is not available right now."


def fetch_weather(portal, service: RecordingServer) -> subprocess.CompletedProcess:
    """`manage.py fetch_weather` with the portal's settings, asking the recording server."""
    return subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "fetch_weather"],
        cwd=support.ROOT,
        env={**portal.env, "CITYPORTAL_WEATHER_BASE_URL": service.base_url},
        capture_output=True,
        text=True,
        timeout=120,
    )


def forget_weather(portal) -> None:
    portal.manage(
        "shell", "-c", "from cityportal.weather.models import Observation; Observation.objects.all().delete()"
    )


@pytest.fixture
def no_weather(portal):
    """The portal without any observation, before and after the test (other tests see the
    home page as the demo leaves it)."""
    forget_weather(portal)
    yield
    forget_weather(portal)


@pytest.fixture
def weather_service():
    with RecordingServer() as server:
        server.reply_with("current_overcast.json", fresh_time=True)
        yield server


def assert_stored(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Stored the weather for Hengyang observed at ")


@pytest.fixture
def fetched(portal, no_weather, weather_service):
    result = fetch_weather(portal, weather_service)
    assert_stored(result)
    return result


@pytest.fixture(scope="module")
def shown_weather(portal):
    """One fetched observation for the tests that only look at it: each fetch and each
    clean-up is a `manage.py` start. These tests come first in the module; every later
    test sets the weather up itself, and the observation goes when the module ends."""
    forget_weather(portal)
    with RecordingServer() as service:
        service.reply_with("current_overcast.json", fresh_time=True)
        assert_stored(fetch_weather(portal, service))
    yield
    forget_weather(portal)


def assert_accessible(tab) -> None:
    violations = axe_violations(tab)
    assert not violations, describe_violations(violations)


def expect_shown(widget) -> None:
    expect(widget.locator(".weather__temperature")).to_have_text("27 °C")
    expect(widget.locator(".weather__condition")).to_have_text("Overcast")
    expect(widget.locator(".weather__time")).to_contain_text("Observed at")
    expect(widget.get_by_role("link", name="Open-Meteo")).to_be_visible()


def test_fetched_weather_is_shown_without_wcag_violations(portal, page, shown_weather):
    page.goto(portal.url + support.HOME)
    widget = page.locator("#weather .weather")
    expect_shown(widget)
    expect(widget.locator("dt")).to_have_text(["Humidity", "Wind"])
    expect(widget.locator("dd")).to_have_text(["68%", "9 km/h"])
    page.locator("#weather").scroll_into_view_if_needed()
    support.screenshot(page, "weather-home-1280")
    assert_accessible(page)


def test_the_menu_entry_leads_to_the_widget(portal, page, shown_weather):
    page.goto(portal.url + support.CHANNEL)
    page.get_by_role("button", name="Special Column: show channels").click()
    page.locator("#main-nav").get_by_role("link", name="Weather").click()
    page.wait_for_url(portal.url + support.HOME + "#weather")
    expect_shown(page.locator("#weather .weather"))
    expect(page.locator("#weather")).to_be_in_viewport()


def test_fetched_weather_on_a_phone(portal, phone_page, shown_weather):
    phone_page.goto(portal.url + support.HOME + "#weather")
    expect_shown(phone_page.locator("#weather .weather"))
    assert support.page_width(phone_page) <= 375
    support.screenshot(phone_page, "weather-home-375")
    assert_accessible(phone_page)


def test_without_observation_the_area_says_so(portal, page, no_weather):
    page.goto(portal.url + support.HOME)
    area = page.locator("#weather")
    expect(area.get_by_role("heading", name="Weather")).to_be_visible()
    expect(area.locator(".weather")).to_have_text(NOT_AVAILABLE)
    expect(area.locator(".weather__temperature")).to_have_count(0)


def test_a_failed_fetch_exits_1_and_keeps_the_last_observation(portal, page, fetched, weather_service):
    weather_service.reply_with("server_error_500.html", status=500)
    result = fetch_weather(portal, weather_service)
    assert result.returncode == 1
    assert "answered HTTP 500 Internal Server Error" in result.stderr
    assert "is kept and still shown" in result.stderr
    page.goto(portal.url + support.HOME)
    expect_shown(page.locator("#weather .weather"))


def home_snapshot(portal) -> str:
    """The home page as a static publisher would have saved it at this moment."""
    with urllib.request.urlopen(portal.url + support.HOME) as response:
        return response.read().decode()


def serve_snapshot(tab, portal, html: str) -> None:
    """The browser gets the saved copy for the home page (as from a static file host);
    everything else, weather.json included, comes from the portal."""
    tab.route(
        portal.url + support.HOME,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
    )


def test_a_static_copy_is_brought_up_to_date_by_script(portal, page, nojs_page, no_weather, weather_service):
    snapshot = home_snapshot(portal)
    assert NOT_AVAILABLE in snapshot
    result = fetch_weather(portal, weather_service)
    assert result.returncode == 0, result.stderr

    serve_snapshot(page, portal, snapshot)
    with page.expect_response(portal.url + "/en/weather.json") as answer:
        page.goto(portal.url + support.HOME)
    assert answer.value.headers["cache-control"] == "public, max-age=300"
    expect_shown(page.locator("#weather .weather"))
    assert_accessible(page)

    # Without JavaScript the copy shows what it was made with.
    serve_snapshot(nojs_page, portal, snapshot)
    nojs_page.goto(portal.url + support.HOME)
    expect(nojs_page.locator("#weather .weather")).to_have_text(NOT_AVAILABLE)


def test_a_static_copy_hides_weather_that_is_no_longer_current(portal, page, fetched):
    snapshot = home_snapshot(portal)
    assert "27 °C" in snapshot
    forget_weather(portal)
    serve_snapshot(page, portal, snapshot)
    page.goto(portal.url + support.HOME)
    expect(page.locator("#weather .weather")).to_have_text(NOT_AVAILABLE)
