"""Rendering an address as a visitor's browser would get it, without a network: the
request goes through the same middleware and views as a live one, while the render
records what it read (core.render_record)."""

import sys
from dataclasses import dataclass, field

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.signals import got_request_exception
from django.db.models.signals import post_init
from django.http import HttpRequest
from django.http.request import validate_host
from django.test.client import RequestFactory
from django.utils import translation
from wagtail.models import Page, Site

from cityportal.core import render_record

# Loaded while rendering but telling nothing about what the page shows (every render
# reads them, or they are the render's own by-products).
IGNORED_MODELS = {
    "wagtailcore.locale",
    "wagtailcore.site",
    "wagtailcore.revision",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.rendition",
    "contenttypes.contenttype",
    "sessions.session",
}


def _instance_loaded(sender, instance, **kwargs) -> None:
    if not render_record.is_recording() or instance.pk is None:
        return
    if isinstance(instance, Page):
        render_record.record(render_record.page_key(instance.pk))
        return
    label = instance._meta.label_lower
    if label not in IGNORED_MODELS and not label.startswith("publishing."):
        render_record.record(render_record.model_key(label, instance.pk))


post_init.connect(_instance_loaded, dispatch_uid="cityportal.publishing.render")


@dataclass
class Rendered:
    url: str
    status: int
    body: bytes
    content_type: str
    keys: set[str] = field(default_factory=set)


class Renderer:
    """Renders addresses of the default site. One per process: it loads the middleware
    once."""

    def __init__(self) -> None:
        self.handler = BaseHandler()
        self.handler.load_middleware()
        self.factory = RequestFactory()
        site = Site.objects.filter(is_default_site=True).first()
        host = site.hostname if site is not None else "localhost"
        port = site.port if site is not None else 80
        self.secure = port == 443 or bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
        self.host = host if port in (80, 443) else f"{host}:{port}"
        if not validate_host(host, settings.ALLOWED_HOSTS):
            # The site's own address is not one this server answers to (a test, a
            # machine behind a proxy): any host it does answer to renders the same page.
            allowed = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
            self.host = allowed[0] if allowed else "localhost"

    def request(self, url: str) -> HttpRequest:
        return self.factory.get(url, HTTP_HOST=self.host, secure=self.secure)

    def render(self, url: str) -> Rendered:
        """Raises the error a view raised (Django would answer 500), so that the
        publishing report can say what went wrong."""
        errors: list[BaseException] = []

        def keep_error(sender, request=None, **kwargs) -> None:
            error = sys.exc_info()[1]
            if error is not None:
                errors.append(error)

        got_request_exception.connect(keep_error, weak=False)
        try:
            with render_record.recording() as keys, translation.override(None):
                response = self.handler.get_response(self.request(url))
                body = b"".join(response.streaming_content) if response.streaming else response.content
        finally:
            got_request_exception.disconnect(keep_error)
        if errors and response.status_code >= 500:
            raise errors[0]
        return Rendered(url, response.status_code, body, response.get("Content-Type", ""), keys)
