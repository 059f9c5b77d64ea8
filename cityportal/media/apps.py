from django.apps import AppConfig


class MediaConfig(AppConfig):
    """Galleries, video and audio, maps, and illustrated lists (sister cities, city cards, honors)."""

    name = "cityportal.media"
    label = "portal_media"
