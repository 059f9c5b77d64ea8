from django.apps import AppConfig


class SurveysConfig(AppConfig):
    """Online Investigation: public surveys with anonymous answers and published results."""

    name = "cityportal.surveys"
    label = "surveys"
