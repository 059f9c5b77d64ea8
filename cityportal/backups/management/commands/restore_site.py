"""Restores a backup archive into an empty database and the file directories."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError

from cityportal.core.progress import Progress


class Command(BaseCommand):
    help = (
        "Checks a backup made by backup_site and restores it into this site's empty database "
        "and file directories. Then run `manage.py migrate` (if this version is newer) and "
        "`manage.py publish_site` to rebuild the public pages. With --verify-only, checks the "
        "archive and changes nothing (fit for cron after each backup)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive written by backup_site.")
        parser.add_argument("--verify-only", action="store_true", help="Check the archive; restore nothing.")

    def handle(self, *args, archive: Path, verify_only: bool, **options):
        from cityportal.backups import archive as backups

        try:
            if verify_only:
                manifest = backups.verify(archive)
                self.stdout.write(
                    f"{archive} is whole: {len(manifest['members'])} file(s) match their checksums "
                    f"(a {manifest['engine']} backup made {manifest['created']})."
                )
                return
            total = len(backups.manifest_of(archive)["members"])
            manifest = backups.restore(archive, Progress("Restoring", total, 1, self.stderr))
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {archive} (made {manifest['created']}): the database and "
            f"{len(manifest['members']) - 1} file(s). Next: manage.py migrate, then manage.py publish_site."
        )
