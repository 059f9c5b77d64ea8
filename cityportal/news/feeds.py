"""RSS 2.0 feeds: one for the whole edition and one for each channel."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from cityportal.core.items import live_items
from cityportal.core.models import PortalIdentity

FEED_LENGTH = 30


class _PortalFeed(Feed):
    feed_type = Rss201rev2Feed

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        summary = getattr(item, "listing_summary", None)
        return summary() if callable(summary) else (item.search_description or item.title)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_guid_is_permalink(self, item):
        return True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        # An article's own source, else the site's default (read once per feed, not
        # once per item as ArticlePage.display_source would). Other items (guides,
        # projects, officials...) have no source and name no author.
        if not hasattr(item, "display_source"):
            return None
        return item.source or self.identity.default_article_source or None

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        moment = getattr(obj, "last_published_at", None)
        if not feed.items and moment is not None:
            # An empty feed is dated by its page, not by the moment it is rendered: the
            # same content gives the same file (static publishing compares them).
            feed.latest_post_date = lambda: moment
        return feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.identity = PortalIdentity.for_request(request)
        return super().__call__(request, *args, **kwargs)


class SiteFeed(_PortalFeed):
    """The newest items of the whole language edition."""

    def get_object(self, request, *args, **kwargs):
        site = Site.find_for_request(request)
        root = site.root_page.localized if site else None
        if root is None or not root.live:
            raise Http404("No site")
        return root.specific

    def title(self, home):
        return self.identity.site_name

    def link(self, home):
        return home.get_full_url(self.request)

    def description(self, home):
        return _("Latest items of %(site)s") % {"site": self.title(home)}

    def feed_url(self, home):
        return self.request.build_absolute_uri()

    def items(self, home):
        # The edition's own tree: under /zh-hans/ without a Chinese home page, Wagtail
        # serves the English pages, and the feed lists what those pages list.
        return live_items(within=home).specific()[:FEED_LENGTH]


class ChannelFeed(_PortalFeed):
    """The newest items of one channel."""

    def get_object(self, request, channel=None):
        return channel

    def title(self, channel):
        return f"{channel.title} - {self.identity.site_name}"

    def link(self, channel):
        return channel.get_full_url(self.request)

    def description(self, channel):
        return _("Latest items in %(channel)s") % {"channel": channel.title}

    def feed_url(self, channel):
        return self.request.build_absolute_uri()

    def items(self, channel):
        return channel.get_listing()[:FEED_LENGTH]
