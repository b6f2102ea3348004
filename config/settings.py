"""The one settings module. Every value an operator may change is read from the
environment (or an optional ``.env`` file) with django-environ; the defaults
are safe for production, and ``make run`` / ``make test`` supply what a local
machine needs (a generated SECRET_KEY, the embedded PostgreSQL's DATABASE_URL).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from js_asset import static_lazy

from config import no_database

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / ".data")))

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production needs a long random SECRET_KEY in the "
            "environment; for a local server use `make run`, which generates one "
            "under .data/, or set DEBUG=1."
        )
    SECRET_KEY = "insecure-development-only-key-never-used-with-debug-off"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Stories of Hope"
ORGANIZATION_NAME = env.str("ORGANIZATION_NAME", default="Justice for All Mission")
# Where the header's "Give" button leads; unset, there is no Give button.
DONATE_URL = env.str("DONATE_URL", default="")
if DONATE_URL and not DONATE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("DONATE_URL must be a full https:// address.")
SITE_IS_HTTPS = urlsplit(SITE_URL).scheme == "https"

INSTALLED_APPS = [
    # Before the admin: its translation fields and admin classes (docs/languages.md).
    "modeltranslation",
    "config.apps.StoriesAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "simple_history",
    "django_prose_editor",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "config",
    "outbox",
    "edge",
    "formguard",
    "stories",
    "contact",
    "fundraising",
    "identity",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above everything a cached page does not need: a hit is answered here.
    "edge.headers.CacheHeadersMiddleware",
    "stories.caching.PageCacheMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "config.middleware.MethodNotAllowedPageMiddleware",
    "config.middleware.RejectNulBytesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The address decides the language (/fr/… French, the rest English): Django's
    # LocaleMiddleware without its Accept-Language guessing and Vary (README, Languages).
    "config.locale.UrlLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.timezones.StaffTimeZoneMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After authentication: only signed-in staff may send large (upload) bodies.
    "formguard.middleware.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
                "config.context_processors.languages",
                "identity.context_processors.identity",
            ],
        },
    },
]


# Database: any PostgreSQL 14+ from DATABASE_URL. Settings never start one:
# the embedded server belongs to the make targets (config/dev.py), which pass
# its URL on. Unset, every query (and gunicorn's start) is refused with a
# message naming DATABASE_URL, while collectstatic and check still run.
def database_config(environment: environ.Env) -> dict:
    if not environment.str("DATABASE_URL", default=""):
        return {"ENGINE": no_database.ENGINE}
    config = environment.db_url("DATABASE_URL")
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "Stories of Hope runs on PostgreSQL only; DATABASE_URL must be postgres://"
        )
    config.setdefault("CONN_MAX_AGE", environment.int("CONN_MAX_AGE", default=60))
    config["CONN_HEALTH_CHECKS"] = True
    config["TEST"] = {
        "NAME": environment.str("TEST_DATABASE_NAME", default=f"test_{config['NAME']}")
    }
    return config


DATABASES = {"default": database_config(env)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://stories-of-hope")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content in both languages (docs/languages.md): each translated field has
# <field>_en and <field>_fr columns; reading ``story.headline`` gives the
# active language's, or the other language's when it is empty. Whether a story
# exists in a language is read from its own columns (Story.has_language).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fr"), "fr": ("fr", "en")}
# The language switcher remembers a visitor's choice for a year (README, Languages).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = env.str("TIME_ZONE", default="America/Toronto")
USE_I18N = True
USE_TZ = True
# Dates and times in the admin name their zone (config/formats/en/formats.py);
# visitors' pages use the en-CA and fr-CA conventions kept beside them there
# and in config/formats/fr/formats.py ("April 20, 2020", "20 avril 2020",
# "1 000 $"; see docs/translation.md).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
# Where local media are served from, e.g. a CDN in front of MEDIA_ROOT; a
# bucket's storage builds its own addresses. Django needs the closing slash.
MEDIA_URL = env.str("MEDIA_URL", default="/media/").rstrip("/") + "/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads live under random names that are never reused: cacheable for a year.
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"
# Uploaded images are served by the app itself unless a bucket or the front
# web server does it (set SERVE_MEDIA=0 when nginx serves /media/).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not MEDIA_STORAGE)
if MEDIA_STORAGE:
    # An S3-compatible bucket for several app servers: django-storages' backend,
    # e.g. MEDIA_STORAGE=storages.backends.s3.S3Storage. It reads its keys from
    # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY itself; the rest only from settings.
    STORAGES["default"] = {"BACKEND": MEDIA_STORAGE}
    AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="") or None
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    # Story media are public (under random names): plain addresses that a cached
    # page or a shared og:image can keep, not signed ones that expire in an hour.
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=False)
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": MEDIA_CACHE_CONTROL}

# The story body editor's own extension: the "link to a story" button. The
# sanitiser is stories/sanitising.py, so no allowlist processor is needed here.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/story-link.js")],
        "extensions": {"StoryLink": lambda config, shared: None},
    }
]

# Public forms post a few KB; anything near a megabyte is abuse (413 page).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email
_email = env.email_url("EMAIL_URL", default="consolemail://")
# django-environ leaves ?tls=True / ?ssl=True / ?timeout=N in OPTIONS; Django wants settings.
_email_options = {k.lower(): v for k, v in _email.get("OPTIONS", {}).items()}
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", str(_email_options.get("tls")).lower() == "true")
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", str(_email_options.get("ssl")).lower() == "true")
EMAIL_TIMEOUT = int(_email_options.get("timeout", env.int("EMAIL_TIMEOUT", default=30)))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Stories of Hope <no-reply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MEDIA_TEAM_EMAIL = env.str("MEDIA_TEAM_EMAIL", default="")  # blank: the contact card's address
EVENTS_TEAM_EMAIL = env.str("EVENTS_TEAM_EMAIL", default="events@example.org")
ADMINS = [
    ("Site operators", a) for a in env.list("ADMIN_EMAILS", default=["webmaster@example.org"])
]
MANAGERS = ADMINS

# Background work through the Tasks API; TASKS_IMMEDIATE runs tasks inline (tests only).
TASKS_IMMEDIATE = env.bool("TASKS_IMMEDIATE", default=False)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TASKS_IMMEDIATE
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# Stories: "required" means an Editor submits and a Publisher publishes; "off"
# lets every Editor publish.
STORY_REVIEW = env.str("STORY_REVIEW", default="required")
if STORY_REVIEW not in ("required", "off"):
    raise ImproperlyConfigured("STORY_REVIEW must be “required” or “off”.")

# Public forms: rate limit, minimum fill time, proxies.
FORM_RATE_LIMIT = env.str("FORM_RATE_LIMIT", default="5/10m")
FORM_MIN_SECONDS = env.float("FORM_MIN_SECONDS", default=3.0)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"
# Staff sign in through the admin only; a missing or unsafe ?next= lands there
# (Django's default, /accounts/profile/, is a page this site doesn't have).
LOGIN_REDIRECT_URL = "admin:index"
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=730)
PRIVACY_EMAIL = env.str("PRIVACY_EMAIL", default="privacy@example.org")
STAFF_2FA = env.str("STAFF_2FA", default="optional")
if STAFF_2FA not in {"optional", "required"}:
    raise ImproperlyConfigured("STAFF_2FA must be 'optional' or 'required'")

SOCIAL_LINKS = [
    tuple(item.split("|", 1))
    for item in env.list(
        "SOCIAL_LINKS",
        default=[
            "Facebook|https://www.facebook.com/example.org",
            "Instagram|https://www.instagram.com/example.org",
            "YouTube|https://www.youtube.com/@example.org",
        ],
    )
]

# Login throttling (django-axes): 5 failures per username and client within
# 15 minutes lock that pair for 15 minutes. Clients are keyed by a hash, never a raw IP.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_CLIENT_IP_CALLABLE = "formguard.client.pseudonymous_address"
AXES_LOCKOUT_TEMPLATE = "axes_locked_out.html"

# Security
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("STAFF_SESSION_IDLE_SECONDS", default=60 * 60 * 8)
SESSION_SAVE_EVERY_REQUEST = True  # the age above is an idle timeout, not a fixed one
CSRF_TRUSTED_ORIGINS = [SITE_URL]
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if SITE_IS_HTTPS:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Only the privacy-enhanced video hosts may be framed, and only after a click.
VIDEO_FRAME_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": VIDEO_FRAME_HOSTS,
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if MEDIA_STORAGE or not MEDIA_URL.startswith("/"):  # media from a bucket or a CDN
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append("https:")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"].append("https:")

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Malformed requests (too many fields, bad hosts) are answered 400 and
        # logged here; emailing them to ADMINS would re-read the malformed
        # request while building the report and turn the 400 into a 500.
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The worker logs every task; keep that at warnings unless asked.
        "django_tasks": {"level": env.str("TASKS_LOG_LEVEL", default="WARNING")},
        "django_tasks_db": {"level": env.str("TASKS_LOG_LEVEL", default="WARNING")},
    },
}
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.reporting.PrivacyExceptionReporterFilter"
AXES_VERBOSE = False

# outbox: email delivery timing. Tests shrink these; production keeps the defaults.
# OUTBOX_RETRY_SCALE multiplies every retry delay and the 24-hour give-up age.
OUTBOX_RETRY_SCALE = env.float("OUTBOX_RETRY_SCALE", default=1.0)
# A message left in "sending" this long belongs to a dead worker; keep it well above EMAIL_TIMEOUT.
OUTBOX_SENDING_TIMEOUT = env.float("OUTBOX_SENDING_TIMEOUT", default=120.0)
OUTBOX_SWEEP_INTERVAL = env.float("OUTBOX_SWEEP_INTERVAL", default=60.0)

# edge: the cache in front of the app (Varnish, a CDN), purged on every change.
# varnish://host:port, fastly://API_TOKEN@SERVICE_ID, or http(s)://host:port for URL PURGE.
EDGE_CACHE_URL = env.str("EDGE_CACHE_URL", default="")
EDGE_FASTLY_API_URL = env.str("EDGE_FASTLY_API_URL", default="https://api.fastly.com")
EDGE_PURGE_RETRY_SCALE = env.float("EDGE_PURGE_RETRY_SCALE", default=1.0)
