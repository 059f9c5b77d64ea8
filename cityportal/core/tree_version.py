"""The page tree's version token (see PageTreeVersion), and in-process caches keyed by it.

Anything saved, deleted or moved among the pages, and any site change, gives the tree a
new token. Code that writes pages without their signals (bulk loaders) calls ``bump()``.
"""

import uuid
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.models import Page, Site
from wagtail.signals import post_page_move

T = TypeVar("T")

_ROW = 1
# Sent after every new token, from page signals and from bulk writers alike.
page_tree_changed = Signal()
_cache: dict[Hashable, object] = {}
_cache_token: str | None = None
_MISSING = object()


def current() -> str:
    from cityportal.core.models import PageTreeVersion

    token = PageTreeVersion.objects.filter(pk=_ROW).values_list("token", flat=True).first()
    return token or ""


def bump(*, bulk: bool = False) -> None:
    """``bulk``: pages were written without Page.save and its signals (so nothing that
    listens to those, such as static publishing, has seen them)."""
    from cityportal.core.models import PageTreeVersion

    PageTreeVersion.objects.update_or_create(pk=_ROW, defaults={"token": uuid.uuid4().hex})
    page_tree_changed.send(sender=PageTreeVersion, bulk=bulk)


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """``build()``'s result, kept in this process until the tree's token changes."""
    global _cache_token
    token = current()
    if token != _cache_token:
        _cache.clear()
        _cache_token = token
    value = _cache.get(key, _MISSING)
    if value is _MISSING:  # read once: another thread (runserver) may clear the cache
        value = _cache[key] = build()
    return value  # type: ignore[return-value]


def _changed(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page | Site) and not kwargs.get("raw"):
        bump()


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="cityportal.core.tree_version.saved")
    post_delete.connect(_changed, dispatch_uid="cityportal.core.tree_version.deleted")
    post_page_move.connect(_changed, dispatch_uid="cityportal.core.tree_version.moved")
