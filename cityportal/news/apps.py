from django.apps import AppConfig


class NewsConfig(AppConfig):
    """Sections, channels, articles, AllDocsList and RSS feeds."""

    name = "cityportal.news"
    label = "news"
