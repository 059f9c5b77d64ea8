from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The Hengyang demo site and the deterministic sample-content generator."""

    name = "cityportal.demo"
    label = "demo"
