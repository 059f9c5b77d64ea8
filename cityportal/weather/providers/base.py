"""What every weather provider offers, and the checks every reading must pass.

A provider turns one answer of a weather service into a ``Reading``; it does not store
anything. ``cityportal.weather.services.fetch_and_store`` asks the configured provider,
checks the reading with ``implausibilities`` and stores it.
"""

import json
import math
import threading
import time
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.client import HTTPException
from typing import Any, ClassVar, Self
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cityportal.weather.conditions import Condition

USER_AGENT = "cityportal-weather/1.0 (city government portal)"
# A current-weather answer is a few hundred bytes; anything much larger is not one.
MAX_RESPONSE_BYTES = 256 * 1024

# The limits of what the Earth has recorded, with a margin: a value outside them is a
# broken answer, not weather.
TEMPERATURE_RANGE = (-90.0, 60.0)  # °C
HUMIDITY_RANGE = (0.0, 100.0)  # %
WIND_SPEED_RANGE = (0.0, 450.0)  # km/h
# Clocks differ a little; an observation further ahead than this is a broken answer.
FUTURE_TOLERANCE = timedelta(hours=1)


class WeatherFetchError(Exception):
    """The service could not be asked or gave no usable answer. The message says why, in
    words an operator reading a cron mail understands."""


@dataclass(frozen=True)
class Location:
    name: str
    latitude: float
    longitude: float

    def __post_init__(self):
        if not self.name.strip():
            raise ImproperlyConfigured(
                "The weather location needs a name (CITYPORTAL_WEATHER_LOCATION_NAME)."
            )
        if not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180):
            raise ImproperlyConfigured(
                f"The weather location {self.latitude}, {self.longitude} is not a latitude "
                "from -90 to 90 and a longitude from -180 to 180."
            )


@dataclass(frozen=True)
class Reading:
    """The current weather as one provider reported it, in the units the portal stores."""

    observed_at: datetime  # aware
    temperature: float  # °C
    humidity: float  # relative, %
    wind_speed: float  # km/h, 10 m above ground
    condition: Condition
    condition_code: str  # the provider's own code, kept for reference
    raw: dict = field(repr=False)


class WeatherProvider(ABC):
    """A public weather service that reports the current weather at a location.

    Subclasses set ``name`` (stored with each observation), ``label`` and
    ``attribution_url`` (the source credited under the widget), and implement
    ``fetch``. ``get_json`` does the HTTP request with a hard time limit.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    attribution_url: ClassVar[str]

    def __init__(self, *, base_url: str, location: Location, timeout: float, time_zone: str):
        parts = urlsplit(base_url)
        # urllib would also open file:// and ftp:// addresses; a weather service is HTTP.
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(f"The weather service address {base_url!r} is not an http(s) URL.")
        if not 0 < timeout <= 120:
            raise ImproperlyConfigured(f"The weather timeout must be 0 to 120 seconds, not {timeout!r}.")
        self.base_url = base_url
        self.location = location
        self.timeout = float(timeout)
        self.time_zone = time_zone

    @classmethod
    def from_settings(cls) -> Self:
        return cls(
            base_url=settings.CITYPORTAL_WEATHER_BASE_URL,
            location=Location(
                name=settings.CITYPORTAL_WEATHER_LOCATION_NAME,
                latitude=float(settings.CITYPORTAL_WEATHER_LATITUDE),
                longitude=float(settings.CITYPORTAL_WEATHER_LONGITUDE),
            ),
            timeout=float(settings.CITYPORTAL_WEATHER_TIMEOUT),
            time_zone=settings.TIME_ZONE,
        )

    @abstractmethod
    def fetch(self) -> Reading:
        """Asks the service for the current weather at ``self.location``. Raises
        WeatherFetchError when there is no usable answer."""

    def get_json(self, url: str) -> Any:
        return get_json(url, timeout=self.timeout)


def get_json(url: str, *, timeout: float) -> Any:
    """GETs ``url`` and parses the answer as JSON, giving up after ``timeout`` seconds in
    all: connecting, waiting and reading together. (A socket timeout alone limits each
    wait, so a server sending a byte a second could hold a cron job for hours.)"""
    host = urlsplit(url).hostname
    outcome: dict[str, Any] = {}
    deadline = time.monotonic() + timeout

    def download() -> None:
        try:
            outcome["body"] = _download(url, timeout, deadline)
        except BaseException as exc:  # handed to the waiting thread
            outcome["error"] = exc

    # A daemon thread: if the server never finishes, the command still ends on time and
    # the thread dies with the process (its own socket timeout ends it sooner).
    worker = threading.Thread(target=download, name="weather-download", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive() or isinstance(outcome.get("error"), TimeoutError):
        raise WeatherFetchError(f"{host} did not answer within {timeout:g} s (timed out).")
    error = outcome.get("error")
    if isinstance(error, WeatherFetchError):
        raise error
    if isinstance(error, urllib.error.HTTPError):
        raise WeatherFetchError(
            f"{host} answered HTTP {error.code} {error.reason}{_error_detail(error)}."
        ) from None
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise WeatherFetchError(f"{host} did not answer within {timeout:g} s (timed out).") from None
        raise WeatherFetchError(f"Could not reach {host}: {reason}.") from None
    if isinstance(error, HTTPException | OSError):
        raise WeatherFetchError(f"The connection to {host} failed: {error!r}.") from None
    if error is not None:
        raise error
    try:
        return json.loads(outcome["body"])
    except (UnicodeDecodeError, ValueError) as exc:
        raise WeatherFetchError(f"The answer from {host} is not valid JSON ({exc}).") from None


def _download(url: str, timeout: float, deadline: float) -> bytes:
    if urlsplit(url).scheme not in ("http", "https"):
        raise WeatherFetchError(f"{url!r} is not an http(s) URL.")
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - scheme checked above
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
        chunks, size = [], 0
        while chunk := response.read1(64 * 1024):
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                raise WeatherFetchError(
                    f"The answer from {urlsplit(url).hostname} is larger than {MAX_RESPONSE_BYTES} bytes."
                )
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise TimeoutError
        return b"".join(chunks)


def _error_detail(error: urllib.error.HTTPError) -> str:
    """The service's own explanation of an HTTP error, if it gave one (Open-Meteo sends
    {"error": true, "reason": "..."}), shortened and without control characters."""
    try:
        body = error.read(4096).decode("utf-8", "replace")
    except (OSError, HTTPException):
        return ""
    try:
        data = json.loads(body)
        text = str(data.get("reason") or data.get("message") or "") if isinstance(data, dict) else ""
    except ValueError:
        text = body
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())[:200]
    return f": {text}" if text else ""


def implausibilities(reading: Reading, now: datetime, max_age: timedelta) -> list[str]:
    """What makes ``reading`` unfit to show, in words (empty when it is fine): values
    outside what the Earth records, or a time in the future or already too old."""
    problems = []
    for what, value, (low, high), unit in (
        ("temperature", reading.temperature, TEMPERATURE_RANGE, " °C"),
        ("relative humidity", reading.humidity, HUMIDITY_RANGE, "%"),
        ("wind speed", reading.wind_speed, WIND_SPEED_RANGE, " km/h"),
    ):
        # Written so that NaN (which json.loads accepts) fails too.
        if not (isinstance(value, int | float) and math.isfinite(value) and low <= value <= high):
            problems.append(f"the {what} {value!r}{unit} is outside {low:g} to {high:g}{unit}")
    if reading.observed_at.tzinfo is None:
        problems.append(f"the observation time {reading.observed_at.isoformat()} has no time zone")
    elif reading.observed_at > now + FUTURE_TOLERANCE:
        problems.append(f"the observation time {reading.observed_at.isoformat()} is in the future")
    elif now - reading.observed_at > max_age:
        problems.append(
            f"the observation time {reading.observed_at.isoformat()} is older than the "
            f"{max_age} the widget shows an observation for"
        )
    return problems
