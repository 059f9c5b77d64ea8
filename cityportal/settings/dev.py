"""Development settings: autoreload, debug pages, console email. Never for production."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Templates change under a developer's hands: serve every page from Django.
CITYPORTAL_SERVE_PUBLISHED_FILES = False
CITYPORTAL_PUBLISH_ON_CHANGE = False
