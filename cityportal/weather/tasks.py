"""The fetch as a django-tasks task, for deployments that run a task worker with a
scheduler instead of cron. Never enqueue it from a page request: with the default
(immediate) backend it would run inside that request."""

import logging

from django_tasks import task

from cityportal.weather.providers import WeatherFetchError
from cityportal.weather.services import fetch_and_store

logger = logging.getLogger(__name__)


@task()
def fetch_weather_task() -> int:
    """Fetches and stores the current weather; returns the observation's id. A failure
    is logged and re-raised, so the task result says FAILED; the last good observation
    is kept."""
    try:
        observation = fetch_and_store()
    except WeatherFetchError as exc:
        logger.error("Weather not updated: %s", exc)
        raise
    logger.info("Stored the weather observed at %s", observation.observed_at.isoformat())
    return observation.pk
