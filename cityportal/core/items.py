"""Queries over content items: the pages that channels, feeds and AllDocsList list.

A page type is a content item when its class sets ``listed_as_item = True`` (articles
now; guides, documents and the like as they are added). Listing code asks this module
instead of naming page types, so a new type shows up everywhere at once.
"""

from collections.abc import Iterable
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Func, IntegerField, Q
from wagtail.models import Locale, Page, PageQuerySet, get_page_models

from cityportal.core import render_record


@cache
def item_page_models() -> tuple[type[Page], ...]:
    return tuple(m for m in get_page_models() if getattr(m, "listed_as_item", False))


# A subtree with fewer pages than this is listed by reading all of it through the tree
# path index and sorting (about 2 ms for 4,000 pages, for any page of the listing and
# its count); a larger one by walking the index of publication times from the newest
# (well under 1 ms for the first pages, slower for far ones). See _sqlite_plan.
SMALL_SUBTREE = 5000


class NotIndexed(Func):
    """``+column``: the same value, but SQLite will not pick an index on the column for
    it (https://sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_)."""

    template = "+%(expressions)s"
    output_field = IntegerField()


def filter_locale(qs: PageQuerySet, locale) -> PageQuerySet:
    """``qs`` within the edition of ``locale`` (a Locale, or an OuterRef in a subquery),
    without letting SQLite list a whole edition through the locale index first."""
    value = locale.pk if isinstance(locale, Locale) else locale
    return qs.alias(edition_locale=NotIndexed(F("locale_id"))).filter(edition_locale=value)


def filter_below(qs: PageQuerySet, page: Page) -> PageQuerySet:
    """``qs.descendant_of(page)`` in conditions no index can serve (LIKE is not
    case-sensitive in SQLite, so it never uses the path index), for queries that should
    be answered from another index, such as a few featured pages or the newest ones."""
    return qs.filter(path__startswith=page.path).exclude(pk=page.pk)


def filter_siblings(qs: PageQuerySet, page: Page) -> PageQuerySet:
    """``qs.sibling_of(page, inclusive=False)`` in conditions no index can serve, for
    the neighbours of an item by publication time: walking that index from the item
    finds them after a few rows, where reading every sibling means the whole channel."""
    return (
        qs.filter(path__startswith=page.path[: -Page.steplen])
        .alias(tree_depth=NotIndexed(F("depth")))
        .filter(tree_depth=page.depth)
        .exclude(pk=page.pk)
    )


def item_content_type_ids() -> list[int]:
    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*item_page_models()).values())


def _subtree_upper_bound(tree_path: str) -> str:
    # Tree paths are made of 0-9 and A-Z, so every descendant sorts before this.
    return tree_path + "Z" * (Page._meta.get_field("path").max_length - len(tree_path))


def _is_small_subtree(within: Page) -> bool:
    below = Page.objects.filter(path__gt=within.path, path__lte=_subtree_upper_bound(within.path))
    return below.values("pk")[:SMALL_SUBTREE].count() < SMALL_SUBTREE


def live_items(
    *,
    within: Page | None = None,
    locale: Locale | None = None,
    public_pages: PageQuerySet | None = None,
    subtree_size: int | None = None,
) -> PageQuerySet:
    """Published, public content items, newest first (by first publication time).
    ``public_pages``: ``Page.objects.live().public()`` made once for several listings
    (public() reads the view restrictions each time it is called). ``subtree_size``:
    about how many pages are under ``within``, when the caller knows it (it saves a
    query that counts them)."""
    qs = public_pages if public_pages is not None else Page.objects.live().public()
    # Whatever is published under the listed tree later may change this listing.
    render_record.record_subtree(within.path if within is not None else "")
    if connection.vendor == "sqlite":
        qs = _sqlite_plan(qs, within, locale, subtree_size)
    else:
        qs = qs.type(*item_page_models())
        if within is not None:
            qs = qs.descendant_of(within)
        if locale is not None:
            qs = qs.filter(locale=locale)
    return qs.filter(~Q(first_published_at=None)).order_by("-first_published_at", "-pk")


def _sqlite_plan(
    qs: PageQuerySet, within: Page | None, locale: Locale | None, subtree_size: int | None
) -> PageQuerySet:
    """The same conditions, written so that SQLite, which runs without planner
    statistics, reads few rows: otherwise it picks the content type or locale index
    (nearly every page of a large site matches) and sorts the whole result to find the
    newest ten. A large subtree is listed by walking the publication-time index from
    the newest, which stops after the first page of results; a small one by its tree
    path range, sorted (a walk could read the whole index to find its few items)."""
    qs = qs.alias(item_type=NotIndexed(F("content_type_id"))).filter(item_type__in=item_content_type_ids())
    if locale is not None:
        qs = filter_locale(qs, locale)
    if within is not None:
        small = subtree_size < SMALL_SUBTREE if subtree_size is not None else _is_small_subtree(within)
        if small:
            qs = qs.filter(path__gt=within.path, path__lte=_subtree_upper_bound(within.path))
        else:
            qs = filter_below(qs, within)
    return qs


def subtree_sizes(pages: Iterable[Page]) -> dict[int, int]:
    """About how many pages are under each page (by id): its children and theirs, read
    from the tree's child counts in one query. Right for sections, whose items sit in
    their channels; deeper levels are not counted."""
    pages = list(pages)
    if not pages:
        return {}
    depth = pages[0].depth
    assert all(page.depth == depth for page in pages), "pages of one depth"
    sizes = {page.pk: page.numchild for page in pages}
    by_path = {page.path: page.pk for page in pages}
    condition = Q()
    for page in pages:
        condition |= Q(path__gt=page.path, path__lte=_subtree_upper_bound(page.path))
    children = Page.objects.filter(condition, depth=depth + 1)
    for path, numchild in children.values_list("path", "numchild"):
        parent = by_path.get(path[: -Page.steplen])
        if parent is not None:
            sizes[parent] += numchild
    return sizes


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
