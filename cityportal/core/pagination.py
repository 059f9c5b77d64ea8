"""Forgiving pagination: a bad page number shows the nearest sensible page with a
message, never an error page.

Two numberings. ``paginate``: page 1 is the first page of the order (search results,
alphabetical lists). ``paginate_from_oldest``: for listings newest first that grow at
the front (channels, AllDocsList), the numbered pages count from the oldest items, so
that a new item changes the listing's own page and leaves every numbered page as it
was (each can stay published as a file); see docs/publishing.md.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cityportal.core.filters import parse_id

_PAGE_NUMBER = re.compile(r"[+-]?[0-9]{1,40}")


@dataclass
class PageOfItems:
    page: PaginatorPage
    notice: str = ""

    from_oldest = False

    @property
    def page_range(self):
        return self.page.paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)

    @property
    def address(self) -> str:
        """The page's address relative to the listing's ("" for the first page)."""
        return f"page/{self.page.number}/" if self.page.number > 1 else ""


def paginate(object_list, requested: str | int | None, per_page: int) -> PageOfItems:
    paginator = Paginator(object_list, per_page, allow_empty_first_page=True)
    if requested in (None, ""):
        return PageOfItems(paginator.page(1))
    text = str(requested).strip()
    # ASCII digits with an optional sign only: int() would also take "2_0" or "٢".
    if not _PAGE_NUMBER.fullmatch(text):
        return PageOfItems(
            paginator.page(1),
            _("“%(value)s” is not a page number, so the first page is shown.") % {"value": text[:20]},
        )
    number = int(text)
    if number < 1:
        return PageOfItems(paginator.page(1), _("Page numbers start at 1, so the first page is shown."))
    if number > paginator.num_pages:
        return PageOfItems(
            paginator.page(paginator.num_pages),
            ngettext(
                "There is only one page, so it is shown.",
                "There are only %(count)d pages, so the last page is shown.",
                paginator.num_pages,
            )
            % {"count": paginator.num_pages},
        )
    return PageOfItems(paginator.page(number))


def redirect_page_one(
    request: HttpRequest, listing_url: str, number: str
) -> HttpResponsePermanentRedirect | None:
    """One address per page: ``.../page/1/`` (or ``page/01/``) redirects to the listing
    itself, its query string (filters, search words) going along; None for other pages."""
    if parse_id(number) != 1:
        return None
    if request.GET:
        listing_url += "?" + request.GET.urlencode()
    return HttpResponsePermanentRedirect(listing_url)


def numbered_pages(count: int, per_page: int) -> int:
    """How many numbered pages a listing numbered from the oldest has: every full block
    of ``per_page`` items but the newest, which the listing's own page shows together
    with the items after it (``per_page`` to ``2 * per_page - 1`` of them)."""
    return max(0, count // per_page - 1)


@dataclass
class PageFromOldest:
    """One page of a listing numbered from its oldest items (``paginate_from_oldest``).
    ``number`` is None on the listing's own page (the newest items)."""

    items: Sequence = field(default_factory=list)
    number: int | None = None
    numbered: int = 0  # how many numbered pages there are
    count: int = 0
    notice: str = ""
    # A number the newest page now shows the items of: sent to the listing itself.
    send_to_newest: bool = False

    from_oldest = True

    @property
    def address(self) -> str:
        return "" if self.number is None else f"page/{self.number}/"

    @property
    def newer(self) -> int | None:
        """The number of the next newer page; None for the listing's own page (newest),
        which the caller links to when this is the newest numbered page."""
        if self.number is None or self.number >= self.numbered:
            return None
        return self.number + 1

    @property
    def older(self) -> int | None:
        if self.number is None:
            return self.numbered or None
        return self.number - 1 if self.number > 1 else None

    @property
    def has_pages(self) -> bool:
        return self.numbered > 0


def paginate_from_oldest(object_list, requested: str | int | None, per_page: int) -> PageFromOldest:
    """``object_list`` is newest first. Numbered page n holds the n-th block of
    ``per_page`` items counted from the oldest; the listing's own page the rest."""
    is_list = isinstance(object_list, list)
    count = len(object_list) if is_list else object_list.count()
    numbered = numbered_pages(count, per_page)

    def newest(notice: str = "", **extra) -> PageFromOldest:
        items = list(object_list[: count - numbered * per_page])
        return PageFromOldest(items, None, numbered, count, notice, **extra)

    if requested in (None, ""):
        return newest()
    text = str(requested).strip()
    if not _PAGE_NUMBER.fullmatch(text):
        return newest(
            _("“%(value)s” is not a page number, so the newest items are shown.") % {"value": text[:20]}
        )
    number = int(text)
    if number < 1:
        return newest(_("Page numbers start at 1, so the newest items are shown."))
    if number > numbered:
        if number <= -(-count // per_page):
            # Its items are the newest ones, on the listing's own page for now.
            return PageFromOldest([], None, numbered, count, send_to_newest=True)
        notice = _("There is no page %(number)d yet, so the newest items are shown.")
        return newest(notice % {"number": number})
    # Newest first, this block starts count - number * per_page items in. The older half
    # is read from the oldest end, so that no query skips more than half the listing.
    if not is_list and number * 2 <= numbered:
        items = list(object_list.reverse()[(number - 1) * per_page : number * per_page])[::-1]
    else:
        items = list(object_list[count - number * per_page : count - (number - 1) * per_page])
    return PageFromOldest(items, number, numbered, count)
