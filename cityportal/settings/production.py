"""Production settings. Everything a deployment chooses comes from the environment.

Required: SECRET_KEY (a long random value, not a default). Optional: DATABASE_URL
(defaults to the embedded SQLite file), ALLOWED_HOSTS, REDIS_URL (shared cache),
SEARCH_BACKEND_URL (Elasticsearch/OpenSearch), EMAIL_URL-style settings, CITYPORTAL_HTTPS.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DEBUG", False)
if DEBUG:
    raise ImproperlyConfigured("Production settings refuse to start with DEBUG on.")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
_KNOWN_DEFAULT_KEYS = {
    "",
    "dev-only-insecure-key-do-not-use-in-production",
    "test-only-key",
    "change-me",
}
if (
    SECRET_KEY in _KNOWN_DEFAULT_KEYS
    or len(SECRET_KEY) < 32
    # Django's own check (security.W009): startproject's placeholder, or too few distinct characters.
    or SECRET_KEY.startswith("django-insecure-")
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 32 characters; "
        "production refuses a missing or default key."
    )

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default text-search configuration may be "simple" (no stemming).
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            **WAGTAILSEARCH_BACKENDS["default"],
            "SEARCH_CONFIG": os.environ.get("SEARCH_CONFIG", "english"),
        }
    }

if os.environ.get("SEARCH_BACKEND_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": [os.environ["SEARCH_BACKEND_URL"]],
            "INDEX": os.environ.get("SEARCH_INDEX", "cityportal"),
            # Text arrives already cut into words by jieba (Chinese) and separated by
            # spaces: keep those words whole, stem English. See docs/search.md.
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "tokenizer": {
                            "cityportal_words": {"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"},
                        },
                        "analyzer": {
                            "default": {
                                "type": "custom",
                                "tokenizer": "cityportal_words",
                                "filter": ["lowercase", "asciifolding", "porter_stem"],
                            },
                        },
                    },
                },
            },
        }
    }

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
SERVE_MEDIA_FILES = _env_bool("SERVE_MEDIA_FILES", True)
# Behind the shipped nginx configuration, 1: the visitor's address is the last entry of
# X-Forwarded-For, which nginx sets (core/ratelimit.py).
CITYPORTAL_TRUSTED_PROXIES = int(os.environ.get("CITYPORTAL_TRUSTED_PROXIES", "0"))

# HTTPS hardening is on unless the deployment says it serves plain HTTP (the embedded
# `make run` on 127.0.0.1 does).
_HTTPS = _env_bool("CITYPORTAL_HTTPS", True)
SECURE_SSL_REDIRECT = _HTTPS
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_HSTS_SECONDS = 31536000 if _HTTPS else 0
# A city's portal domain usually has subdomains that must be HTTPS too; a deployment
# whose subdomains are not all HTTPS yet sets these to 0 (check --deploy then says so).
SECURE_HSTS_INCLUDE_SUBDOMAINS = _HTTPS and _env_bool("CITYPORTAL_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _HTTPS and _env_bool("CITYPORTAL_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# SAMEORIGIN, not DENY: Wagtail's page preview shows the page in a frame of the admin.
# Other sites still cannot frame the portal (CSP frame-ancestors 'self' as well).
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]  # noqa: F405

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
