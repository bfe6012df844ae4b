"""Settings, all from the environment (HANDOVER_*, DATABASE_URL).

The README lists every variable. Nothing here needs editing to deploy.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from whitenoise.compress import Compressor

from handover.lib.links import DEFAULT_BIND, origin

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DATA_DIR = Path(env("HANDOVER_DATA_DIR", "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    given = env("HANDOVER_SECRET_KEY")
    if given:
        return given
    path = DATA_DIR / "secret_key"
    if not path.exists():
        # Written once, readable by the owner only; O_EXCL keeps two first starts from racing.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("HANDOVER_DEBUG")
ALLOWED_HOSTS = env_list("HANDOVER_ALLOWED_HOSTS", "127.0.0.1,localhost")
# The address `handover serve` binds by default, and the origin of every link sent by mail:
# HANDOVER_BASE_URL, or http:// and the bound address (core/links.py builds the links).
BIND = env("HANDOVER_BIND", DEFAULT_BIND)
BASE_URL = origin(env("HANDOVER_BASE_URL"), BIND)
CSRF_TRUSTED_ORIGINS = env_list("HANDOVER_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "ninja",
    "handover.core",
    "handover.clients",
    "handover.duties",
    "handover.interactions",
    "handover.health",
    "handover.offboarding",
    "handover.files",
    "handover.letters",
    "handover.departures",
    "handover.portal",
    "handover.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "handover.core.pagecache.PageGenerationMiddleware",
    "handover.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "handover.urls"
WSGI_APPLICATION = "handover.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

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
                "handover.core.context.navigation",
                "handover.core.pagecache.csrf_placeholder",
            ],
        },
    },
]

# Database: SQLite in the data directory unless DATABASE_URL says otherwise.
_database_url = env("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "handover.sqlite3",
            # Keep connections: opening one runs the PRAGMAs below on every request otherwise.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                    # 32 MB of page cache (the default is 2 MB): large recomputes and
                    # imports touch index pages all over the file.
                    "PRAGMA cache_size=-32768;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered pages per reader (core/pagecache.py): local memory in each process is enough,
# since entries are keyed by the workspace's data version read from the database.
PAGE_CACHE = env_bool("HANDOVER_PAGE_CACHE", True)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "default"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": env_int("HANDOVER_PAGE_CACHE_SECONDS", 60),
        "OPTIONS": {"MAX_ENTRIES": env_int("HANDOVER_PAGE_CACHE_ENTRIES", 500)},
    },
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "handover.core.auth.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout after repeated failed sign-ins: per account for known accounts; per address only
# for failures on accounts that do not exist, so that people behind one proxy never lock each
# other out (core/lockout.py).
LOCKOUT_FAILURES = env_int("HANDOVER_LOCKOUT_FAILURES", 10)
LOCKOUT_ADDRESS_FAILURES = env_int("HANDOVER_LOCKOUT_ADDRESS_FAILURES", 50)
AXES_FAILURE_LIMIT = "handover.core.lockout.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("HANDOVER_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = "handover.core.lockout.lockout_parameters"
AXES_USERNAME_CALLABLE = "handover.core.lockout.client_username"
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_HTTP_RESPONSE_CODE = 429

# Languages: all five are first-class.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("it", "Italiano"),
    ("pl", "Polski"),
    ("ca", "Català"),
    ("nb", "Norsk bokmål"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("HANDOVER_TIME_ZONE", "UTC")
LANGUAGE_COOKIE_NAME = "handover_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static and stored files.
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "files"
MEDIA_URL = "/files/"
WHITENOISE_USE_FINDERS = DEBUG
# Source maps of the API explorer's bundles are several MB each and no reader needs them
# compressed; compressing them was most of collectstatic's time at each start.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

_s3_bucket = env("HANDOVER_S3_BUCKET")
if _s3_bucket:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": env("HANDOVER_S3_ENDPOINT_URL") or None,
            "region_name": env("HANDOVER_S3_REGION") or None,
            "access_key": env("HANDOVER_S3_ACCESS_KEY") or None,
            "secret_key": env("HANDOVER_S3_SECRET_KEY") or None,
            "location": env("HANDOVER_S3_PREFIX", "handover"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Background tasks: the database queue, worked by `handover serve` (or `handover worker`).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env("HANDOVER_TASKS") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# Mail: SMTP when a host is given, otherwise one file per message in the data directory.
DEFAULT_FROM_EMAIL = env("HANDOVER_FROM_EMAIL", "Handover <handover@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("HANDOVER_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("HANDOVER_SMTP_HOST")
    EMAIL_PORT = env_int("HANDOVER_SMTP_PORT", 587)
    EMAIL_HOST_USER = env("HANDOVER_SMTP_USER")
    EMAIL_HOST_PASSWORD = env("HANDOVER_SMTP_PASSWORD")
    EMAIL_USE_TLS = env_bool("HANDOVER_SMTP_STARTTLS", True)
    EMAIL_USE_SSL = env_bool("HANDOVER_SMTP_SSL")
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "handover.core.mailfiles.EmlFileBackend"  # one .eml file per message
    EMAIL_FILE_PATH = DATA_DIR / "mail"
OUTBOX_MAX_ATTEMPTS = env_int("HANDOVER_OUTBOX_ATTEMPTS", 5)

INVITATION_DAYS = env_int("HANDOVER_INVITATION_DAYS", 7)
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Security. HANDOVER_HTTPS=1 is the production switch (see README).
HTTPS = env_bool("HANDOVER_HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("HANDOVER_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("HANDOVER_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HANDOVER_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HANDOVER_HSTS_PRELOAD", True)
    if env_bool("HANDOVER_BEHIND_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS: list[str] = []

# Content-Security-Policy (django-csp): everything from this server, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Server folders a workspace may audit from the browser or the API: only below these roots
# (comma-separated), and only those a superuser or `handover file_roots` granted to the
# workspace. Empty by default. The command line, run by whoever holds the shell, is not bound.
FILE_ROOTS = [Path(item).resolve() for item in env_list("HANDOVER_FILE_ROOTS")]

# Days a file waits in the trash before `handover purge` deletes it for good.
TRASH_DAYS = env_int("HANDOVER_TRASH_DAYS", 14)

# Anyone signed in may create a workspace from the web only when this is on; otherwise
# superusers and `handover create_workspace` create them and people join by invitation.
SIGNUP_WORKSPACES = env_bool("HANDOVER_SIGNUP_WORKSPACES")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("HANDOVER_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Mail import: IMAP servers on loopback, link-local or private addresses are refused
# unless the instance allows them; an extra CA file for self-signed servers.
IMAP_ALLOW_PRIVATE = env_bool("HANDOVER_IMAP_ALLOW_PRIVATE")
IMAP_CA_FILE = env("HANDOVER_IMAP_CA_FILE")
