"""sitemap.xml as an index of sitemap files of at most 50,000 addresses each (the
sitemaps.org limit), so that a site with 100,000 items still has valid sitemaps."""

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap

from cityportal.core import render_record


class PortalSitemap(Sitemap):
    """Every live, public page of the site the request came to, in every edition."""

    @property
    def limit(self) -> int:
        return getattr(settings, "CITYPORTAL_SITEMAP_LIMIT", 50_000)

    def items(self):
        # Any page published, moved or removed anywhere changes the sitemap.
        render_record.record_subtree("")
        return super().items()


SITEMAPS = {"pages": PortalSitemap}
