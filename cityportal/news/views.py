from django.http import Http404, HttpRequest, HttpResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from cityportal.news.feeds import ChannelFeed, SiteFeed


def site_feed(request: HttpRequest) -> HttpResponse:
    """RSS for the whole edition (a new Feed per request: Feed objects hold the request)."""
    return SiteFeed()(request)


def channel_feed(request: HttpRequest, channel_path: str) -> HttpResponse:
    """RSS for one channel at ``<channel url>rss.xml``: a file-like address, so the
    feed can be published as a static file beside the channel's index.html."""
    from cityportal.news.models import ChannelPage

    route = Page.route_for_request(request, channel_path)
    if route is None:
        raise Http404
    page, args, _kwargs = route
    if isinstance(page, RoutablePageMixin):
        # The path must name the channel itself, not one of its sub-routes
        # (".../page/2/rss.xml" is not a feed).
        _view, view_args, view_kwargs = args
        if view_args or view_kwargs:
            raise Http404
    page = page.specific
    if not isinstance(page, ChannelPage) or not page.live or page.get_view_restrictions().exists():
        raise Http404
    return ChannelFeed()(request, channel=page)
