from django.apps import AppConfig


class InvestmentConfig(AppConfig):
    """Investment projects and industrial parks."""

    name = "cityportal.investment"
    label = "investment"
