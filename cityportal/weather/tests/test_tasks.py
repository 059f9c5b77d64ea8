"""fetch_weather_task through django-tasks (its default immediate backend runs it at
once): the same fetch as the command, a failure logged and reported as FAILED."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus

from cityportal.weather.models import Observation
from cityportal.weather.tasks import fetch_weather_task
from cityportal.weather.tests.test_services import make_observation

pytestmark = pytest.mark.django_db


def test_the_task_stores_an_observation(weather_settings, weather_server):
    weather_server.reply_with("current_thunderstorm.json", fresh_time=True)
    result = fetch_weather_task.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == Observation.objects.get().pk


def test_a_failed_task_is_logged_and_keeps_the_last_observation(weather_settings, weather_server, caplog):
    good = make_observation(timezone.now() - timedelta(minutes=30))
    weather_server.reply_with("error_400.json", status=400)
    with caplog.at_level(logging.ERROR, logger="cityportal.weather.tasks"):
        result = fetch_weather_task.enqueue()
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "cityportal.weather.providers.base.WeatherFetchError"
    [record] = [r for r in caplog.records if r.name == "cityportal.weather.tasks"]
    assert record.getMessage().startswith(
        "Weather not updated: 127.0.0.1 answered HTTP 400 Bad Request: Latitude"
    )
    assert list(Observation.objects.all()) == [good]
