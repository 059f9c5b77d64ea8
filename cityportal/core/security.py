"""The security headers of the portal, in one place (docs/deployment.md).

Dynamic answers get them from Django's middleware (SecurityMiddleware, clickjacking and
django-csp's CSPMiddleware). Published files never reach Django, so the embedded server
(cityportal.publishing.serving) and the shipped nginx configuration send the same
headers, computed here from the same settings.
"""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings


def content_security_policy_directives(map_tiles_url: str = "") -> dict[str, list[str]]:
    """The public site's policy: its own scripts, styles, images and fonts only; no inline
    scripts or styles, no plug-ins, no framing by other sites. The optional tile server of
    the interactive map is the one foreign origin allowed (as an image source)."""
    images = [SELF, "data:"]
    tiles = urlsplit(map_tiles_url)
    if tiles.scheme in ("http", "https") and tiles.hostname:
        images.append(f"{tiles.scheme}://{tiles.netloc}")
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": images,
        "font-src": [SELF],
        "media-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }


# Wagtail 8's admin still writes a few inline scripts (inline panels, date and time
# pickers) and inline styles; it gets them allowed there, and nowhere else.
_ADMIN_ALLOWANCES = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}


def _is_admin(path: str) -> bool:
    return path.startswith(tuple(getattr(settings, "CITYPORTAL_ADMIN_PATH_PREFIXES", ("/admin/",))))


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's allowances added under its paths."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and _is_admin(request.path_info):
            parts.update = {**_ADMIN_ALLOWANCES, **(parts.update or {})}
        return parts


def public_page_headers() -> dict[str, str]:
    """The headers a published page is served with, equal to what Django would add."""
    headers = {
        "Content-Security-Policy": build_policy(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY or "same-origin",
        "X-Frame-Options": settings.X_FRAME_OPTIONS,
        "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY or "same-origin",
    }
    if getattr(settings, "SECURE_HSTS_SECONDS", 0):
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
        headers["Strict-Transport-Security"] = hsts
    return headers
