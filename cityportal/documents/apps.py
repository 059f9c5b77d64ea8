from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Official documents (laws, plans, policies, forms) with their attachments, and document libraries."""

    name = "cityportal.documents"
    label = "documents"
