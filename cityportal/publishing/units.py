"""Publication units: the pieces the published site is made of, and their addresses.

A unit is rendered and written as a whole. ``page:<id>`` is a page at its own address;
``page:<id>@<path>`` is one of the other addresses it answers at
(``Page.get_cached_paths()``, the protocol Wagtail's front-end cache purging uses too:
a channel adds its later pages and its feed), so that an edit re-publishes the one page
of a listing that shows it, not all of them. The other units are the addresses that
belong to no page: each edition's feed and "not found" page, the sitemap index and its
files (``sitemap:<n>``, one per range of page ids) and robots.txt.
"""

from urllib.parse import unquote

from django.conf import settings
from wagtail.models import Page, PageViewRestriction, Site

from cityportal.core.sitemaps import sitemap_addresses

SITEMAP = "sitemap"
ROBOTS = "robots"
CHROME = "chrome"  # not a unit: the dependencies shared by every page
NOT_FOUND_PROBE = "__not-published__/"


def page_unit(page_id: int, cached_path: str = "/") -> str:
    """The unit of a page at one of its addresses (``cached_path`` as
    ``get_cached_paths()`` gives it; "/" is the page itself)."""
    return f"page:{page_id}" if cached_path == "/" else f"page:{page_id}@{cached_path}"


def unit_page_id(unit: str) -> int | None:
    return int(unit[5:].split("@", 1)[0]) if unit.startswith("page:") else None


def url_to_file(url: str) -> str:
    """The file of an address, relative to the public directory: ``/en/a/`` is
    ``en/a/index.html``, ``/en/a/rss.xml`` is itself."""
    path = unquote(url).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path


def default_site() -> Site | None:
    return Site.objects.select_related("root_page").filter(is_default_site=True).first()


def edition_homes(site: Site) -> list[Page]:
    """The live home page of each edition (the site's root page and its translations)."""
    return list(site.root_page.get_translations(inclusive=True).live().select_related("locale"))


def restricted_paths() -> list[str]:
    """Tree paths under a view restriction (password, signed-in users): never published."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def publishable_pages(site: Site):
    """Every live page of the site's editions that is the same for every visitor."""
    pages = Page.objects.live().filter(depth__gt=1)
    for restricted in restricted_paths():
        pages = pages.exclude(path__startswith=restricted)
    return pages


def is_publishable(page: Page) -> bool:
    return bool(getattr(page.specific_class, "static_publishable", False)) if page.specific_class else False


def page_addresses(page: Page, run: "Addresses | None" = None) -> dict[str, str] | None:
    """Each unit of a page with its address, its own first; None when the page is not
    to be published (not live, restricted, a page with forms, or outside every site).
    ``run``: what a publishing run has looked up already (the site, the restrictions)."""
    run = run or Addresses()
    if not page.live or not is_publishable(page):
        return None
    if any(page.path.startswith(path) for path in run.restricted):
        return None
    parts = page.get_url_parts(request=run)  # Wagtail keeps the sites' root paths on it
    if parts is None or parts[2] is None:
        return None
    if run.site is None or parts[0] != run.site.pk:
        return None
    base = parts[2]
    page_class = page.specific_class or Page
    cached_paths = page.specific.get_cached_paths() if has_more_addresses(page_class) else ["/"]
    return {page_unit(page.pk, cached): base + cached[1:] for cached in cached_paths}


def has_more_addresses(page_class: type[Page]) -> bool:
    """Whether pages of the class answer at more than their own address (a listing's
    later pages, a feed), which costs the specific page and a count to find out."""
    return page_class.get_cached_paths is not Page.get_cached_paths


def page_urls(page: Page) -> list[str] | None:
    """Every address of a page, its own first, or None when it is not to be published."""
    addresses = page_addresses(page.specific)
    return list(addresses.values()) if addresses is not None else None


def page_units(page: Page) -> list[str]:
    """The units a page is published as now (none when it is not to be published)."""
    return list(page_addresses(page.specific) or {})


def fixed_units(site: Site) -> dict[str, list[str]]:
    """The units that belong to no page, with their addresses."""
    units = {SITEMAP: ["/sitemap.xml"], ROBOTS: ["/robots.txt"]}
    units.update({f"{SITEMAP}:{number}": [url] for number, url in sitemap_addresses().items()})
    for home in edition_homes(site):
        language = home.locale.language_code
        units[f"site-feed:{language}"] = [f"/{language}/rss.xml"]
        units[f"not-found:{language}"] = [f"/{language}/{NOT_FOUND_PROBE}"]
    # The server's own "not found" page for addresses outside every edition.
    units["not-found"] = [f"/{site.root_page.locale.language_code}/{NOT_FOUND_PROBE}"]
    return units


class Addresses:
    """The addresses of units, each page's worked out once for a publishing run (a
    listing counts its pages to know them). Not to be kept across changes."""

    def __init__(self, known: dict[str, list[str]] | None = None) -> None:
        self._known: dict[str, list[str]] = dict(known or {})
        self._pages: dict[int, dict[str, str] | None] = {}
        self._looked_up = False
        self._site: Site | None = None
        self._restricted: list[str] = []
        self._fixed: dict[str, list[str]] | None = None

    def _look_up(self) -> None:
        if not self._looked_up:
            self._site, self._restricted, self._looked_up = default_site(), restricted_paths(), True

    @property
    def site(self) -> Site | None:
        self._look_up()
        return self._site

    @property
    def restricted(self) -> list[str]:
        self._look_up()
        return self._restricted

    def fixed(self) -> dict[str, list[str]]:
        """The units that belong to no page (looked up once: a sitemap file's range)."""
        if self._fixed is None:
            self._fixed = fixed_units(self.site) if self.site is not None else {}
        return self._fixed

    def of_page(self, page: Page) -> dict[str, str] | None:
        if page.pk not in self._pages:
            self._pages[page.pk] = page_addresses(page, self)
        return self._pages[page.pk]

    def of(self, unit: str) -> list[str] | None:
        """The addresses of a unit, or None when it is no longer to be published."""
        if unit in self._known:
            return self._known[unit]
        page_id = unit_page_id(unit)
        if page_id is None:
            return self.fixed().get(unit)
        if page_id not in self._pages:
            page = Page.objects.filter(pk=page_id).first()
            self._pages[page_id] = self.of_page(page) if page is not None else None
        addresses = self._pages[page_id]
        if addresses is None or unit not in addresses:
            return None
        return [addresses[unit]]


def unit_urls(unit: str) -> list[str] | None:
    """The addresses of any unit, or None when it is no longer to be published."""
    return Addresses().of(unit)


def all_unit_addresses() -> dict[str, list[str]]:
    """Every unit of the published site with its addresses, pages in tree order
    (parents first, each page's own address before its others)."""
    run = Addresses()
    if run.site is None:
        return {}
    result = dict(run.fixed())
    pages = publishable_pages(run.site).order_by("path")
    pages = pages.only("id", "content_type_id", "path", "depth", "url_path", "live", "locale_id")
    for page in pages.iterator(chunk_size=2000):
        addresses = run.of_page(page) or {}
        result.update({unit: [url] for unit, url in addresses.items()})
    return result


def all_units() -> list[str]:
    """Every unit of the published site, pages in tree order (parents first)."""
    return list(all_unit_addresses())


def file_for(unit: str, url: str) -> str:
    """The file an address of a unit is written to (a "not found" page to 404.html)."""
    if unit == "not-found":
        return "404.html"
    if unit.startswith("not-found:"):
        return url_to_file(url.removesuffix(NOT_FOUND_PROBE) + "404.html")
    return url_to_file(url)


def public_dir():
    return settings.CITYPORTAL_PUBLIC_DIR
