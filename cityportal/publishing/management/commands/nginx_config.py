"""Writes the nginx configuration for this portal from its settings (docs/deployment.md).

    manage.py nginx_config --server-name portal.example.gov --upstream 127.0.0.1:8001 \\
        --certificate /etc/ssl/portal.pem --certificate-key /etc/ssl/portal.key \\
        > /etc/nginx/sites-available/cityportal.conf
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from cityportal.publishing.nginx import render_site_config


class Command(BaseCommand):
    help = "Prints the nginx configuration (a server block) that serves this portal."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--server-name", action="append", dest="server_names", default=None)
        parser.add_argument(
            "--listen", default=None, help="address:port or port (default 80, or 443 with HTTPS)"
        )
        parser.add_argument("--upstream", default="127.0.0.1:8000", help="where gunicorn listens")
        parser.add_argument("--certificate", default="", help="TLS certificate (switches HTTPS on)")
        parser.add_argument("--certificate-key", default="")
        parser.add_argument("--no-ipv6", action="store_true")
        parser.add_argument("--output", default="", help="write to this file instead of standard output")

    def handle(self, *args, **options) -> None:
        config = render_site_config(
            server_names=options["server_names"] or settings.ALLOWED_HOSTS,
            listen=options["listen"],
            upstream=options["upstream"],
            certificate=options["certificate"],
            certificate_key=options["certificate_key"],
            ipv6=not options["no_ipv6"],
        )
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(config)
        else:
            self.stdout.write(config, ending="")
