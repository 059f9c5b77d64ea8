"""The page tree's version token (see PageTreeVersion), and in-process caches keyed by it.

Anything saved, deleted or moved among the pages, and any change to a site, a locale, a
view restriction or the portal's identity, gives the tree a new token. Code that
writes pages without their signals (bulk loaders) calls ``bump()``. A request reads the
token once (``pinned()``, from TreeVersionMiddleware), not once per cached lookup.
"""

import uuid
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from cityportal.core import render_record

T = TypeVar("T")

_ROW = 1
# Sent after every new token, from page signals and from bulk writers alike.
page_tree_changed = Signal()
_cache: dict[Hashable, object] = {}
_cache_token: str | None = None
_MISSING = object()
# The token as the current request first read it; None: read it from the database.
_pinned: ContextVar[str | None] = ContextVar("cityportal_tree_token", default=None)


def _read() -> str:
    from cityportal.core.models import PageTreeVersion

    token = PageTreeVersion.objects.filter(pk=_ROW).values_list("token", flat=True).first()
    return token or ""


def current() -> str:
    pinned_token = _pinned.get()
    return pinned_token if pinned_token is not None else _read()


@contextmanager
def pinned() -> Iterator[None]:
    """Within the block, the token is read once: a request sees one version of the tree
    (unless it changes the tree itself, see bump)."""
    reset = _pinned.set(_read())
    try:
        yield
    finally:
        _pinned.reset(reset)


def bump(*, bulk: bool = False) -> None:
    """``bulk``: pages were written without Page.save and its signals (so nothing that
    listens to those, such as static publishing, has seen them)."""
    from cityportal.core.models import PageTreeVersion

    PageTreeVersion.objects.update_or_create(pk=_ROW, defaults={"token": uuid.uuid4().hex})
    # Read again from now on: the change may yet be rolled back.
    _pinned.set(None)
    page_tree_changed.send(sender=PageTreeVersion, bulk=bulk)


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """``build()``'s result, kept in this process until the tree's token changes. What
    building it read (core.render_record) is reported again on every use, so a render
    served from the cache tells static publishing the same as one that built it."""
    global _cache_token
    token = current()
    if token != _cache_token:
        _cache.clear()
        _cache_token = token
    entry = _cache.get(key, _MISSING)
    if entry is _MISSING:  # read once: another thread (runserver) may clear the cache
        with render_record.recording() as keys:
            value = build()
        entry = _cache[key] = (value, frozenset(keys))
    value, keys = entry  # type: ignore[misc]
    render_record.record_all(keys)
    return value


def _changed(sender, instance=None, **kwargs) -> None:
    from cityportal.core.models import PortalIdentity

    if isinstance(instance, CACHED_MODELS + (PortalIdentity,)) and not kwargs.get("raw"):
        bump()


# What the cached values are or read (the menu reads view restrictions and locales; the
# middleware keeps the site and the portal identity): their changes give a new token.
CACHED_MODELS = (Page, Site, Locale, PageViewRestriction)


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="cityportal.core.tree_version.saved")
    post_delete.connect(_changed, dispatch_uid="cityportal.core.tree_version.deleted")
    post_page_move.connect(_changed, dispatch_uid="cityportal.core.tree_version.moved")
