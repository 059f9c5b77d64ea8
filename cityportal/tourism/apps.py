from django.apps import AppConfig


class TourismConfig(AppConfig):
    """Tourist attractions and routes."""

    name = "cityportal.tourism"
    label = "tourism"
