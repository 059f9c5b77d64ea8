from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from cityportal.core import sitemaps
from cityportal.core import views as core_views
from cityportal.documents import urls as wagtaildocs_urls
from cityportal.media.views import caption_track
from cityportal.news.views import channel_feed, site_feed
from cityportal.search import views as search_views
from cityportal.weather.views import weather_json

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("", core_views.edition_redirect, name="edition_redirect"),
]

if settings.SERVE_MEDIA_FILES:
    # The embedded default serves uploads itself; behind nginx/CDN this is switched off.
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", core_views.serve_media)]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("rss.xml", site_feed, name="site_feed"),
    re_path(r"^(?P<channel_path>(?:[\w\-]+/)+)rss\.xml$", channel_feed, name="channel_feed"),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)captions/(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2})\.vtt$",
        caption_track,
        name="caption_track",
    ),
    path("weather.json", weather_json, name="weather_json"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "cityportal.core.views.page_not_found"
handler500 = "cityportal.core.views.server_error"
