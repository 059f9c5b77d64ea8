from django.apps import AppConfig


class MailboxConfig(AppConfig):
    """Mailbox of Government: letters from the public handled as cases with deadlines."""

    name = "cityportal.mailbox"
    label = "mailbox"
