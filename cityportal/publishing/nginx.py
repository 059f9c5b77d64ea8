"""The nginx configuration of a portal, rendered from its settings, so that the paths,
upload limits and security headers nginx uses are the ones Django uses."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string

from cityportal.core.security import public_page_headers

# Room for the letter's own fields and the multipart boundaries around its attachments.
_FORM_MARGIN_BYTES = 1024 * 1024


def _size(n: int) -> str:
    return f"{-(-n // (1024 * 1024))}m"


def public_body_limit() -> int:
    """The largest request a public form may send: a letter with all its attachments."""
    attachments = (
        settings.CITYPORTAL_MAILBOX_MAX_ATTACHMENTS * settings.CITYPORTAL_MAILBOX_MAX_ATTACHMENT_BYTES
    )
    return attachments + _FORM_MARGIN_BYTES


def admin_body_limit() -> int:
    return (
        max(
            getattr(settings, "CITYPORTAL_ADMIN_MAX_UPLOAD_BYTES", 0),
            getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024),
            getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 0),
        )
        + _FORM_MARGIN_BYTES
    )


def render_site_config(
    *,
    server_names: list[str],
    listen: str | None,
    upstream: str,
    certificate: str = "",
    certificate_key: str = "",
    ipv6: bool = True,
) -> str:
    https = bool(certificate)
    if https and not certificate_key:
        raise ImproperlyConfigured("An HTTPS configuration needs both --certificate and --certificate-key.")
    listen = listen or ("443" if https else "80")
    port = listen.rsplit(":", 1)[-1]
    headers = public_page_headers()
    if https:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    else:
        headers.pop("Strict-Transport-Security", None)  # only ever sent over HTTPS
    for value in headers.values():
        if '"' in value or "\n" in value:
            raise ImproperlyConfigured(
                f"A security header cannot be written into nginx's configuration: {value}"
            )
    return render_to_string(
        "publishing/nginx/site.conf",
        {
            "settings_module": settings.SETTINGS_MODULE,
            "server_names": " ".join(name for name in server_names if name) or "_",
            "listen": listen,
            "port": port,
            "http_listen": "80",
            "http_port": "80",
            "ipv6": ipv6,
            "https": https,
            "certificate": certificate,
            "certificate_key": certificate_key,
            "upstream": upstream,
            "public_dir": str(settings.CITYPORTAL_PUBLIC_DIR),
            "static_url": settings.STATIC_URL
            if settings.STATIC_URL.startswith("/")
            else "/" + settings.STATIC_URL,
            "static_root": str(settings.STATIC_ROOT),
            "media_url": settings.MEDIA_URL,
            "media_root": str(settings.MEDIA_ROOT),
            "admin_prefix": settings.CITYPORTAL_ADMIN_PATH_PREFIXES[0],
            "page_max_age": settings.CITYPORTAL_PUBLISHED_MAX_AGE,
            "public_body_limit": _size(public_body_limit()),
            "admin_body_limit": _size(admin_body_limit()),
            "headers": sorted(headers.items()),
        },
    )
