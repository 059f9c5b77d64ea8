"""Points the default Wagtail site at the address the portal is served on, so that
full URLs (canonical links, feeds, sitemap) use it."""

from urllib.parse import urlsplit

from django.core.management import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = "Sets the default site's host name and port from a base URL such as http://127.0.0.1:8000"

    def add_arguments(self, parser):
        parser.add_argument("url", help="Base URL the public site is served on")

    def handle(self, *args, url: str, **options):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CommandError(f"Not a base URL: {url!r} (expected e.g. http://127.0.0.1:8000)")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet; load the demo or create a site first.")
        if (site.hostname, site.port) != (parts.hostname, port):
            site.hostname, site.port = parts.hostname, port
            site.save()
            self.stdout.write(f"The site now answers as {parts.scheme}://{parts.hostname}:{port}/")
