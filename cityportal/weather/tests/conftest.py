"""A recording server per test, and settings that point the weather provider at it."""

from datetime import UTC, datetime, timedelta

import pytest

from cityportal.weather.tests.recording_server import RecordingServer

# current.time of the recordings current_overcast.json and out_of_range.json
# (2024-05-18T14:45 in Hengyang, UTC+8).
RECORDED_AT = datetime(2024, 5, 18, 6, 45, tzinfo=UTC)
# A moment shortly after it, for checks that compare with "now".
SOON_AFTER = RECORDED_AT + timedelta(minutes=5)


@pytest.fixture
def weather_server():
    with RecordingServer() as server:
        yield server


@pytest.fixture
def weather_settings(settings, weather_server):
    settings.CITYPORTAL_WEATHER_BASE_URL = weather_server.base_url
    settings.CITYPORTAL_WEATHER_TIMEOUT = 2
    return settings
