"""Forgiving pagination: a bad page number shows the nearest sensible page with a
message, never an error page."""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.translation import gettext as _


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
    try:
        number = int(str(requested).strip())
    except ValueError:
        return PageOfItems(
            paginator.page(1),
            _("“%(value)s” is not a page number, so the first page is shown.")
            % {"value": str(requested)[:20]},
        )
    if number < 1:
        return PageOfItems(paginator.page(1), _("Page numbers start at 1, so the first page is shown."))
    if number > paginator.num_pages:
        return PageOfItems(
            paginator.page(paginator.num_pages),
            _("There are only %(count)d pages, so the last page is shown.") % {"count": paginator.num_pages},
        )
    return PageOfItems(paginator.page(number))
