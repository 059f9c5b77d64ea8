"""sitemap.xml as an index of sitemap files of at most 50,000 addresses each (the
sitemaps.org limit), so that a site with 100,000 items still has valid sitemaps."""

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap


class PortalSitemap(Sitemap):
    """Every live, public page of the site the request came to, in every edition."""

    @property
    def limit(self) -> int:
        return getattr(settings, "CITYPORTAL_SITEMAP_LIMIT", 50_000)


SITEMAPS = {"pages": PortalSitemap}
