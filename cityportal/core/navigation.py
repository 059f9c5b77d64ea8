"""The menu and breadcrumbs, computed from the page tree of the current edition."""

from dataclasses import dataclass, field, replace

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from cityportal.core import render_record, tree_version


@dataclass
class MenuEntry:
    title: str
    url: str
    is_current: bool = False
    children: list["MenuEntry"] = field(default_factory=list)
    page_id: int | None = None
    tree_path: str = ""


def edition_home(request: HttpRequest) -> Page | None:
    """The home page of the edition in the active language (None if there is none)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    localized = root.localized
    return localized if localized.live else None


def build_menu(request: HttpRequest, current: Page | None) -> list[MenuEntry]:
    """Sections (children of the edition's home page shown in menus) and their channels,
    in tree order, with the entries that lead to ``current`` marked. Built once per
    process and page-tree version (tree_version), since every page shows it."""
    home = edition_home(request)
    if home is None:
        return []
    # A section or channel added to the menu later changes the menu.
    render_record.record_subtree(home.path, max_depth=home.depth + 2)
    site = Site.find_for_request(request)
    key = ("menu", site.pk if site else None, home.pk, get_language())
    menu = tree_version.cached(key, lambda: _menu_entries(request, home))
    current_path = current.path if current is not None else ""
    return [_marked(entry, current_path) for entry in menu]


def _marked(entry: MenuEntry, current_path: str) -> MenuEntry:
    return replace(
        entry,
        is_current=bool(current_path and entry.tree_path) and current_path.startswith(entry.tree_path),
        children=[_marked(child, current_path) for child in entry.children],
    )


def _menu_entries(request: HttpRequest, home: Page) -> list[MenuEntry]:
    """The menu with nothing marked: a fixed number of queries whatever the size of the
    site (the sections, one per section page type, the channels)."""
    in_menu = Page.objects.live().public().in_menu()
    # Not specific(defer=True): reading show_weather_entry would then cost a query per section.
    sections = list(in_menu.child_of(home).specific())
    channels = in_menu.filter(depth=home.depth + 2, path__startswith=home.path).order_by("path")
    by_parent: dict[str, list[Page]] = {}
    for channel in channels:
        by_parent.setdefault(channel.path[: -Page.steplen], []).append(channel)
    menu = []
    for section in sections:
        entry = MenuEntry(
            title=section.title, url=section.get_url(request), page_id=section.pk, tree_path=section.path
        )
        for channel in by_parent.get(section.path, []):
            entry.children.append(
                MenuEntry(
                    title=channel.title,
                    url=channel.get_url(request),
                    page_id=channel.pk,
                    tree_path=channel.path,
                )
            )
        if getattr(section, "show_weather_entry", False):
            entry.children.append(MenuEntry(title=_("Weather"), url=home.get_url(request) + "#weather"))
        menu.append(entry)
    return menu


def breadcrumbs(page: Page) -> list[Page]:
    """The pages from the edition's home down to (and including) ``page``."""
    return list(page.get_ancestors(inclusive=True).filter(depth__gte=2))
