"""manage.py fetch_weather, as cron runs it: quiet on success with -v 0, a clear message
and exit status 1 on failure, the last good observation kept."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cityportal.weather.management.commands.fetch_weather import Command
from cityportal.weather.models import Observation
from cityportal.weather.tests.test_services import make_observation

pytestmark = pytest.mark.django_db


def run_as_cron(*args: str) -> tuple[int, str, str]:
    """Runs the command the way `manage.py fetch_weather` does (run_from_argv), which
    turns a CommandError into a message on stderr and exit status 1."""
    out, err = StringIO(), StringIO()
    command = Command(stdout=out, stderr=err)
    try:
        command.run_from_argv(["manage.py", "fetch_weather", *args])
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_success_stores_and_says_what(weather_settings, weather_server):
    weather_server.reply_with("current_overcast.json", fresh_time=True)
    status, out, err = run_as_cron()
    assert (status, err) == (0, "")
    observation = Observation.objects.get()
    local = timezone.localtime(observation.observed_at).strftime("%Y-%m-%d %H:%M")
    assert out == (
        f"Stored the weather for Hengyang observed at {local} CST from Open-Meteo: "
        "27.3 °C, Overcast, humidity 68%, wind 9.4 km/h.\n"
    )


def test_success_is_silent_with_verbosity_0(weather_settings, weather_server):
    weather_server.reply_with("current_overcast.json", fresh_time=True)
    assert run_as_cron("-v", "0") == (0, "", "")
    assert Observation.objects.count() == 1


def test_failure_without_earlier_observation_exits_1(weather_settings, weather_server):
    weather_server.reply_with("server_error_500.html", status=500)
    status, out, err = run_as_cron("-v", "0")
    assert (status, out) == (1, "")
    assert err.startswith(
        f"CommandError: Weather for Hengyang not updated from {weather_server.base_url}: "
        "127.0.0.1 answered HTTP 500 Internal Server Error"
    )
    assert err.rstrip().endswith("There is no earlier observation, so the widget stays hidden.")
    assert not Observation.objects.exists()


def test_failure_keeps_a_fresh_observation_shown(weather_settings, weather_server):
    good = make_observation(timezone.now() - timedelta(minutes=20))
    weather_server.reply_with("malformed_truncated.json", fresh_time=False)
    status, _out, err = run_as_cron()
    assert status == 1
    assert "is not valid JSON" in err
    assert "The last good observation (" in err and ") is kept and still shown." in err
    assert list(Observation.objects.all()) == [good]


def test_failure_with_a_stale_observation_says_the_widget_is_hidden(weather_settings, weather_server):
    make_observation(timezone.now() - timedelta(hours=5))
    weather_server.reply_with("out_of_range.json", fresh_time=True)
    status, _out, err = run_as_cron()
    assert status == 1
    assert "the temperature 912.0 °C is outside -90 to 60 °C" in err
    assert "is kept but is older than 3:00:00, so the widget is hidden." in err


def test_a_timeout_fails_within_the_configured_time(weather_settings, weather_server):
    weather_settings.CITYPORTAL_WEATHER_TIMEOUT = 1
    weather_server.reply_with("current_overcast.json", delay=5, fresh_time=True)
    status, _out, err = run_as_cron()
    assert status == 1
    assert "did not answer within 1 s (timed out)" in err


def test_wrong_settings_are_reported_not_a_traceback(settings):
    settings.CITYPORTAL_WEATHER_BASE_URL = "file:///etc/passwd"
    status, _out, err = run_as_cron()
    assert status == 1
    assert err.startswith("CommandError: The weather settings are wrong:")


def test_call_command_raises_a_command_error_for_other_callers(weather_settings, weather_server):
    weather_server.reply_with("missing_fields.json", fresh_time=True)
    with pytest.raises(CommandError, match="has no current.temperature_2m") as failure:
        call_command("fetch_weather")
    assert failure.value.returncode == 1
