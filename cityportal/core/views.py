"""Site-wide views: robots.txt and the friendly error pages."""

import posixpath

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.template import loader
from django.utils.translation import get_language_from_request
from django.views.decorators.http import require_GET
from django.views.static import serve as serve_static_file
from wagtail.models import Site


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page in the site's design, with the menu and a search box."""
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page. It uses no database, which may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))


def edition_redirect(request: HttpRequest) -> HttpResponse:
    """The bare domain sends visitors to the edition in their browser's language when
    that edition is published, and to the default edition otherwise."""
    site = Site.find_for_request(request)
    published = set()
    if site is not None:
        published = set(
            site.root_page.get_translations(inclusive=True)
            .live()
            .values_list("locale__language_code", flat=True)
        )
    preferred = get_language_from_request(request)
    language = preferred if preferred in published else settings.LANGUAGE_CODE
    response = HttpResponseRedirect(f"/{language}/")
    response["Vary"] = "Accept-Language, Cookie"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token (expired page, blocked cookies): say
    what happened and how to send it again, in the site's design."""
    template = loader.get_template("403_csrf.html")
    return HttpResponseForbidden(template.render({"request_path": request.path}, request))


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files for the embedded default (nginx or a CDN serves them otherwise).
    Documents are left out: they go through the documents download view, which checks
    private collections and sets safe download headers."""
    # Checked on the path as the file view will resolve it: "//documents/", "./documents/"
    # or "x/../documents/" name the same files.
    normalized = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if normalized == "documents" or normalized.startswith("documents/"):
        raise Http404("Documents are served at /documents/")
    return serve_static_file(request, path, document_root=settings.MEDIA_ROOT)
