"""Watching the content for changes that the public site shows.

Changes made in one transaction are gathered and handed to the publishing task once
it commits (a page published from the admin saves the page, its revision, its log
entry...; they become one task). Off unless CITYPORTAL_PUBLISH_ON_CHANGE is set.
"""

import logging
import threading

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, pre_page_move

from cityportal.core import render_record, tree_version
from cityportal.publishing.changes import Change
from cityportal.publishing.models import Dependency
from cityportal.publishing.render import IGNORED_MODELS

logger = logging.getLogger(__name__)
_pending = threading.local()

# Wagtail's bookkeeping, written by every save of a draft or a publication. No listing
# filters or sorts by it (core.items lists by first publication time, not the last).
BOOKKEEPING_FIELDS = frozenset(
    {
        "draft_title",
        "latest_revision_id",
        "latest_revision_created_at",
        "live_revision_id",
        "has_unpublished_changes",
        "last_published_at",
        "numchild",
        "owner_id",
        "locked",
        "locked_at",
        "locked_by_id",
    }
)


def enabled() -> bool:
    return bool(getattr(settings, "CITYPORTAL_PUBLISH_ON_CHANGE", False))


def _note(update) -> None:
    """Adds to the change of the current transaction; hands it over once it commits (at
    once, outside a transaction)."""
    change = getattr(_pending, "change", None)
    # A rolled-back transaction drops its on-commit callbacks: its change is void.
    waiting = change is not None and any(entry[1] is _hand_over for entry in connection.run_on_commit)
    if not waiting:
        change = _pending.change = Change()
    update(change)
    if not waiting:
        transaction.on_commit(_hand_over)  # runs at once outside a transaction


_tables_ready = False


def tables_ready() -> bool:
    """False while migrations have not created the publishing tables yet."""
    global _tables_ready
    if not _tables_ready:
        _tables_ready = Dependency._meta.db_table in connection.introspection.table_names()
    return _tables_ready


def _hand_over() -> None:
    change, _pending.change = _pending.change, None
    if change is None or change.is_empty():
        return
    from cityportal.publishing.tasks import publish_changes

    try:
        publish_changes.enqueue(**change.as_task_arguments())
    except Exception:  # noqa: BLE001 - a publishing problem must not undo the editor's change
        logger.exception("Could not hand the change over to the publishing task")


def _page_saving(sender, instance, raw: bool = False, **kwargs) -> None:
    """Before a page is saved: whether the save keeps the page where it is in every
    listing (see Change.in_place). One query, on sites that publish on change."""
    if not enabled() or raw or not isinstance(instance, Page) or instance.pk is None:
        return
    display_only = set(getattr(instance, "display_only_fields", ())) | BOOKKEEPING_FIELDS
    compared = [
        field.attname
        for field in type(instance)._meta.concrete_fields
        if field.attname not in display_only and field.name not in display_only
    ]
    before = type(instance)._base_manager.filter(pk=instance.pk).values(*compared).first()
    in_place = (
        before is not None
        and before["live"]
        and all(before[name] == getattr(instance, name) for name in compared)
    )

    # Where the page was listed before (its first publication time): a listing numbered
    # from the oldest changes from there on.
    listed_at = before["first_published_at"] if before is not None and before["live"] else None

    def update(change: Change) -> None:
        change.earlier_times.setdefault(instance.pk, listed_at.isoformat() if listed_at else None)
        if in_place and instance.pk not in change.displaced:
            change.in_place.add(instance.pk)
        else:
            change.in_place.discard(instance.pk)
            change.displaced.add(instance.pk)

    _note(update)


def _page_changed(sender, instance: Page, **kwargs) -> None:
    if enabled():
        _note(lambda change: change.page_ids.add(instance.pk))


def _page_moving(sender, instance: Page, **kwargs) -> None:
    if enabled():
        moving = [instance.pk, *instance.get_descendants().values_list("pk", flat=True)]

        def update(change: Change) -> None:
            change.page_ids.update(moving)
            change.old_places.add((instance.path, instance.depth))

        _note(update)


def _view_restriction_changed(restriction: PageViewRestriction) -> None:
    """A restriction added or lifted takes its page and every page under it off the
    public site or back onto it: their files go or come, as do their listings' entries."""
    page = Page.objects.filter(pk=restriction.page_id).only("path", "depth").first()
    if page is None:  # deleted with its page, which says so itself
        return
    subtree = set(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))

    def update(change: Change) -> None:
        change.page_ids.update(subtree)
        change.in_place.difference_update(subtree)
        change.displaced.update(subtree)

    _note(update)


def _instance_deleted(sender, instance, **kwargs) -> None:
    if not enabled():
        return
    if isinstance(instance, PageViewRestriction):
        _view_restriction_changed(instance)
    elif isinstance(instance, Page):

        def update(change: Change) -> None:
            change.page_ids.add(instance.pk)
            change.old_places.add((instance.path, instance.depth))

        _note(update)
    else:
        _model_changed(instance)


def _instance_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    # Pages reach the public site by being published, not saved (drafts, revisions).
    if not enabled() or raw or isinstance(instance, Page):
        return
    if isinstance(instance, PageViewRestriction):
        _view_restriction_changed(instance)
    else:
        _model_changed(instance)


def _model_changed(instance) -> None:
    label = instance._meta.label_lower
    if label in IGNORED_MODELS or label.startswith(("publishing.", "django_tasks")) or not tables_ready():
        return
    keys = [render_record.model_key(label, instance.pk), render_record.model_key(label)]
    # One indexed lookup: most saves (letters, sessions, rate-limit hits) show nowhere.
    if Dependency.objects.filter(key__in=keys).exists():
        _note(lambda change: change.model_keys.update(keys))


def _tree_changed(sender, bulk: bool = False, **kwargs) -> None:
    # Published changes keep the files current; others leave them behind until a rebuild.
    if (bulk or not enabled()) and tables_ready():
        from cityportal.publishing import state

        state.note_unpublished_change()


tree_version.page_tree_changed.connect(_tree_changed, dispatch_uid="cityportal.publishing.tree_changed")
pre_save.connect(_page_saving, dispatch_uid="cityportal.publishing.saving")
page_published.connect(_page_changed, dispatch_uid="cityportal.publishing.published")
page_unpublished.connect(_page_changed, dispatch_uid="cityportal.publishing.unpublished")
pre_page_move.connect(_page_moving, dispatch_uid="cityportal.publishing.moving")
post_delete.connect(_instance_deleted, dispatch_uid="cityportal.publishing.deleted")
post_save.connect(_instance_saved, dispatch_uid="cityportal.publishing.saved")
