"""Caption files of video and audio pages, at file-like addresses beside the page
(``<page>/captions/en.vtt``), so that they can be published as static files too."""

from django.http import Http404, HttpRequest, HttpResponse
from wagtail.models import Page

from cityportal.media.models import MediaItemPage


def caption_track(request: HttpRequest, page_path: str, language: str) -> HttpResponse:
    route = Page.route_for_request(request, page_path)
    if route is None:
        raise Http404
    page = route[0].specific
    if not isinstance(page, MediaItemPage) or not page.live or page.get_view_restrictions().exists():
        raise Http404
    track = page.track_for(language)
    if track is None:
        raise Http404
    # Forms drop the final line break and browsers may send CRLF; a file ends with one "\n".
    text = track.webvtt.replace("\r\n", "\n").rstrip("\n") + "\n"
    response = HttpResponse(text, content_type="text/vtt; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return response
