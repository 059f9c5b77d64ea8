from django.apps import AppConfig


class WeatherConfig(AppConfig):
    """Weather observations fetched from a public weather service, shown in a widget."""

    name = "cityportal.weather"
    label = "weather"
