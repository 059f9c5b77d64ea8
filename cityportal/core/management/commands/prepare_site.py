"""Brings an installation up to date in one process: schema, static files, demo content,
site address, first administrator. `make run` calls it on every start."""

from django.apps import apps
from django.core.management import BaseCommand, call_command

from cityportal.core import static_sources


class Command(BaseCommand):
    help = (
        "Applies migrations, collects static files, loads the demo site (idempotent), points "
        "the site at --base-url and creates the first administrator if there is none."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo site.")
        parser.add_argument(
            "--no-publish",
            action="store_true",
            help="Do not rebuild the published files (a large site whose files are current; "
            "pages not published are still answered by Django).",
        )

    def handle(self, *args, base_url: str, no_demo: bool, no_publish: bool = False, **options):
        # One process for every step: each `manage.py` start costs seconds of imports.
        base_url = base_url.rstrip("/")
        self.stdout.write("==> Applying database migrations")
        call_command("migrate", interactive=False, verbosity=1, stdout=self.stdout)
        self.collect_static_files()
        if not no_demo:
            self.stdout.write("==> Loading the demo site")
            call_command("load_demo", stdout=self.stdout)
            call_command("set_site_address", base_url, stdout=self.stdout)
        call_command("create_first_admin", admin_url=f"{base_url}/admin/", stdout=self.stdout)
        if apps.is_installed("cityportal.publishing") and not no_publish:
            # Public pages as files, rendered with this version of the templates.
            self.stdout.write("==> Publishing the public pages")
            call_command("publish_site", if_outdated=True, stdout=self.stdout, stderr=self.stderr)

    def collect_static_files(self) -> None:
        """collectstatic, unless the collected files come from the sources as they are."""
        fingerprint = static_sources.sources_fingerprint()
        if static_sources.static_files_current(fingerprint):
            self.stdout.write("==> Static files are current")
            return
        self.stdout.write("==> Collecting static files")
        static_sources.forget_collected()  # a collection cut short is not taken as current
        call_command("collectstatic", interactive=False, verbosity=0, stdout=self.stdout)
        static_sources.mark_collected(fingerprint)
