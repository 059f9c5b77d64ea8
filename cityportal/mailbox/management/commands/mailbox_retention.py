"""Removes the personal data of letters closed long ago."""

from django.core.management.base import BaseCommand

from cityportal.mailbox.retention import remove_expired_personal_data, retention_days


class Command(BaseCommand):
    help = (
        "Removes the name, email, phone and attachment files of letters closed more than "
        "CITYPORTAL_MAILBOX_RETENTION_DAYS days ago (default 3 years), keeping the anonymous "
        "record for statistics. Letters already cleaned are skipped, so it can run every day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only say which letters would be cleaned")

    def handle(self, *args, dry_run: bool, **options) -> None:
        letters = remove_expired_personal_data(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        for letter in letters:
            self.stdout.write(
                f"{verb} the personal data of {letter.tracking_number} (closed {letter.closed_at:%Y-%m-%d})."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(letters)} letter(s) {'to clean' if dry_run else 'cleaned'}; "
                f"personal data are kept {retention_days()} days after closing."
            )
        )
