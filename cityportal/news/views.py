from django.http import Http404, HttpRequest, HttpResponse
from wagtail.models import Page

from cityportal.news.feeds import ChannelFeed, SiteFeed


def site_feed(request: HttpRequest) -> HttpResponse:
    """RSS for the whole edition (a new Feed per request: Feed objects hold the request)."""
    return SiteFeed()(request)


def channel_feed(request: HttpRequest, channel_path: str) -> HttpResponse:
    """RSS for one channel at ``<channel url>rss.xml``: a file-like address, so the
    feed can be published as a static file beside the channel's index.html."""
    from cityportal.news.models import ChannelPage

    page = Page.find_for_request(request, channel_path)
    if page is None:
        raise Http404
    page = page.specific
    if not isinstance(page, ChannelPage) or not page.live:
        raise Http404
    return ChannelFeed()(request, channel=page)
