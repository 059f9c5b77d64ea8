"""Publication units: the pieces the published site is made of, and their addresses.

A unit is rendered and written as a whole. ``page:<id>`` is a page with every address
it answers at (``Page.get_cached_paths()``, the protocol Wagtail's front-end cache
purging uses too: a channel adds its later pages and its feed); the others are the
addresses that belong to no page: each edition's feed and "not found" page, the
sitemap and robots.txt.
"""

from urllib.parse import unquote

from django.conf import settings
from wagtail.models import Page, PageViewRestriction, Site

SITEMAP = "sitemap"
ROBOTS = "robots"
CHROME = "chrome"  # not a unit: the dependencies shared by every page
NOT_FOUND_PROBE = "__not-published__/"


def page_unit(page_id: int) -> str:
    return f"page:{page_id}"


def unit_page_id(unit: str) -> int | None:
    return int(unit[5:]) if unit.startswith("page:") else None


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


def page_urls(page: Page) -> list[str] | None:
    """The addresses of a page's unit, or None when the page is not to be published
    (not live, restricted, a page with forms, or outside every site)."""
    if not page.live or not is_publishable(page):
        return None
    if any(page.path.startswith(restricted) for restricted in restricted_paths()):
        return None
    parts = page.get_url_parts()
    if parts is None or parts[2] is None:
        return None
    site = default_site()
    if site is None or parts[0] != site.pk:
        return None
    base = parts[2]
    return [base + cached[1:] for cached in page.specific.get_cached_paths()]


def fixed_units(site: Site) -> dict[str, list[str]]:
    """The units that belong to no page, with their addresses."""
    units = {SITEMAP: ["/sitemap.xml", "/sitemap-pages.xml"], ROBOTS: ["/robots.txt"]}
    for home in edition_homes(site):
        language = home.locale.language_code
        units[f"site-feed:{language}"] = [f"/{language}/rss.xml"]
        units[f"not-found:{language}"] = [f"/{language}/{NOT_FOUND_PROBE}"]
    # The server's own "not found" page for addresses outside every edition.
    units["not-found"] = [f"/{site.root_page.locale.language_code}/{NOT_FOUND_PROBE}"]
    return units


def unit_urls(unit: str) -> list[str] | None:
    """The addresses of any unit, or None when it is no longer to be published."""
    page_id = unit_page_id(unit)
    if page_id is not None:
        page = Page.objects.filter(pk=page_id).first()
        return page_urls(page) if page is not None else None
    site = default_site()
    return fixed_units(site).get(unit) if site is not None else None


def all_units() -> list[str]:
    """Every unit of the published site, pages in tree order (parents first)."""
    site = default_site()
    if site is None:
        return []
    units = list(fixed_units(site))
    pages = publishable_pages(site).order_by("path").only("id", "content_type_id")
    units += [page_unit(page.pk) for page in pages if is_publishable(page)]
    return units


def file_for(unit: str, url: str) -> str:
    """The file an address of a unit is written to (a "not found" page to 404.html)."""
    if unit == "not-found":
        return "404.html"
    if unit.startswith("not-found:"):
        return url_to_file(url.removesuffix(NOT_FOUND_PROBE) + "404.html")
    return url_to_file(url)


def public_dir():
    return settings.CITYPORTAL_PUBLIC_DIR
