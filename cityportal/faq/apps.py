from django.apps import AppConfig


class FaqConfig(AppConfig):
    """Frequently asked questions in categories."""

    name = "cityportal.faq"
    label = "faq"
