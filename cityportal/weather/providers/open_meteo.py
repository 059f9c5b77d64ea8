"""Open-Meteo (https://open-meteo.com/): free forecast API, no key, data under CC BY 4.0
(hence the credit under the widget).

One request: ``GET {base_url}?latitude=..&longitude=..&current=temperature_2m,
relative_humidity_2m,weather_code,wind_speed_10m&timezone=Asia/Shanghai``. The answer's
``current`` object holds the values of the current 15-minute interval, ``current.time``
is local time in the requested zone (without offset; ``utc_offset_seconds`` gives it)
and ``current_units`` names the units.
"""

import math
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

from cityportal.weather.conditions import Condition
from cityportal.weather.providers.base import Reading, WeatherFetchError, WeatherProvider

TEMPERATURE = "temperature_2m"
HUMIDITY = "relative_humidity_2m"
WEATHER_CODE = "weather_code"
WIND_SPEED = "wind_speed_10m"
CURRENT_FIELDS = (TEMPERATURE, HUMIDITY, WEATHER_CODE, WIND_SPEED)
# The API's default units, which the portal stores; another unit means the request or
# the service changed, and converting silently could show 80 °C for 80 °F.
EXPECTED_UNITS = {TEMPERATURE: "°C", HUMIDITY: "%", WIND_SPEED: "km/h"}

# WMO weather interpretation codes, as documented by Open-Meteo.
WMO_CONDITIONS: dict[int, Condition] = {
    0: Condition.CLEAR,
    1: Condition.MAINLY_CLEAR,
    2: Condition.PARTLY_CLOUDY,
    3: Condition.OVERCAST,
    45: Condition.FOG,
    48: Condition.FOG,  # depositing rime fog
    51: Condition.DRIZZLE,
    53: Condition.DRIZZLE,
    55: Condition.DRIZZLE,
    56: Condition.FREEZING_DRIZZLE,
    57: Condition.FREEZING_DRIZZLE,
    61: Condition.LIGHT_RAIN,
    63: Condition.RAIN,
    65: Condition.HEAVY_RAIN,
    66: Condition.FREEZING_RAIN,
    67: Condition.FREEZING_RAIN,
    71: Condition.LIGHT_SNOW,
    73: Condition.SNOW,
    75: Condition.HEAVY_SNOW,
    77: Condition.SNOW_GRAINS,
    80: Condition.RAIN_SHOWERS,
    81: Condition.RAIN_SHOWERS,
    82: Condition.HEAVY_RAIN_SHOWERS,
    85: Condition.SNOW_SHOWERS,
    86: Condition.SNOW_SHOWERS,
    95: Condition.THUNDERSTORM,
    96: Condition.THUNDERSTORM_WITH_HAIL,
    99: Condition.THUNDERSTORM_WITH_HAIL,
}


class OpenMeteoProvider(WeatherProvider):
    name = "open-meteo"
    label = "Open-Meteo"
    attribution_url = "https://open-meteo.com/"

    def request_url(self) -> str:
        query = urlencode(
            {
                "latitude": f"{self.location.latitude:.4f}",
                "longitude": f"{self.location.longitude:.4f}",
                "current": ",".join(CURRENT_FIELDS),
                "timezone": self.time_zone,
            }
        )
        return f"{self.base_url}?{query}"

    def fetch(self) -> Reading:
        return self.parse(self.get_json(self.request_url()))

    def parse(self, data: Any) -> Reading:
        """A Reading from a decoded answer, or WeatherFetchError naming what is missing
        or malformed."""
        if not isinstance(data, dict):
            raise WeatherFetchError(f"Open-Meteo's answer is a JSON {type(data).__name__}, not an object.")
        if data.get("error"):
            raise WeatherFetchError(
                f"Open-Meteo refused the request: {data.get('reason') or 'no reason given'}."
            )
        current = data.get("current")
        if not isinstance(current, dict):
            raise WeatherFetchError("Open-Meteo's answer has no 'current' object.")
        values = {name: _number(current, name) for name in (TEMPERATURE, HUMIDITY, WIND_SPEED)}
        units = data.get("current_units")
        if isinstance(units, dict):
            for name, expected in EXPECTED_UNITS.items():
                unit = units.get(name)
                if unit is not None and unit != expected:
                    raise WeatherFetchError(
                        f"Open-Meteo gave {name} in {unit!r}, not {expected!r} as the portal stores it."
                    )
        code = _number(current, WEATHER_CODE)
        if not math.isfinite(code) or code != int(code) or not 0 <= code <= 99:
            raise WeatherFetchError(f"current.{WEATHER_CODE} {code!r} is not a WMO weather code (0 to 99).")
        return Reading(
            observed_at=_observed_at(data, current),
            temperature=float(values[TEMPERATURE]),
            humidity=float(values[HUMIDITY]),
            wind_speed=float(values[WIND_SPEED]),
            condition=WMO_CONDITIONS.get(int(code), Condition.UNKNOWN),
            condition_code=str(int(code)),
            raw=data,
        )


def _number(current: dict, name: str) -> float:
    if name not in current or current[name] is None:
        raise WeatherFetchError(f"Open-Meteo's answer has no current.{name}.")
    value = current[name]
    # bool is an int in Python; true is not a temperature.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WeatherFetchError(f"current.{name} is {value!r}, not a number.")
    return value


def _observed_at(data: dict, current: dict) -> datetime:
    text = current.get("time")
    if not isinstance(text, str):
        raise WeatherFetchError("Open-Meteo's answer has no current.time.")
    try:
        local = datetime.fromisoformat(text)
    except ValueError:
        raise WeatherFetchError(f"current.time {text[:40]!r} is not an ISO 8601 time.") from None
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    offset = data.get("utc_offset_seconds")
    if isinstance(offset, bool) or not isinstance(offset, int) or abs(offset) > 18 * 3600:
        raise WeatherFetchError("Open-Meteo's answer has no valid utc_offset_seconds for current.time.")
    return local.replace(tzinfo=timezone(timedelta(seconds=offset))).astimezone(UTC)
