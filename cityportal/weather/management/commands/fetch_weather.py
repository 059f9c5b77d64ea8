"""Fetches the current weather and stores it for the home page's widget. Run by cron
(see docs/weather.md); exits with status 1 on failure so that cron reports it."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from cityportal.weather.providers import WeatherFetchError, configured_provider
from cityportal.weather.services import fetch_and_store, is_fresh, latest_observation, max_age


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z")


class Command(BaseCommand):
    help = (
        "Fetches the current weather from the configured service (CITYPORTAL_WEATHER_*) and "
        "stores it for the home page's weather widget. On failure the last good observation "
        "is kept, the reason is printed and the exit status is 1. With -v 0 a success prints nothing."
    )

    def handle(self, *args, verbosity: int = 1, **options):
        try:
            provider = configured_provider()
        except (ImproperlyConfigured, ImportError) as exc:
            raise CommandError(f"The weather settings are wrong: {exc}") from exc
        try:
            observation = fetch_and_store(provider)
        except WeatherFetchError as exc:
            last = latest_observation()
            if last is None:
                kept = "There is no earlier observation, so the widget stays hidden."
            elif not is_fresh(last):
                kept = (
                    f"The last good observation ({_local(last.observed_at)}) is kept but is older "
                    f"than {max_age()}, so the widget is hidden."
                )
            else:
                kept = f"The last good observation ({_local(last.observed_at)}) is kept and still shown."
            raise CommandError(
                f"Weather for {provider.location.name} not updated from {provider.base_url}: {exc} {kept}"
            ) from exc
        if verbosity < 1:
            return
        condition = observation.condition_text or "condition not reported"
        self.stdout.write(
            f"Stored the weather for {observation.location} observed at {_local(observation.observed_at)} "
            f"from {provider.label}: {observation.temperature:g} °C, {condition}, "
            f"humidity {observation.humidity:g}%, wind {observation.wind_speed:g} km/h."
        )
