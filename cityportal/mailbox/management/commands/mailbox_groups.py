"""Creates the mailbox's groups and gives every department's staff admin access."""

from django.core.management.base import BaseCommand

from cityportal.mailbox.groups import ensure_mailbox_groups


class Command(BaseCommand):
    help = (
        "Creates the groups “Mailbox administrators” and “Mailbox reviewers” with their permissions, "
        "and gives every department a staff group that may sign in to the admin (to answer its "
        "letters). Safe to run again, for instance after adding departments."
    )

    def handle(self, *args, **options) -> None:
        for line in ensure_mailbox_groups():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Mailbox groups are ready."))
