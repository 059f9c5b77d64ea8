"""Weather providers: the interface (``base``) and the services the portal can use."""

from django.conf import settings
from django.utils.module_loading import import_string

from cityportal.weather.providers.base import (
    Location,
    Reading,
    WeatherFetchError,
    WeatherProvider,
    implausibilities,
)

__all__ = [
    "Location",
    "Reading",
    "WeatherFetchError",
    "WeatherProvider",
    "configured_provider",
    "implausibilities",
]


def configured_provider() -> WeatherProvider:
    """The provider named by CITYPORTAL_WEATHER_PROVIDER, set up from the settings."""
    provider_class = import_string(settings.CITYPORTAL_WEATHER_PROVIDER)
    return provider_class.from_settings()
