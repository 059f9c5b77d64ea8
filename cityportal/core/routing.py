"""Finding the page for an address in two queries instead of two per level.

Wagtail routes an address one level at a time: at each level it looks up the child by
slug and then loads that child's specific type, eight queries for an article four levels
down. Every page's ``url_path`` already spells out the address, so the pages along the
whole address can be read at once; the deepest one then routes what is left of the
address (``page/2/``, ``rss.xml``). Wagtail's own walk is used instead whenever a page
on the way could have taken the address itself (a routable page whose routes match the
rest, or a page type with its own ``route``), so the result is always what Wagtail
would answer.
"""

from django.http import HttpRequest
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.url_routing import RouteResult


def route_by_address(root: Page, request: HttpRequest, components: list[str]) -> RouteResult | None:
    """The route Wagtail would find from ``root`` for ``components``, or None when this
    shortcut cannot tell (then the caller lets Wagtail walk)."""
    if not components:
        return None
    prefixes = [_address(root, components[:n]) for n in range(1, len(components) + 1)]
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=prefixes).only(
            "id", "path", "depth", "url_path", "live", "content_type_id", "slug", "title"
        )
    }
    chain = []
    for prefix in prefixes:
        if prefix not in found:
            break
        chain.append(found[prefix])
    if not chain:
        return None
    # Each page on the way must leave the rest of the address to its child.
    for index, page in enumerate(chain[:-1]):
        if not _passes_on(page, components[index + 1 :]):
            return None
    deepest = chain[-1]
    return deepest.specific.route(request, components[len(chain) :])


def _address(root: Page, components: list[str]) -> str:
    return root.url_path + "".join(f"{c}/" for c in components)


def _passes_on(page: Page, rest: list[str]) -> bool:
    cls = page.specific_class
    if cls is None:
        return False
    if cls.route is Page.route:
        return True
    if cls.route is RoutablePageMixin.route:
        if not page.live:
            return True
        try:
            cls.get_resolver().resolve("/" + "".join(f"{c}/" for c in rest))
        except Resolver404:
            return True
        return False  # its own route takes the address
    return False  # a route of its own: Wagtail's walk decides
