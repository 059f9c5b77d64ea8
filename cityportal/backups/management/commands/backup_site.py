"""Writes a backup of the database and the uploaded files to one archive."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from cityportal.backups import archive
from cityportal.core.progress import Progress


class Command(BaseCommand):
    help = (
        "Writes the database (SQLite's backup API or pg_dump) and the uploaded files "
        "(CITYPORTAL_BACKUP_DIRECTORIES) to one tar archive with a checksum of every file. "
        "The archive holds personal data and is readable by its owner only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Archive to write (default: cityportal-backup-<date and time>.tar here).",
        )

    def handle(self, *args, output: Path | None, **options):
        output = output or Path(f"cityportal-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar")
        progress = Progress("Backing up", archive.count_files() + 1, 1, self.stderr)
        try:
            members = archive.create(output, progress)
        except archive.BackupError as error:
            raise CommandError(str(error)) from error
        size = output.stat().st_size
        self.stdout.write(
            f"Wrote {output}: the database and {len(members) - 1} file(s), {size / 1e6:.1f} MB."
        )
