"""Queries over content items: the pages that channels, feeds and AllDocsList list.

A page type is a content item when its class sets ``listed_as_item = True`` (articles
now; guides, documents and the like as they are added). Listing code asks this module
instead of naming page types, so a new type shows up everywhere at once.
"""

from collections.abc import Iterable
from functools import cache

from django.db.models import Q
from wagtail.models import Locale, Page, PageQuerySet, get_page_models

from cityportal.core import render_record


@cache
def item_page_models() -> tuple[type[Page], ...]:
    return tuple(m for m in get_page_models() if getattr(m, "listed_as_item", False))


def live_items(
    *,
    within: Page | None = None,
    locale: Locale | None = None,
) -> PageQuerySet:
    """Published, public content items, newest first (by first publication time)."""
    qs = Page.objects.live().public().type(*item_page_models())
    # Whatever is published under the listed tree later may change this listing.
    render_record.record_subtree(within.path if within is not None else "")
    if within is not None:
        qs = qs.descendant_of(within)
    if locale is not None:
        qs = qs.filter(locale=locale)
    return qs.filter(~Q(first_published_at=None)).order_by("-first_published_at", "-pk")


def parents_of(pages: Iterable[Page], *fields: str) -> dict[int, Page | None]:
    """The parent of each page (by the page's id), all fetched in one query rather than
    one ``get_parent()`` per page; ``fields`` limits the columns read (e.g. "title")."""
    pages = list(pages)
    parent_paths = {page.path[: -Page.steplen] for page in pages}
    parents = Page.objects.filter(path__in=parent_paths)
    if fields:
        parents = parents.only("path", *fields)
    by_path = {parent.path: parent for parent in parents}
    return {page.pk: by_path.get(page.path[: -Page.steplen]) for page in pages}
