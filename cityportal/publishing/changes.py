"""From a change in the content to the units that show it.

Nothing here names page types: a render records what it read (pages, listed subtrees,
model instances; core.render_record), and a change is matched against those records.
What every page shows (the "chrome": menu, edition homes, site settings) is one record
set; a change to it re-publishes the whole site.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from wagtail.models import Page

from cityportal.core import render_record
from cityportal.core.items import item_page_models
from cityportal.publishing import units
from cityportal.publishing.models import Dependency, PublishedFile
from cityportal.publishing.publisher import PublishReport, chrome_keys, chunked_list, publish_units, rebuild

MAX_TREE_DEPTH = 32  # deeper than any portal's tree


@dataclass
class Change:
    """What changed, as the signals saw it."""

    page_ids: set[int] = field(default_factory=set)
    # (tree path, depth) of places pages were in before they moved or were deleted
    old_places: set[tuple[str, int]] = field(default_factory=set)
    model_keys: set[str] = field(default_factory=set)
    # Pages edited in place: live before and after, at the same address, and with no
    # field changed that could take them into or out of a listing or move them in one
    # (see signals._page_saving). Only what shows them needs them again.
    in_place: set[int] = field(default_factory=set)
    displaced: set[int] = field(default_factory=set)  # saved otherwise in the same change
    # The first publication time (ISO) each saved page had before the change if it was
    # live then, else None: with its time now, where listings numbered from the oldest
    # change from (a page not saved before, a new one, is listed from its time now).
    earlier_times: dict[int, str | None] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.page_ids or self.old_places or self.model_keys)

    def as_task_arguments(self) -> dict:
        return {
            "page_ids": sorted(self.page_ids),
            "old_places": sorted([path, depth] for path, depth in self.old_places),
            "model_keys": sorted(self.model_keys),
            "in_place": sorted((self.in_place - self.displaced) & self.page_ids),
            "earlier_times": {str(pk): self.earlier_times[pk] for pk in sorted(self.earlier_times)},
        }


def listing_keys(tree_path: str, depth: int) -> set[str]:
    """The subtree keys a page at this place would appear under."""
    keys = set()
    for length in range(0, len(tree_path) + 1, Page.steplen):
        prefix = tree_path[:length]
        keys.add(render_record.subtree_key(prefix))
        keys.update(render_record.subtree_key(prefix, limit) for limit in range(depth, MAX_TREE_DEPTH))
    return keys


def affected(change: Change, addresses: units.Addresses | None = None) -> tuple[set[str], set[str]] | None:
    """The units to publish first (the changed pages themselves and their translations)
    and then (every unit that showed them or lists where they are or were, and the
    later pages a listing has grown); None when the change touches what every page
    shows. ``addresses`` is the run's, to be handed on to the publishing."""
    pages = list(
        Page.objects.filter(pk__in=change.page_ids).only(
            "id", "path", "depth", "translation_key", "live", "first_published_at"
        )
    )
    addresses = addresses or units.Addresses()
    moved = [page for page in pages if _address_changed(page, addresses)]
    # In place only if it was on disk already where it is: a page new to the public
    # site (or never published as a file) joins listings.
    candidates = change.in_place - change.displaced - {page.pk for page in moved}
    on_disk = PublishedFile.objects.filter(unit__in=[units.page_unit(pk) for pk in candidates])
    in_place = {units.unit_page_id(unit) for unit in on_disk.values_list("unit", flat=True).distinct()}
    places = {(page.path, page.depth) for page in pages if page.pk not in in_place} | change.old_places
    keys = {render_record.page_key(pk) for pk in change.page_ids} | change.model_keys
    if change.page_ids:
        keys.add(render_record.ANY_PAGE)
    for path, depth in places:
        keys |= listing_keys(path, depth)
    if keys & chrome_keys():
        return None
    # The language switch of each translation names this page.
    translation_keys = {page.translation_key for page in pages}
    first_pages = set(change.page_ids)
    first_pages |= set(Page.objects.filter(translation_key__in=translation_keys).values_list("pk", flat=True))
    # A page whose address changed takes its descendants' addresses with it.
    for page in moved:
        first_pages |= set(Page.objects.descendant_of(page).values_list("pk", flat=True))
    first = units_of_pages(first_pages, addresses)
    # What lists pages by their id (a sitemap file) lists these.
    keys |= {render_record.page_range_key(render_record.page_range_of(pk)) for pk in first_pages}
    then = set()
    for chunk in chunked_list(sorted(keys), 500):
        then |= set(Dependency.objects.filter(key__in=chunk).values_list("unit", flat=True))
    bounds = {page.path: _listed_from(page, change) for page in pages if page.pk not in in_place}
    bounds.update({path: None for path, _depth in change.old_places})
    then |= bounded_listing_units(bounds)
    then.discard(units.CHROME)
    then |= units_gained_or_lost(then, addresses) | new_fixed_units(addresses)
    return first, then - first


def _listed_from(page: Page, change: Change) -> datetime | None:
    """The earliest publication time the page is or was listed at in this change; None
    when it is not known (every page of a listing numbered from the oldest may change)."""
    times = [page.first_published_at] if page.live and page.first_published_at else []
    if earlier := change.earlier_times.get(page.pk):
        times.append(datetime.fromisoformat(earlier))
    return min(times, default=None)


def bounded_listing_units(bounds: dict[str, datetime | None]) -> set[str]:
    """The numbered pages of listings (numbered from the oldest) that a page coming or
    going at each tree path changes: those that list the subtrees it is in and show an
    item published at or after its time (render_record.subtree_until_key). ``bounds``:
    tree path -> that time, None for any."""
    lowest: dict[str, str] = {}
    for tree_path, moment in bounds.items():
        bound = render_record.time_bound(moment) if moment is not None else ""
        for length in range(0, len(tree_path) + 1, Page.steplen):
            prefix = tree_path[:length]
            lowest[prefix] = min(lowest.get(prefix, bound), bound)
    found: set[str] = set()
    for chunk in chunked_list(sorted(lowest), 200):
        condition = Q()
        for prefix in chunk:
            start = render_record.subtree_key(prefix) + render_record.UNTIL
            # Up to the character after UNTIL: the bounded keys of this subtree only.
            condition |= Q(
                key__gte=start + lowest[prefix], key__lt=start[:-1] + chr(ord(render_record.UNTIL) + 1)
            )
        found |= set(Dependency.objects.filter(condition).values_list("unit", flat=True))
    return found


def units_of_pages(page_ids: set[int], addresses: units.Addresses) -> set[str]:
    """Every unit of the pages: those they are to be published as now, and those they
    were published as (which go if they are no longer to be)."""
    result = {units.page_unit(pk) for pk in page_ids}
    for page in _pages_with_more_addresses(page_ids):
        result |= set(addresses.of_page(page) or {})
        result |= _published_units(page.pk)
    return result


def units_gained_or_lost(unit_list: set[str], addresses: units.Addresses) -> set[str]:
    """Addresses the units' pages answer at now and have not been published at (a
    listing that has grown a page), and those they were published at and answer at no
    longer (a listing that has lost one, or whose newest numbered page joined its own)."""
    page_ids = {units.unit_page_id(unit) for unit in unit_list} - {None}
    result = set()
    for page in _pages_with_more_addresses(page_ids):
        now, published = set(addresses.of_page(page) or {}), _published_units(page.pk)
        result |= now ^ published
    return result


def new_fixed_units(addresses: units.Addresses) -> set[str]:
    """Units that belong to no page and have not been published yet (the sitemap file
    of a range of ids that has its first page)."""
    fixed = addresses.fixed()
    published = PublishedFile.objects.filter(unit__in=list(fixed)).values_list("unit", flat=True).distinct()
    return set(fixed) - set(published)


def _pages_with_more_addresses(page_ids: set[int]) -> list[Page]:
    pages = Page.objects.filter(pk__in=page_ids).only("id", "content_type_id")
    ids = [page.pk for page in pages if units.has_more_addresses(page.specific_class or Page)]
    return list(Page.objects.filter(pk__in=ids).specific()) if ids else []


def _published_units(page_id: int) -> set[str]:
    # "page:5@..." as a range of the unit index ("A" follows "@"), which LIKE is not.
    main = units.page_unit(page_id)
    published = PublishedFile.objects.filter(Q(unit=main) | Q(unit__gt=main + "@", unit__lt=main + "A"))
    return set(published.values_list("unit", flat=True).distinct())


def _address_changed(page: Page, addresses: units.Addresses) -> bool:
    own = (addresses.of_page(page.specific) or {}).get(units.page_unit(page.pk))
    published = PublishedFile.objects.filter(unit=units.page_unit(page.pk), path__endswith="index.html")
    if own is None:
        return published.exists()
    return published.exists() and not published.filter(path=units.url_to_file(own)).exists()


def neighbours(published_units: set[str]) -> set[str]:
    """Content items the freshly published pages now show (the previous and next item of
    a channel, related items): they may show the changed page in turn."""
    ids = [
        int(key[2:])
        for key in Dependency.objects.filter(unit__in=published_units, key__startswith="p:").values_list(
            "key", flat=True
        )
    ]
    items = Page.objects.filter(pk__in=ids).type(*item_page_models()).values_list("pk", flat=True)
    return {units.page_unit(pk) for pk in items}


def publish_change(change: Change) -> PublishReport:
    """Re-publishes what a change shows: the changed pages first, then what lists or
    shows them. Falls back to a full rebuild when the change is part of every page."""
    # One run's addresses for planning and publishing: what they look up (each page's
    # listing addresses, the sitemap files) is asked once.
    addresses = units.Addresses()
    plan = affected(change, addresses)
    if plan is None:
        return rebuild(processes=getattr(settings, "CITYPORTAL_PUBLISH_PROCESSES", 2))
    first, then = plan
    report = publish_units(sorted(first), addresses=addresses)
    then |= neighbours(first) - first
    # Units that list pages newest first put page 1 before later pages: a visitor sees
    # the front of each listing updated first.
    report.add(publish_units(sorted(then), addresses=addresses))
    return report
