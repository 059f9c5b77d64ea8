"""sitemap.xml as an index of sitemap files of at most 50,000 addresses each (the
sitemaps.org limit), so that a site with 100,000 items still has valid sitemaps."""

from functools import cache

from django.conf import settings
from django.db.models import Max
from django.db.models.functions import Coalesce
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

from cityportal.core import render_record

# What Page.get_sitemap_urls reads: an address and a time.
SITEMAP_FIELDS = (
    *("id", "path", "depth", "url_path", "live", "content_type_id"),
    *("last_published_at", "latest_revision_created_at"),
)


@cache
def _specific_pages_needed() -> bool:
    """Whether some page type lists itself in sitemaps its own way (then each page is
    read as its own type, which costs a query per type and more per page)."""
    return any(model.get_sitemap_urls is not Page.get_sitemap_urls for model in get_page_models())


class PortalSitemap(Sitemap):
    """Every live, public page of the site the request came to, in every edition."""

    @property
    def limit(self) -> int:
        return getattr(settings, "CITYPORTAL_SITEMAP_LIMIT", 50_000)

    def items(self):
        if _specific_pages_needed():
            return super().items()
        # Wagtail's query, with each page read as a plain Page.
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live().public()
        return pages.order_by("path").only(*SITEMAP_FIELDS)

    def get_urls(self, *args, **kwargs):
        # Every page published, edited, moved or removed anywhere changes the sitemap:
        # one key says so, instead of one per page listed (static publishing).
        render_record.record_any_page()
        render_record.record_subtree("")
        with render_record.not_recording():
            return super().get_urls(*args, **kwargs)

    def get_latest_lastmod(self):
        """For the sitemap index: one query, not every page read to find the latest."""
        render_record.record_any_page()
        latest = (
            self.items()
            .order_by()
            .aggregate(latest=Max(Coalesce("last_published_at", "latest_revision_created_at")))
        )
        return latest["latest"]


SITEMAPS = {"pages": PortalSitemap}
