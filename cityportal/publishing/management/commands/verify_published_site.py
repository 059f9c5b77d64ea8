"""Checks the published files against their recorded SHA-256 (fit for cron)."""

from django.core.management import BaseCommand, CommandError

from cityportal.publishing import integrity, units


class Command(BaseCommand):
    help = (
        "Reports published files changed, deleted, added or replaced by a link behind the "
        "publisher's back; with --repair, publishes them again and moves foreign files to "
        "the quarantine folder. Exits with status 1 while anything is left unrepaired."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Restore what was found.")

    def handle(self, *args, repair: bool, **options):
        findings, remaining = integrity.verify(repair=repair)
        for finding in findings:
            state = "" if not repair else (" - not repaired" if finding in remaining else " - repaired")
            self.stdout.write(f"{finding}{state}")
        if remaining:
            raise CommandError(
                f"{len(remaining)} finding(s) in {units.public_dir()}"
                + ("" if repair else "; run with --repair to restore them")
                + "."
            )
        self.stdout.write(
            f"{len(findings)} finding(s) repaired." if findings else "Every published file is as published."
        )
