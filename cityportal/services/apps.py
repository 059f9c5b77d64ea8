from django.apps import AppConfig


class ServicesConfig(AppConfig):
    """Service guides for residents and foreigners, with the elements every guide must have."""

    name = "cityportal.services"
    label = "services"
