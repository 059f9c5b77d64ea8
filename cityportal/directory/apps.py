from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The government directory: officials and departments."""

    name = "cityportal.directory"
    label = "directory"
