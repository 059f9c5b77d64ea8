"""The Open-Meteo provider against a real local HTTP server replaying recorded answers:
what it asks for, what it reads, and how it fails."""

import json
import socket
import time
from datetime import UTC, datetime

import pytest

from cityportal.weather.conditions import Condition
from cityportal.weather.providers import Location, WeatherFetchError
from cityportal.weather.providers.open_meteo import OpenMeteoProvider
from cityportal.weather.tests.conftest import RECORDED_AT
from cityportal.weather.tests.recording_server import RECORDINGS

HENGYANG = Location("Hengyang", 26.89, 112.57)


def provider_for(server, timeout: float = 2.0) -> OpenMeteoProvider:
    return OpenMeteoProvider(
        base_url=server.base_url, location=HENGYANG, timeout=timeout, time_zone="Asia/Shanghai"
    )


def recorded(name: str) -> dict:
    return json.loads((RECORDINGS / name).read_text())


def test_asks_for_the_current_weather_at_the_location(weather_server):
    provider_for(weather_server).fetch()
    [request] = weather_server.requests
    assert request["path"] == "/v1/forecast"
    assert request["query"] == {
        "latitude": ["26.8900"],
        "longitude": ["112.5700"],
        "current": ["temperature_2m,relative_humidity_2m,weather_code,wind_speed_10m"],
        "timezone": ["Asia/Shanghai"],
    }


def test_reads_a_recorded_answer(weather_server):
    weather_server.reply_with("current_overcast.json")
    reading = provider_for(weather_server).fetch()
    # 14:45 in Hengyang (utc_offset_seconds 28800) is 06:45 UTC.
    assert reading.observed_at == RECORDED_AT
    assert (reading.temperature, reading.humidity, reading.wind_speed) == (27.3, 68.0, 9.4)
    assert (reading.condition, reading.condition_code) == (Condition.OVERCAST, "3")
    assert reading.raw == recorded("current_overcast.json")


@pytest.mark.parametrize(
    ("recording", "condition", "code"),
    [
        ("current_thunderstorm.json", Condition.THUNDERSTORM, "95"),
        ("current_frost.json", Condition.LIGHT_SNOW, "71"),
        # A code the API does not document: the reading is kept, without a condition.
        ("current_unknown_code.json", Condition.UNKNOWN, "4"),
    ],
)
def test_maps_wmo_codes_to_conditions(weather_server, recording, condition, code):
    weather_server.reply_with(recording)
    reading = provider_for(weather_server).fetch()
    assert (reading.condition, reading.condition_code) == (condition, code)


def test_frost_reading_keeps_negative_and_zero_values(weather_server):
    weather_server.reply_with("current_frost.json")
    reading = provider_for(weather_server).fetch()
    assert (reading.temperature, reading.wind_speed) == (-0.4, 0.0)
    assert reading.observed_at == datetime(2024, 1, 21, 23, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("recording", "status", "message"),
    [
        ("server_error_500.html", 500, "answered HTTP 500 Internal Server Error: <html>"),
        ("error_400.json", 400, "answered HTTP 400 Bad Request: Latitude must be in range of -90 to 90°"),
        ("malformed_truncated.json", 200, "is not valid JSON"),
        ("missing_fields.json", 200, "has no current.temperature_2m"),
        ("no_current.json", 200, "has no 'current' object"),
        ("fahrenheit.json", 200, "gave temperature_2m in '°F', not '°C'"),
    ],
)
def test_a_failed_or_malformed_answer_is_an_error_that_says_why(weather_server, recording, status, message):
    weather_server.reply_with(recording, status=status)
    with pytest.raises(WeatherFetchError) as failure:
        provider_for(weather_server).fetch()
    assert message in str(failure.value)


def test_gives_up_on_a_slow_service_within_the_timeout(weather_server):
    weather_server.reply_with("current_overcast.json", delay=5)
    started = time.monotonic()
    with pytest.raises(WeatherFetchError, match=r"did not answer within 1 s \(timed out\)"):
        provider_for(weather_server, timeout=1).fetch()
    assert time.monotonic() - started < 1.5


def test_gives_up_on_an_answer_that_never_finishes_within_the_timeout(weather_server):
    # Headers at once, then one byte every 50 ms: each wait is short, the whole is ~25 s.
    weather_server.reply_with("current_overcast.json", trickle=0.05)
    started = time.monotonic()
    with pytest.raises(WeatherFetchError, match="did not answer within 1 s"):
        provider_for(weather_server, timeout=1).fetch()
    assert time.monotonic() - started < 1.5


def test_an_unreachable_service_is_an_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port any more.
    provider = OpenMeteoProvider(
        base_url=f"http://127.0.0.1:{port}/v1/forecast", location=HENGYANG, timeout=2, time_zone="UTC"
    )
    with pytest.raises(WeatherFetchError, match="Could not reach 127.0.0.1"):
        provider.fetch()


def answer(**current_changes) -> dict:
    data = recorded("current_overcast.json")
    data["current"].update(current_changes)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "is a JSON list, not an object"),
        ({"error": True}, "refused the request: no reason given"),
        (answer(temperature_2m="27.3"), "current.temperature_2m is '27.3', not a number"),
        (answer(relative_humidity_2m=True), "current.relative_humidity_2m is True, not a number"),
        (answer(wind_speed_10m=None), "has no current.wind_speed_10m"),
        (answer(weather_code=3.5), "3.5 is not a WMO weather code"),
        (answer(weather_code=100), "100 is not a WMO weather code"),
        (answer(weather_code=float("nan")), "is not a WMO weather code"),
        (answer(time="yesterday"), "current.time 'yesterday' is not an ISO 8601 time"),
        (answer(time=None), "has no current.time"),
        ({**answer(), "utc_offset_seconds": "28800"}, "no valid utc_offset_seconds"),
    ],
)
def test_parse_names_what_is_wrong(data, message):
    provider = OpenMeteoProvider(
        base_url="https://api.open-meteo.com/v1/forecast", location=HENGYANG, timeout=5, time_zone="UTC"
    )
    with pytest.raises(WeatherFetchError) as failure:
        provider.parse(data)
    assert message in str(failure.value)


def test_parse_accepts_a_time_with_its_own_offset():
    provider = OpenMeteoProvider(
        base_url="https://api.open-meteo.com/v1/forecast", location=HENGYANG, timeout=5, time_zone="UTC"
    )
    reading = provider.parse(answer(time="2024-05-18T14:45+08:00"))
    assert reading.observed_at == RECORDED_AT
