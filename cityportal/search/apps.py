from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search with Chinese word segmentation."""

    name = "cityportal.search"
    label = "portal_search"
