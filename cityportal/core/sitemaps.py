"""sitemap.xml as an index of sitemap files, each listing the pages of one range of page
ids (``sitemap-pages-<n>.xml``: ids 1 to CITYPORTAL_PAGE_RANGE_SIZE, then the next range,
and so on; ``render_record.page_range_of``). A page keeps its file for its whole life,
so that an edit changes one small file and the index, not one file that lists every
page (static publishing re-renders what a change shows). A file of more than
CITYPORTAL_SITEMAP_LIMIT addresses (50,000 is the sitemaps.org limit) is split into
``?p=`` pages, which the static site does not hold: keep the range size below it."""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib.sitemaps import views as django_sitemap_views
from django.core.paginator import Paginator
from django.db.models import Count, F, Max
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

from cityportal.core import render_record

# What Page.get_sitemap_urls reads: an address and a time.
SITEMAP_FIELDS = (
    *("id", "path", "depth", "url_path", "live", "content_type_id"),
    *("last_published_at", "latest_revision_created_at"),
)
SECTION_PREFIX = "pages-"
LATEST_CHANGE = Coalesce("last_published_at", "latest_revision_created_at")  # as Sitemap.lastmod


def section_name(chunk: int) -> str:
    return f"{SECTION_PREFIX}{chunk}"


@cache
def _specific_pages_needed() -> bool:
    """Whether some page type lists itself in sitemaps its own way (then each page is
    read as its own type, which costs a query per type and more per page)."""
    return any(model.get_sitemap_urls is not Page.get_sitemap_urls for model in get_page_models())


@dataclass
class ChunkFacts:
    pages: int
    latest: object  # the newest publication time of its pages


class PortalSitemap(Sitemap):
    """The live, public pages of the site the request came to (every edition) whose
    ids are in one range."""

    def __init__(self, request: HttpRequest | None = None, chunk: int = 1, facts: ChunkFacts | None = None):
        super().__init__(request)
        self.chunk = chunk
        self.facts = facts  # known from the index's one query, so not asked again

    @property
    def limit(self) -> int:
        return getattr(settings, "CITYPORTAL_SITEMAP_LIMIT", 50_000)

    def all_pages(self):
        """Wagtail's query, with each page read as a plain Page where that is enough."""
        if _specific_pages_needed():
            return super().items()
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live().public()
        return pages.order_by("path").only(*SITEMAP_FIELDS)

    def items(self):
        first, last = render_record.page_range_ids(self.chunk)
        return self.all_pages().filter(id__gte=first, id__lte=last)

    @property
    def paginator(self) -> Paginator:
        paginator = Paginator(self._items(), self.limit)
        if self.facts is not None:
            paginator.count = self.facts.pages  # a cached property: no COUNT per file
        return paginator

    def get_urls(self, *args, **kwargs):
        # The file's one key (sitemap_section records it) stands for every page listed.
        with render_record.not_recording():
            return super().get_urls(*args, **kwargs)

    def get_latest_lastmod(self):
        # Only the index asks, and it made each file's sitemap with its facts.
        return self.facts.latest if self.facts is not None else None


def chunk_facts(request: HttpRequest | None) -> dict[int, ChunkFacts]:
    """Each sitemap file that lists at least one page, with its page count and latest
    publication time: one grouped query however large the site."""
    render_record.record_any_page()
    render_record.record_subtree("")
    with render_record.not_recording():
        pages = PortalSitemap(request).all_pages().order_by()
        rows = (
            pages.annotate(chunk=(F("id") - 1) / render_record.page_range_size() + 1)
            .values("chunk")
            .annotate(pages=Count("id"), latest=Max(LATEST_CHANGE))
            .order_by("chunk")
        )
        return {row["chunk"]: ChunkFacts(row["pages"], row["latest"]) for row in rows}


def sitemaps_for(request: HttpRequest) -> dict[str, PortalSitemap]:
    facts = chunk_facts(request)
    return {section_name(chunk): PortalSitemap(request, chunk, facts[chunk]) for chunk in facts}


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: one entry per sitemap file, with the latest change of its pages."""
    return django_sitemap_views.index(request, sitemaps_for(request), sitemap_url_name="sitemap_section")


def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """/sitemap-pages-<n>.xml: the pages of one range of ids."""
    number = section.removeprefix(SECTION_PREFIX)
    # ASCII digits only: int() also reads "٣", which would give a file a second address.
    digits = number.isascii() and number.isdigit()
    if not section.startswith(SECTION_PREFIX) or not digits or int(number) < 1:
        raise Http404("No such sitemap file")
    sitemap = PortalSitemap(request, int(number))
    # Every page published, edited, moved or removed in the range changes the file:
    # one key says so, instead of one per page listed (static publishing).
    render_record.record(render_record.page_range_key(sitemap.chunk))
    with render_record.not_recording():
        if not sitemap.items().exists():
            raise Http404("No pages in this sitemap file")
    return django_sitemap_views.sitemap(request, {section: sitemap}, section=section)


def sitemap_addresses(request: HttpRequest | None = None) -> dict[int, str]:
    """The address of each sitemap file that lists at least one page."""
    return {
        chunk: reverse("sitemap_section", kwargs={"section": section_name(chunk)})
        for chunk in chunk_facts(request)
    }
