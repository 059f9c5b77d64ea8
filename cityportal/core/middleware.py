"""Middleware that saves every request the lookups whose answer only changes with the
page tree (core.tree_version): the token itself, read once, the request's site and the
portal's identity (the footer and the article's source)."""

from collections.abc import Callable

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site

from cityportal.core import tree_version
from cityportal.core.models import PortalIdentity


class TreeVersionMiddleware:
    """Reads the page tree's token once for the request, and takes the request's Wagtail
    site and its PortalIdentity from the per-process cache instead of with a query each.
    Wagtail keeps both on the request (``_wagtail_site``, the setting's cache attribute),
    where Site.find_for_request and PortalIdentity.for_request look first; the admin's
    settings form reads its own copy (for_site), never the shared one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with tree_version.pinned():
            try:
                host = request.get_host()
            except DisallowedHost:
                host = None  # answered 400 further on; not a key for the cache to keep
            if host is not None:
                # What Site._find_for_request goes by: the host name and the port.
                key = ("site", split_domain_port(host)[0], request.get_port())
                site = tree_version.cached(key, lambda: Site._find_for_request(request))
                request._wagtail_site = site
                if site is not None:
                    key = ("identity", site.pk)
                    identity = tree_version.cached(key, lambda: PortalIdentity.for_site(site))
                    setattr(request, PortalIdentity.get_cache_attr_name(), identity)
            return self.get_response(request)
