"""Fetching and storing observations, and choosing the one the widget shows.

Fetching happens only in ``manage.py fetch_weather`` (or the task of the same name),
never while a page is rendered: pages read what is stored.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from cityportal.core import render_record
from cityportal.weather.models import Observation
from cityportal.weather.providers import (
    WeatherFetchError,
    WeatherProvider,
    configured_provider,
    implausibilities,
)


def max_age() -> timedelta:
    """How old an observation may be and still be shown."""
    return timedelta(seconds=settings.CITYPORTAL_WEATHER_MAX_AGE)


def fetch_and_store(provider: WeatherProvider | None = None, now: datetime | None = None) -> Observation:
    """Asks the provider for the current weather and stores it. On any failure (no
    answer, an error, a malformed or implausible answer) raises WeatherFetchError and
    stores nothing, so the last good observation stays as it was."""
    provider = provider or configured_provider()
    reading = provider.fetch()
    now = now or timezone.now()
    problems = implausibilities(reading, now, max_age())
    if problems:
        raise WeatherFetchError(f"{provider.label}'s answer was not stored: " + "; ".join(problems) + ".")
    observation, _created = Observation.objects.update_or_create(
        provider=provider.name,
        location=provider.location.name,
        observed_at=reading.observed_at,
        defaults={
            "fetched_at": now,
            "temperature": reading.temperature,
            "humidity": reading.humidity,
            "wind_speed": reading.wind_speed,
            "condition": reading.condition,
            "condition_code": reading.condition_code,
            "raw": reading.raw,
        },
    )
    prune(now)
    return observation


def prune(now: datetime | None = None) -> int:
    """Deletes observations older than CITYPORTAL_WEATHER_KEEP_DAYS, keeping at least the
    newest. Returns how many were deleted."""
    now = now or timezone.now()
    newest = Observation.objects.order_by("-observed_at", "-fetched_at").values("pk")[:1]
    cutoff = now - timedelta(days=settings.CITYPORTAL_WEATHER_KEEP_DAYS)
    deleted, _by_model = Observation.objects.filter(observed_at__lt=cutoff).exclude(pk__in=newest).delete()
    return deleted


def latest_observation() -> Observation | None:
    """The newest stored observation for the configured location, however old."""
    return (
        Observation.objects.filter(location=settings.CITYPORTAL_WEATHER_LOCATION_NAME)
        .order_by("-observed_at", "-fetched_at")
        .first()
    )


def is_fresh(observation: Observation, now: datetime | None = None) -> bool:
    """Whether ``observation`` is younger than the maximum age (CITYPORTAL_WEATHER_MAX_AGE)
    and so may be shown."""
    return (now or timezone.now()) - observation.observed_at <= max_age()


def current_observation(now: datetime | None = None) -> Observation | None:
    """The observation the widget shows: the newest, if it is fresh (``is_fresh``);
    otherwise None and the widget is hidden."""
    observation = latest_observation()
    if observation is None or not is_fresh(observation, now):
        return None
    return observation


def widget_context(now: datetime | None = None) -> dict:
    """What the widget's templates need: the observation (or None), a version string
    that changes whenever what they show changes, and the credited source."""
    # A page showing the widget changes with every new observation.
    render_record.record_any_of("weather.Observation")
    observation = current_observation(now)
    source = None
    if observation is not None:
        provider_class = _provider_class()
        if provider_class is not None and provider_class.name == observation.provider:
            source = {"label": provider_class.label, "url": provider_class.attribution_url}
        else:
            source = {"label": observation.provider, "url": ""}
    version = f"{observation.pk}-{observation.fetched_at.timestamp():.0f}" if observation else "none"
    return {"observation": observation, "weather_version": version, "weather_source": source}


def _provider_class() -> type[WeatherProvider] | None:
    try:
        return import_string(settings.CITYPORTAL_WEATHER_PROVIDER)
    except ImportError:
        return None
