"""Forgiving pagination: a bad page number shows the nearest sensible page with a
message, never an error page."""

import re
from dataclasses import dataclass

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

    @property
    def page_range(self):
        return self.page.paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)


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
