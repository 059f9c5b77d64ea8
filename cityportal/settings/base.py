"""Settings shared by every environment.

Environment-specific modules (dev, production, test) import everything from here and
override what differs. Anything a deployment must choose (database, secrets, hosts,
cache, search engine) is read from the environment in production.py.
"""

import os
from pathlib import Path

from cityportal.core.security import content_security_policy_directives

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Runtime data of the embedded default (database, uploads, collected static files).
VAR_DIR = Path(os.environ.get("CITYPORTAL_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "cityportal.core",
    "cityportal.news",
    "cityportal.home",
    "cityportal.search",
    "cityportal.services",
    "cityportal.documents",
    "cityportal.directory",
    "cityportal.investment",
    "cityportal.tourism",
    "cityportal.media",
    "cityportal.weather",
    "cityportal.faq",
    "cityportal.surveys",
    "cityportal.mailbox",
    "cityportal.publishing",
    "cityportal.backups",
    "cityportal.accounts",
    "cityportal.demo",
    "django_tasks",
    "django_tasks_db",
    "wagtailmedia",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # One read of the page tree's version per request, and the site from the per-process
    # cache it keys (core/middleware.py).
    "cityportal.core.middleware.TreeVersionMiddleware",
    # Content-Security-Policy (django-csp), with the admin's allowances (core/security.py).
    "cityportal.core.security.PortalCSPMiddleware",
    # Serves collected static files in the embedded default; harmless behind nginx/CDN.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A password alone does not open the admin (accounts/middleware.py, django-otp).
    "cityportal.accounts.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Answers a sign-in to a locked-out account (django-axes); last, as it asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cityportal.urls"
# A refused form (expired page, cookies blocked): a mailbox form is shown again with what
# was typed; any other refusal gets core.views.csrf_failure's explanation page.
CSRF_FAILURE_VIEW = "cityportal.mailbox.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cityportal.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "db.sqlite3",
        # WAL lets readers continue while a writer commits; the timeout rides out
        # short write bursts instead of failing with "database is locked".
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Staff accounts (docs/accounts.md). django-axes checks every sign-in before the
# password is: five failures in a row lock the account out, counted by username whatever
# the addresses they come from, so an attacker who rotates addresses gains nothing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("CITYPORTAL_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns that a lock-out without the address can be dodged by rotating user agents;
# failures are summed over every address and user agent of a username
# (accounts/tests/test_lockout.py shows it), so the warning does not apply.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Hours until a lock-out lifts by itself (0: only an administrator lifts it).
AXES_COOLOFF_TIME = float(os.environ.get("CITYPORTAL_LOCKOUT_HOURS", "1")) or None
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cityportal.accounts.lockout.locked_out_response"
AXES_CLIENT_IP_CALLABLE = "cityportal.core.ratelimit.client_address"
AXES_USERNAME_FORM_FIELD = "username"
# Every account that reaches the admin signs in with a second factor (TOTP from an
# authenticator app, or a single-use recovery code); one without a device sets one up
# first. The test settings turn it off for tests that are not about it.
CITYPORTAL_STAFF_TWO_FACTOR = True
# The name an authenticator app shows beside the code.
OTP_TOTP_ISSUER = os.environ.get("CITYPORTAL_TOTP_ISSUER", "cityportal")
# An admin session ends after this many minutes without a request.
CITYPORTAL_STAFF_IDLE_MINUTES = int(os.environ.get("CITYPORTAL_STAFF_IDLE_MINUTES", "30"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Staff of a government site: 12 characters at least.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the English edition and its Chinese source edition.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hans", "简体中文"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# The city's own clock: "Date Add in" and every deadline are shown in local time.
TIME_ZONE = os.environ.get("CITYPORTAL_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# When True, Django itself serves uploaded media (the embedded default). Behind nginx
# or a CDN, set it False and let the front server serve MEDIA_ROOT.
SERVE_MEDIA_FILES = True

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cityportal",
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "cityportal"
WAGTAILADMIN_BASE_URL = os.environ.get("CITYPORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "odp", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are checked by their bytes on upload and always served as downloads
# (docs/documents.md).
WAGTAILDOCS_DOCUMENT_MODEL = "documents.PortalDocument"
# Service guides whose "last reviewed" date is older than this appear in the
# "Guides due for review" report.
CITYPORTAL_GUIDE_REVIEW_MONTHS = 12
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No staff e-mail hashes sent to gravatar.com: the admin shows initials instead, and the
# staff interface's Content-Security-Policy loads images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The default timezone choice for staff follows the city's clock.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE, "UTC"]

# How many items a channel or AllDocsList shows per page.
CITYPORTAL_ITEMS_PER_PAGE = 20

# Video and audio (docs/media.md): only formats browsers play, checked by content.
WAGTAILMEDIA = {
    "MEDIA_FORM_BASE": "cityportal.media.uploads.MediaContentForm",
    "AUDIO_EXTENSIONS": ["aac", "flac", "m4a", "mp3", "oga", "ogg", "opus", "wav"],
    "VIDEO_EXTENSIONS": ["m4v", "mp4", "ogv", "webm"],
}
# Where "Show on a map" links of attractions and maps go ({lat}, {lon}, {zoom}).
CITYPORTAL_MAP_LINK = os.environ.get(
    "CITYPORTAL_MAP_LINK", "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"
)
# The interactive map on map pages: a tile server ({z}/{x}/{y}) and its credit line.
# An empty url switches the interactive map off; the map picture and its text remain.
CITYPORTAL_MAP_TILES = {
    # Off unless configured: loading tiles sends every visitor's address to the tile
    # server, which a government site must choose knowingly (or run its own).
    "url": os.environ.get("CITYPORTAL_MAP_TILES_URL", ""),
    "attribution": os.environ.get("CITYPORTAL_MAP_TILES_ATTRIBUTION", "© OpenStreetMap contributors"),
}

# The Content-Security-Policy of every answer (django-csp); published files and nginx
# send the same one (cityportal.core.security.public_page_headers).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": content_security_policy_directives(CITYPORTAL_MAP_TILES["url"])}
# Paths of the staff interface, which alone may run Wagtail's inline scripts.
CITYPORTAL_ADMIN_PATH_PREFIXES = ("/admin/",)
# The largest upload the staff interface takes through nginx (video for the media library).
CITYPORTAL_ADMIN_MAX_UPLOAD_BYTES = 512 * 1024 * 1024

# Weather widget (docs/weather.md): `manage.py fetch_weather` asks this service, from cron.
CITYPORTAL_WEATHER_PROVIDER = "cityportal.weather.providers.open_meteo.OpenMeteoProvider"
CITYPORTAL_WEATHER_BASE_URL = os.environ.get(
    "CITYPORTAL_WEATHER_BASE_URL", "https://api.open-meteo.com/v1/forecast"
)
CITYPORTAL_WEATHER_LOCATION_NAME = "Hengyang"
CITYPORTAL_WEATHER_LATITUDE = 26.89
CITYPORTAL_WEATHER_LONGITUDE = 112.57
CITYPORTAL_WEATHER_TIMEOUT = 10  # seconds for the whole request
CITYPORTAL_WEATHER_MAX_AGE = 3 * 60 * 60  # seconds; an older observation is not shown
CITYPORTAL_WEATHER_KEEP_DAYS = 30  # older observations are deleted (the newest is kept)
CITYPORTAL_WEATHER_JSON_MAX_AGE = 300  # seconds browsers and caches may keep weather.json

# Mailbox of Government (docs/mailbox.md).
# Letters one address may send per hour (raised by load tests through the environment).
CITYPORTAL_MAILBOX_LETTERS_PER_HOUR = int(os.environ.get("CITYPORTAL_MAILBOX_LETTERS_PER_HOUR", "5"))
# Wrong tracking number/query code pairs one address may try per hour.
CITYPORTAL_MAILBOX_TRACK_TRIES_PER_HOUR = 10
CITYPORTAL_MAILBOX_DEADLINE_WORKING_DAYS = 5  # when the routing table has no row for a type
CITYPORTAL_MAILBOX_DUE_SOON_WORKING_DAYS = 1  # "due soon" on the dashboard and in reminders
CITYPORTAL_MAILBOX_RETENTION_DAYS = 3 * 365  # personal data kept after a case is closed
CITYPORTAL_MAILBOX_MAX_ATTACHMENTS = 3
CITYPORTAL_MAILBOX_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# Attachments hold personal data: kept outside MEDIA_ROOT, which is served to anyone.
CITYPORTAL_MAILBOX_PRIVATE_ROOT = VAR_DIR / "private" / "mailbox"

# What `manage.py backup_site` keeps beside the database: every directory of uploaded
# files, by the name it has inside the archive (docs/deployment.md).
CITYPORTAL_BACKUP_DIRECTORIES = {"media": MEDIA_ROOT, "mailbox": CITYPORTAL_MAILBOX_PRIVATE_ROOT}

# Static publishing (docs/publishing.md): public pages rendered to files, served by
# WhiteNoise in the embedded default and by nginx in production.
CITYPORTAL_PUBLIC_DIR = Path(os.environ.get("CITYPORTAL_PUBLIC_DIR", VAR_DIR / "public"))
CITYPORTAL_QUARANTINE_DIR = VAR_DIR / "quarantine"  # foreign files the integrity check removed
CITYPORTAL_PUBLISH_ON_CHANGE = os.environ.get("CITYPORTAL_PUBLISH_ON_CHANGE", "1") == "1"
CITYPORTAL_SERVE_PUBLISHED_FILES = os.environ.get("CITYPORTAL_SERVE_PUBLISHED_FILES", "1") == "1"
CITYPORTAL_PUBLISHED_MAX_AGE = 60  # seconds browsers may reuse a published page unasked
CITYPORTAL_PUBLISH_PROCESSES = int(os.environ.get("CITYPORTAL_PUBLISH_PROCESSES", "2"))

# Background work (django-tasks). The embedded default runs a task at once, in the
# process that asked for it; CITYPORTAL_TASKS=database queues tasks in the database
# for `manage.py db_worker` (django-tasks-db).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.backend.DatabaseBackend"
            if os.environ.get("CITYPORTAL_TASKS") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
