"""Publishes the whole public site to static files (or compares it with the disk)."""

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from cityportal.publishing import publisher, state, units


class Command(BaseCommand):
    help = (
        "Renders every public page of every edition to the public directory "
        "(CITYPORTAL_PUBLIC_DIR), using several processes, while the site keeps being served. "
        "With --check, writes nothing and lists where the disk differs from what would be published."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--processes",
            type=int,
            default=getattr(settings, "CITYPORTAL_PUBLISH_PROCESSES", 2),
            help="Processes that render at once (default: CITYPORTAL_PUBLISH_PROCESSES, 2).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Compare only; exit with status 1 on any difference."
        )
        parser.add_argument(
            "--if-outdated",
            action="store_true",
            help="Rebuild only when the code changed since the last rebuild, a page failed to "
            "publish or pages changed without being published (what `make run` does at start).",
        )

    def handle(self, *args, processes: int, check: bool, if_outdated: bool = False, **options):
        root = units.public_dir()
        if if_outdated and not check:
            reason = state.outdated_reason()
            if reason is None:
                self.stdout.write(f"{root} is up to date with this version and the content; not rebuilt.")
                return
            self.stdout.write(f"Rebuilding: {reason}.")
        if check:
            differences = publisher.check(processes=max(1, processes), stream=self.stderr)
            for difference in differences:
                self.stdout.write(f"{difference.problem}: {difference.path}")
            if differences:
                raise CommandError(f"{len(differences)} difference(s) between {root} and the site.")
            self.stdout.write(f"{root} holds exactly what the site would publish.")
            return
        report = publisher.rebuild(processes=max(1, processes), stream=self.stderr)
        self.stdout.write(f"Published to {root}: {report.summary()}")
        for unit, url, error in report.failures:
            self.stderr.write(f"  failed: {url} ({unit}): {error}")
        if report.failures:
            raise CommandError(
                f"{len(report.failures)} unit(s) could not be rendered; their previous files were kept."
            )
