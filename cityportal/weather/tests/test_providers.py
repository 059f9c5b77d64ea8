"""The provider interface: settings checks, the hard time limit of get_json, and the
plausibility checks every reading goes through before it is stored."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured

from cityportal.weather.conditions import Condition
from cityportal.weather.providers import (
    Location,
    Reading,
    WeatherFetchError,
    configured_provider,
    implausibilities,
)
from cityportal.weather.providers.base import get_json
from cityportal.weather.providers.open_meteo import OpenMeteoProvider
from cityportal.weather.tests.conftest import RECORDED_AT, SOON_AFTER

HENGYANG = Location("Hengyang", 26.89, 112.57)
THREE_HOURS = timedelta(hours=3)


def reading(**changes) -> Reading:
    values = {
        "observed_at": RECORDED_AT,
        "temperature": 27.3,
        "humidity": 68.0,
        "wind_speed": 9.4,
        "condition": Condition.OVERCAST,
        "condition_code": "3",
        "raw": {},
    }
    return Reading(**{**values, **changes})


def test_the_configured_provider_follows_the_settings(settings):
    settings.CITYPORTAL_WEATHER_BASE_URL = "https://customer-api.open-meteo.com/v1/forecast"
    settings.CITYPORTAL_WEATHER_LOCATION_NAME = "Nanyue"
    settings.CITYPORTAL_WEATHER_LATITUDE = 27.25
    settings.CITYPORTAL_WEATHER_LONGITUDE = 112.69
    settings.CITYPORTAL_WEATHER_TIMEOUT = 4
    provider = configured_provider()
    assert isinstance(provider, OpenMeteoProvider)
    assert provider.location == Location("Nanyue", 27.25, 112.69)
    assert provider.timeout == 4
    assert provider.request_url().startswith(
        "https://customer-api.open-meteo.com/v1/forecast?latitude=27.2500&longitude=112.6900&"
    )


@pytest.mark.parametrize(
    ("base_url", "timeout", "message"),
    [
        ("file:///etc/passwd", 5, "is not an http(s) URL"),
        ("ftp://example.org/forecast", 5, "is not an http(s) URL"),
        ("https:///v1/forecast", 5, "is not an http(s) URL"),
        ("https://api.open-meteo.com/v1/forecast", 0, "timeout must be 0 to 120 seconds"),
        ("https://api.open-meteo.com/v1/forecast", 600, "timeout must be 0 to 120 seconds"),
    ],
)
def test_wrong_provider_settings_are_refused(base_url, timeout, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(").replace(")", r"\)")):
        OpenMeteoProvider(base_url=base_url, location=HENGYANG, timeout=timeout, time_zone="UTC")


@pytest.mark.parametrize(("latitude", "longitude"), [(126.89, 112.57), (26.89, 212.57), (-91, 0)])
def test_a_location_off_the_globe_is_refused(latitude, longitude):
    with pytest.raises(ImproperlyConfigured, match="is not a latitude"):
        Location("Hengyang", latitude, longitude)


def test_a_location_needs_a_name():
    with pytest.raises(ImproperlyConfigured, match="needs a name"):
        Location(" ", 26.89, 112.57)


def test_get_json_does_not_wait_for_a_stuck_download(weather_server):
    weather_server.reply_with("current_overcast.json", delay=5)
    started = time.monotonic()
    with pytest.raises(WeatherFetchError, match="did not answer within 0.5 s"):
        get_json(weather_server.base_url, timeout=0.5)
    assert time.monotonic() - started < 1.0
    # The abandoned download thread ends on its own socket timeout, not later.
    time.sleep(0.6)
    assert "weather-download" not in [thread.name for thread in threading.enumerate()]


def test_a_plausible_reading_passes():
    assert implausibilities(reading(), SOON_AFTER, THREE_HOURS) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"temperature": 912.0}, "the temperature 912.0 °C is outside -90 to 60 °C"),
        ({"temperature": -120.0}, "the temperature -120.0 °C is outside -90 to 60 °C"),
        ({"temperature": float("nan")}, "the temperature nan °C is outside"),
        ({"humidity": 168.0}, "the relative humidity 168.0% is outside 0 to 100%"),
        ({"humidity": -1.0}, "the relative humidity -1.0% is outside 0 to 100%"),
        ({"wind_speed": 900.0}, "the wind speed 900.0 km/h is outside 0 to 450 km/h"),
        ({"wind_speed": float("inf")}, "the wind speed inf km/h is outside"),
        ({"observed_at": SOON_AFTER + timedelta(hours=2)}, "is in the future"),
        ({"observed_at": SOON_AFTER - timedelta(hours=4)}, "is older than the 3:00:00"),
        ({"observed_at": datetime(2024, 5, 18, 14, 45)}, "has no time zone"),
    ],
)
def test_implausible_readings_are_named(changes, problem):
    problems = implausibilities(reading(**changes), SOON_AFTER, THREE_HOURS)
    assert len(problems) == 1
    assert problem in problems[0]


def test_every_problem_of_a_reading_is_named():
    problems = implausibilities(reading(temperature=912.0, humidity=168.0), SOON_AFTER, THREE_HOURS)
    assert len(problems) == 2


def test_a_small_clock_difference_is_tolerated():
    slightly_ahead = reading(observed_at=SOON_AFTER + timedelta(minutes=20))
    assert implausibilities(slightly_ahead, SOON_AFTER, THREE_HOURS) == []
    nearly_three_hours_old = reading(observed_at=datetime(2024, 5, 18, 4, 0, tzinfo=UTC))
    assert implausibilities(nearly_three_hours_old, SOON_AFTER, THREE_HOURS) == []


def test_get_json_only_speaks_http():
    with pytest.raises(WeatherFetchError, match="is not an http"):
        get_json("file:///etc/passwd", timeout=1)
