"""What a render read, for whoever needs to know which pages to render again when
content changes (the publishing app, which keeps public pages as static files).

Core code only reports here; nothing is kept unless a recorder is active for the
current render, so the live site pays one context-variable lookup per report. The
publishing app also records every page and model instance created while it renders.

A fact is a short key:
- ``p:<page id>``: a page was loaded; ``p:*``: whatever page is published, edited,
  moved or removed changes the render (the sitemap, which lists every page);
- ``p:range:<n>``: whatever page with an id in the n-th range of ids (aligned blocks of
  ``page_range_size()``: 1 to 1000, 1001 to 2000...) is published, edited, moved or
  removed changes the render (a sitemap file, which lists the pages of one range);
- ``t:<tree path>`` or ``t:<tree path>@<depth>``: a subtree was listed (down to that
  depth), so whatever is published, moved or removed under it later may change the
  render, even a page that did not exist yet;
- ``t:<tree path>~<time>``: a subtree was listed, but only its items published at or
  before ``<time>`` (UTC, ``YYYYmmddTHHMMSS.ffffff``): a page of a listing numbered from
  the oldest, which an item published later does not change;
- ``m:<app_label.model>:<pk>``: a model instance was loaded; ``m:<app_label.model>:*``:
  any new or changed instance of that model may change the render (a widget that shows
  the latest observation, say).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC

from django.conf import settings

_current: ContextVar[set[str] | None] = ContextVar("cityportal_render_record", default=None)


ANY_PAGE = "p:*"


def page_key(page_id: int) -> str:
    return f"p:{page_id}"


def page_range_size() -> int:
    """The ids per range (what a sitemap file lists; settings.CITYPORTAL_PAGE_RANGE_SIZE)."""
    return getattr(settings, "CITYPORTAL_PAGE_RANGE_SIZE", 1000)


def page_range_of(page_id: int) -> int:
    """The number (from 1) of the range of ids a page is in."""
    return (page_id - 1) // page_range_size() + 1


def page_range_ids(number: int) -> tuple[int, int]:
    """The first and last id of a range."""
    size = page_range_size()
    return (number - 1) * size + 1, number * size


def page_range_key(number: int) -> str:
    return f"p:range:{number}"


def subtree_key(tree_path: str, max_depth: int | None = None) -> str:
    return f"t:{tree_path}" if max_depth is None else f"t:{tree_path}@{max_depth}"


UNTIL = "~"  # sorts after every character of a tree path and after "@"


def time_bound(moment) -> str:
    """A publication time as it appears in a bounded subtree key (fixed width, so that
    keys sort as their times do)."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%f")


def subtree_until_key(tree_path: str, moment) -> str:
    return f"t:{tree_path}{UNTIL}{time_bound(moment)}"


def bounded_by(keys: set[str], moment) -> set[str]:
    """``keys`` with each whole-subtree key bounded by ``moment`` (the newest item a page
    of a listing numbered from the oldest shows)."""
    whole = {key for key in keys if key.startswith("t:") and "@" not in key and UNTIL not in key}
    return (keys - whole) | {subtree_until_key(key[2:], moment) for key in whole}


def model_key(label: str, pk: object = "*") -> str:
    return f"m:{label.lower()}:{pk}"


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collects the keys of what the code run inside the block reports."""
    record: set[str] = set()
    token = _current.set(record)
    try:
        yield record
    finally:
        _current.reset(token)


def record(key: str) -> None:
    if (keys := _current.get()) is not None:
        keys.add(key)


@contextmanager
def not_recording() -> Iterator[None]:
    """Nothing read inside the block is reported: the caller has reported a key that
    stands for all of it."""
    token = _current.set(None)
    try:
        yield
    finally:
        _current.reset(token)


def record_all(keys) -> None:
    if keys and (current := _current.get()) is not None:
        current.update(keys)


def is_recording() -> bool:
    return _current.get() is not None


def record_subtree(tree_path: str, max_depth: int | None = None) -> None:
    """``tree_path`` is a page's ``path`` (its place in the tree); "" is the whole tree.
    ``max_depth``: only pages down to that depth were listed (a menu's two levels)."""
    if (keys := _current.get()) is not None:
        keys.add(subtree_key(tree_path, max_depth))


def record_any_page() -> None:
    if (keys := _current.get()) is not None:
        keys.add(ANY_PAGE)


def record_any_of(label: str) -> None:
    """The render shows whichever instance of the model is newest or current."""
    if (keys := _current.get()) is not None:
        keys.add(model_key(label))
