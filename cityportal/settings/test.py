"""Settings for the test suite: fast hashing, in-memory email, isolated files."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cityportal-test-media-"))
# Tests do not collect static files; an empty folder keeps WhiteNoise from warning.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="cityportal-test-static-"))
DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
DATABASES["default"]["TEST"] = {"NAME": None}  # noqa: F405
# Unit tests publish only where they say so, each to its own directory.
CITYPORTAL_PUBLIC_DIR = Path(tempfile.mkdtemp(prefix="cityportal-test-public-"))
CITYPORTAL_QUARANTINE_DIR = Path(tempfile.mkdtemp(prefix="cityportal-test-quarantine-"))
CITYPORTAL_PUBLISH_ON_CHANGE = False
CITYPORTAL_SERVE_PUBLISHED_FILES = False
# Most tests sign staff in with force_login; those about two-factor sign-in turn it on.
CITYPORTAL_STAFF_TWO_FACTOR = False
