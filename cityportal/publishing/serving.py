"""Serving the published files in the embedded default (`make run`), with no nginx:
WhiteNoise, in front of Django, answers a GET or HEAD without a query string from the
public directory when the file is there (sending the Brotli or gzip copy the browser
accepts), and hands everything else to Django: dynamic pages, query strings, forms,
the admin, pages not published yet."""

import os
from pathlib import Path

from django.conf import settings
from whitenoise import WhiteNoise
from whitenoise.responders import MissingFileError

from cityportal.core.security import public_page_headers


class PublishedFiles(WhiteNoise):
    def __init__(self, application, root: Path, max_age: int) -> None:
        # autorefresh: files appear and change while the server runs, so each request
        # looks at the disk instead of a list made at start-up.
        super().__init__(
            application,
            root=str(root),
            autorefresh=True,
            index_file=True,
            max_age=max_age,
            add_headers_function=self._add_headers,
        )
        # What Django's security middleware would have added to the same page.
        self.security_headers = public_page_headers()
        self.given_root = os.path.abspath(root)
        self.real_root = os.path.realpath(root)

    def _add_headers(self, headers, path: str, url: str) -> None:
        for name, value in self.security_headers.items():
            headers[name] = value
        # The files of a page change when it is edited: revalidate after max_age.
        headers["Cache-Control"] = f"public, max-age={self.max_age}, must-revalidate"

    def __call__(self, environ, start_response):
        if (
            environ.get("QUERY_STRING")
            or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
            # The "not found" pages are for answers with status 404, which Django gives.
            or environ.get("PATH_INFO", "").endswith("/404.html")
        ):
            return self.application(environ, start_response)
        return super().__call__(environ, start_response)

    def get_static_file(self, path, url, stat_cache=None):
        # Never follow a link planted in the directory out of it (the integrity check
        # reports and removes it; until then it is not served).
        relative = os.path.relpath(path, self.given_root)
        if os.path.realpath(path) != os.path.join(self.real_root, relative):
            raise MissingFileError(path)
        return super().get_static_file(path, url, stat_cache=stat_cache)


def wrap(application):
    """The WSGI application with published files in front, when the settings ask."""
    if not getattr(settings, "CITYPORTAL_SERVE_PUBLISHED_FILES", False):
        return application
    root = Path(settings.CITYPORTAL_PUBLIC_DIR)
    root.mkdir(parents=True, exist_ok=True)
    return PublishedFiles(application, root, getattr(settings, "CITYPORTAL_PUBLISHED_MAX_AGE", 60))
