"""From a change in the content to the units that show it.

Nothing here names page types: a render records what it read (pages, listed subtrees,
model instances; core.render_record), and a change is matched against those records.
What every page shows (the "chrome": menu, edition homes, site settings) is one record
set; a change to it re-publishes the whole site.
"""

from dataclasses import dataclass, field

from django.conf import settings
from wagtail.models import Page

from cityportal.core import render_record
from cityportal.core.items import item_page_models
from cityportal.publishing import units
from cityportal.publishing.models import Dependency, PublishedFile
from cityportal.publishing.publisher import PublishReport, chrome_keys, publish_units, rebuild

MAX_TREE_DEPTH = 32  # deeper than any portal's tree


@dataclass
class Change:
    """What changed, as the signals saw it."""

    page_ids: set[int] = field(default_factory=set)
    # (tree path, depth) of places pages were in before they moved or were deleted
    old_places: set[tuple[str, int]] = field(default_factory=set)
    model_keys: set[str] = field(default_factory=set)

    def is_empty(self) -> bool:
        return not (self.page_ids or self.old_places or self.model_keys)

    def as_task_arguments(self) -> dict:
        return {
            "page_ids": sorted(self.page_ids),
            "old_places": sorted([path, depth] for path, depth in self.old_places),
            "model_keys": sorted(self.model_keys),
        }


def listing_keys(tree_path: str, depth: int) -> set[str]:
    """The subtree keys a page at this place would appear under."""
    keys = set()
    for length in range(0, len(tree_path) + 1, Page.steplen):
        prefix = tree_path[:length]
        keys.add(render_record.subtree_key(prefix))
        keys.update(render_record.subtree_key(prefix, limit) for limit in range(depth, MAX_TREE_DEPTH))
    return keys


def affected(change: Change) -> tuple[set[str], set[str]] | None:
    """The units to publish first (the changed pages themselves and their translations)
    and then (every unit that showed them or lists where they are or were); None when
    the change touches what every page shows."""
    pages = list(Page.objects.filter(pk__in=change.page_ids).only("id", "path", "depth", "translation_key"))
    places = {(page.path, page.depth) for page in pages} | change.old_places
    keys = {render_record.page_key(pk) for pk in change.page_ids} | change.model_keys
    for path, depth in places:
        keys |= listing_keys(path, depth)
    if keys & chrome_keys():
        return None
    first = {units.page_unit(pk) for pk in change.page_ids}
    # The language switch of each translation names this page.
    translation_keys = {page.translation_key for page in pages}
    first |= {
        units.page_unit(pk)
        for pk in Page.objects.filter(translation_key__in=translation_keys).values_list("pk", flat=True)
    }
    # A page whose address changed takes its descendants' addresses with it.
    moved = [page for page in pages if _address_changed(page)]
    for page in moved:
        first |= {units.page_unit(pk) for pk in Page.objects.descendant_of(page).values_list("pk", flat=True)}
    then = set()
    for chunk in _chunks(sorted(keys), 500):
        then |= set(Dependency.objects.filter(key__in=chunk).values_list("unit", flat=True))
    then.discard(units.CHROME)
    return first, then - first


def _address_changed(page: Page) -> bool:
    urls = units.page_urls(page.specific)
    published = PublishedFile.objects.filter(unit=units.page_unit(page.pk), path__endswith="index.html")
    if urls is None:
        return published.exists()
    return published.exists() and not published.filter(path=units.url_to_file(urls[0])).exists()


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
    plan = affected(change)
    if plan is None:
        return rebuild(processes=getattr(settings, "CITYPORTAL_PUBLISH_PROCESSES", 2))
    first, then = plan
    report = publish_units(sorted(first))
    then |= neighbours(first) - first
    # Units that list pages newest first put page 1 before later pages: a visitor sees
    # the front of each listing updated first.
    report.add(publish_units(sorted(then)))
    return report


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
