"""Points the default Wagtail site at the address the portal is served on, so that
full URLs (canonical links, feeds, sitemap) use it."""

from urllib.parse import urlsplit

from django.core.management import BaseCommand, CommandError
from wagtail.models import Site

EXAMPLE = "http://127.0.0.1:8000"


def parse_base_url(url: str) -> tuple[str, str, int]:
    """(scheme, host name, port) of a base URL, or CommandError saying what is wrong."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CommandError(f"Not a base URL: {url!r} (expected e.g. {EXAMPLE})")
    try:
        port = parts.port
    except ValueError:  # not a number, or above 65535
        port = 0
    if port == 0:
        raise CommandError(f"The port in {url!r} is not a number from 1 to 65535 (expected e.g. {EXAMPLE})")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise CommandError(
            f"{url!r} has more than a scheme, host and port; the portal is served at the root "
            f"of its address (expected e.g. {EXAMPLE})"
        )
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


class Command(BaseCommand):
    help = f"Sets the default site's host name and port from a base URL such as {EXAMPLE}"

    def add_arguments(self, parser):
        parser.add_argument("url", help="Base URL the public site is served on")

    def handle(self, *args, url: str, **options):
        scheme, hostname, port = parse_base_url(url)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet; load the demo or create a site first.")
        if (site.hostname, site.port) == (hostname, port):
            self.stdout.write(f"The site already answers as {scheme}://{hostname}:{port}/")
            return
        site.hostname, site.port = hostname, port
        site.save()
        self.stdout.write(f"The site now answers as {scheme}://{hostname}:{port}/")
