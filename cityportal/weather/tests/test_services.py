"""Fetching and storing: a good answer is stored once, a bad one changes nothing; the
widget's observation is the newest while it is fresh; old rows are pruned."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cityportal.weather.conditions import Condition
from cityportal.weather.models import Observation
from cityportal.weather.providers import WeatherFetchError
from cityportal.weather.services import current_observation, fetch_and_store, prune, widget_context
from cityportal.weather.tests.conftest import RECORDED_AT, SOON_AFTER

pytestmark = pytest.mark.django_db


def make_observation(observed_at, **fields) -> Observation:
    values = {
        "provider": "open-meteo",
        "location": "Hengyang",
        "observed_at": observed_at,
        "fetched_at": observed_at + timedelta(minutes=2),
        "temperature": 21.5,
        "humidity": 60,
        "wind_speed": 5.0,
        "condition": Condition.CLEAR,
        "condition_code": "0",
        "raw": {},
    }
    return Observation.objects.create(**{**values, **fields})


def test_a_good_answer_is_stored(weather_settings):
    observation = fetch_and_store(now=SOON_AFTER)
    stored = Observation.objects.get()
    assert stored == observation
    assert (stored.provider, stored.location) == ("open-meteo", "Hengyang")
    assert (stored.observed_at, stored.fetched_at) == (RECORDED_AT, SOON_AFTER)
    assert (stored.temperature, stored.humidity, stored.wind_speed) == (27.3, 68.0, 9.4)
    assert (stored.condition, stored.condition_code) == (Condition.OVERCAST, "3")
    assert stored.raw["current"]["temperature_2m"] == 27.3


def test_fetching_again_within_the_interval_refreshes_the_same_row(weather_settings):
    fetch_and_store(now=SOON_AFTER)
    later = SOON_AFTER + timedelta(minutes=5)
    fetch_and_store(now=later)
    assert Observation.objects.get().fetched_at == later


def test_a_new_interval_adds_a_row(weather_settings, weather_server):
    fetch_and_store(now=SOON_AFTER)
    weather_server.reply_with("current_thunderstorm.json")
    fetch_and_store(now=RECORDED_AT + timedelta(hours=2))
    assert Observation.objects.count() == 2
    assert current_observation(RECORDED_AT + timedelta(hours=2)).condition == Condition.THUNDERSTORM


@pytest.mark.parametrize(
    ("recording", "options", "message"),
    [
        ("server_error_500.html", {"status": 500}, "HTTP 500"),
        ("error_400.json", {"status": 400}, "HTTP 400"),
        ("malformed_truncated.json", {}, "not valid JSON"),
        ("missing_fields.json", {}, "no current.temperature_2m"),
        ("no_current.json", {}, "no 'current' object"),
        ("fahrenheit.json", {}, "°F"),
        ("out_of_range.json", {}, "the temperature 912.0 °C is outside -90 to 60 °C; the relative humidity"),
        ("current_overcast.json", {"delay": 5}, "did not answer within 2 s"),
    ],
)
def test_a_bad_answer_keeps_the_last_good_observation(
    weather_settings, weather_server, recording, options, message
):
    good = make_observation(RECORDED_AT - timedelta(minutes=15), temperature=26.9)
    weather_server.reply_with(recording, **options)
    with pytest.raises(WeatherFetchError) as failure:
        fetch_and_store(now=SOON_AFTER)
    assert message in str(failure.value)
    assert list(Observation.objects.all()) == [good]
    assert current_observation(SOON_AFTER).temperature == 26.9


def test_an_answer_too_old_to_show_is_not_stored(weather_settings):
    with pytest.raises(WeatherFetchError, match="Open-Meteo's answer was not stored: the observation time"):
        fetch_and_store(now=RECORDED_AT + timedelta(hours=4))
    assert not Observation.objects.exists()


def test_there_is_no_current_observation_without_any(settings):
    assert current_observation() is None


def test_the_newest_fresh_observation_is_current(settings):
    now = timezone.now()
    make_observation(now - timedelta(hours=1), temperature=20)
    newest = make_observation(now - timedelta(minutes=10), temperature=22)
    make_observation(now - timedelta(minutes=5), location="Beijing")
    assert current_observation(now) == newest


def test_an_observation_older_than_the_maximum_age_is_not_current(settings):
    now = timezone.now()
    make_observation(now - timedelta(hours=2))
    assert current_observation(now) is not None
    settings.CITYPORTAL_WEATHER_MAX_AGE = 60 * 60
    assert current_observation(now) is None


def test_prune_deletes_old_rows_but_keeps_the_newest(settings):
    now = timezone.now()
    old = [make_observation(now - timedelta(days=days)) for days in (40, 35)]
    recent = make_observation(now - timedelta(days=2))
    assert prune(now) == 2
    assert list(Observation.objects.all()) == [recent]
    recent.delete()
    make_observation(old[0].observed_at)
    # With nothing newer, the last observation stays (it tells when fetching stopped).
    assert prune(now) == 0


def test_widget_version_changes_with_what_is_shown(settings):
    now = timezone.now()
    assert widget_context(now)["weather_version"] == "none"
    observation = make_observation(now - timedelta(minutes=10))
    first = widget_context(now)
    assert first["observation"] == observation
    assert first["weather_source"] == {"label": "Open-Meteo", "url": "https://open-meteo.com/"}
    observation.fetched_at += timedelta(minutes=5)
    observation.save()
    assert widget_context(now)["weather_version"] not in ("none", first["weather_version"])


def test_an_observation_of_another_provider_credits_it_by_name(settings):
    make_observation(timezone.now() - timedelta(minutes=10), provider="cma")
    assert widget_context()["weather_source"] == {"label": "cma", "url": ""}
