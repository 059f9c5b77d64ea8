"""What an observation shows: whole numbers without "-0", the condition in the
visitor's language, and one row per provider, location and time."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError
from django.utils.functional import Promise

from cityportal.weather.conditions import Condition
from cityportal.weather.models import Observation

pytestmark = pytest.mark.django_db

AT = datetime(2024, 5, 18, 6, 45, tzinfo=UTC)


def observation(**fields) -> Observation:
    values = {
        "provider": "open-meteo",
        "location": "Hengyang",
        "observed_at": AT,
        "fetched_at": AT,
        "temperature": 27.3,
        "humidity": 68,
        "wind_speed": 9.4,
        "condition": Condition.OVERCAST,
        "condition_code": "3",
        "raw": {},
    }
    return Observation(**{**values, **fields})


@pytest.mark.parametrize(
    ("temperature", "whole"), [(27.3, 27), (27.5, 28), (-0.4, 0), (-0.5, -1), (-12.6, -13), (0.0, 0)]
)
def test_temperature_is_shown_as_a_whole_number(temperature, whole):
    shown = observation(temperature=temperature).whole_temperature
    assert shown == whole
    assert str(shown) != "-0"


def test_humidity_and_wind_are_whole_numbers():
    shown = observation(humidity=67.5, wind_speed=9.4)
    assert (shown.whole_humidity, shown.whole_wind_speed) == (68, 9)


def test_condition_text_is_the_translatable_label():
    thunder = observation(condition=Condition.THUNDERSTORM)
    assert thunder.condition_text == "Thunderstorm"
    # A lazy translation: the visitor's language is chosen when it is shown.
    assert isinstance(Condition.THUNDERSTORM.label, Promise)


def test_an_unknown_condition_has_no_text():
    assert observation(condition=Condition.UNKNOWN, condition_code="4").condition_text == ""


def test_one_row_per_provider_location_and_time():
    observation().save()
    observation(provider="cma").save()
    with pytest.raises(IntegrityError):
        observation().save()


def test_str_names_place_time_and_temperature():
    assert str(observation()) == "Hengyang 2024-05-18 06:45 UTC: 27.3 °C (open-meteo)"
