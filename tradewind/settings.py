"""Tradewind settings: every knob comes from a TRADEWIND_* environment variable.

The variables are documented in `.env.example`. Three environments:
- development (default): embedded SQLite under the data directory, console e-mail, debug pages;
- test: the same, with faster password hashing;
- production: refuses to start without a secret key and allowed hosts, and enables every
  `check --deploy` hardening.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tradewind.core.env import env_bool, env_choice, env_int, env_list, env_str
from tradewind.files.backends import storage_backend
from tradewind.serving.plan import cpu_count, pool_options, serving_plan

PACKAGE_DIR = Path(__file__).resolve().parent

ENV = env_choice("ENV", "development", {"development", "test", "production"})
PRODUCTION = ENV == "production"

DATA_DIR = Path(env_str("DATA_DIR", "var")).expanduser().resolve()
# Parallel test processes (pytest-xdist sets PYTEST_XDIST_WORKER) each get their own data directory, queue,
# channel-layer and cache prefix: one process's worker, uploads and realtime groups never reach another's.
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "") if ENV == "test" else ""
if TEST_WORKER:
    DATA_DIR = DATA_DIR / TEST_WORKER

# --- secrets and hosts ------------------------------------------------------------------------------
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "TRADEWIND_SECRET_KEY (or TRADEWIND_SECRET_KEY_FILE) is required when TRADEWIND_ENV=production."
        )
    # Development only: a fixed, obviously-unsafe key so sessions survive restarts.
    SECRET_KEY = "dev-insecure-tradewind-key-do-not-use-in-production-0123456789"  # noqa: S105
elif PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("TRADEWIND_SECRET_KEY must be at least 50 random characters in production.")
# Keys that seal stored secrets (core/sealed.py): Fernet keys, the first seals, all open.
SEALING_KEYS = env_list("SEALING_KEYS")
for _key in SEALING_KEYS:
    try:
        _valid = len(base64.urlsafe_b64decode(_key.encode())) == 32
    except ValueError:
        _valid = False
    if not _valid:
        raise ImproperlyConfigured("TRADEWIND_SEALING_KEYS: each key is a Fernet key (44 base64 characters).")

DEBUG = env_bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("TRADEWIND_DEBUG must be off when TRADEWIND_ENV=production.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("TRADEWIND_ALLOWED_HOSTS is required when TRADEWIND_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Public base URL used in e-mailed links (invitations, password reset).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- applications -----------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "huey.contrib.djhuey",
    "ninja",
    "tradewind.core",
    "tradewind.accounts",
    "tradewind.workspaces",
    "tradewind.health",
    "tradewind.files",
    "tradewind.activity",
    "tradewind.notifications",
    "tradewind.tasks",
    "tradewind.crm",
    "tradewind.crm.imports",
    "tradewind.catalog",
    "tradewind.trade.inquiries",
    "tradewind.fx",
    "tradewind.trade",
    "tradewind.trade.workflow",
    "tradewind.trade.production",
    "tradewind.trade.shipping",
    "tradewind.trade.shipdocs",
    "tradewind.trade.receivables",
    "tradewind.trade.aftersales",
    "tradewind.chat",
    "tradewind.library",
    "tradewind.mail",
    "tradewind.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tradewind.accounts.middleware.UserPreferencesMiddleware",
    # After the language is known, before anything reads the body: too big an upload is a 413 unread.
    "tradewind.files.uploads.UploadLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "tradewind.urls"
FORM_RENDERER = "tradewind.core.form_renderer.FormRenderer"
WSGI_APPLICATION = "tradewind.wsgi.application"
ASGI_APPLICATION = "tradewind.asgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tradewind.workspaces.context_processors.shell",
            ],
        },
    }
]

# --- database ---------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'tradewind.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    import sqlite3

    # UPDATE … RETURNING (chat numbering) is 3.35's; the search index's FTS5 trigram tokenizer 3.34's.
    if sqlite3.sqlite_version_info < (3, 35):
        raise ImproperlyConfigured(
            f"Tradewind needs SQLite 3.35 or later; this Python uses SQLite {sqlite3.sqlite_version}. "
            "Use a newer Python build, or PostgreSQL (TRADEWIND_DATABASE_URL)."
        )
    # WAL lets the web process read while the worker writes; IMMEDIATE transactions take the write
    # lock up front so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory, so a worker or server started by a test as a separate process sees the data.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- serving: web processes, request threads, database connections (docs/serving.md) ----------------
# `tradewind serve` runs WEB_WORKERS web processes with WEB_THREADS request threads each, and at most
# WEB_QUEUE requests waiting per process (WEB_QUEUE_TIMEOUT seconds at most) before it answers 503. On
# PostgreSQL each process has a connection pool; DB_MAX_CONNECTIONS bounds web processes and worker
# together, and lowers the threads when it must (tradewind/serving/plan.py). PROCESS is set by the CLI.
PROCESS = env_choice("PROCESS", "web", {"web", "worker"})
WORKER_THREADS = env_int("WORKER_THREADS", 2, minimum=1)
_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Off in tests by default: pytest-django's database handling is tested without it (the serving tests
# switch it on for the processes they start).
DB_POOL = _POSTGRES and env_bool("DB_POOL", default=ENV != "test")
SERVING = serving_plan(
    web_workers=env_int("WEB_WORKERS", cpu_count(), minimum=1),
    # Two: one thread computes while the other waits for the database. More threads in one process took
    # turns on the GIL and lost a quarter of the throughput (bench/bench_load.py; docs/serving.md).
    threads=env_int("WEB_THREADS", 2, minimum=1),
    # Room for a burst: a process's event loop accepts up to a hundred waiting connections at once, so
    # 400 users once put more than 256 requests in one queue while the other process had few.
    queue=env_int("WEB_QUEUE", 1024, minimum=0),
    # Under common proxies' 60 s: a page after 20 s is still better than an error that invites a retry.
    queue_timeout=env_int("WEB_QUEUE_TIMEOUT", 30, minimum=1),
    worker_threads=WORKER_THREADS,
    pooled=DB_POOL,
    db_max_connections=env_int("DB_MAX_CONNECTIONS", 60, minimum=2),
)
if DB_POOL:
    if DATABASES["default"]["CONN_MAX_AGE"]:
        raise ImproperlyConfigured(
            "TRADEWIND_DB_CONN_MAX_AGE must be 0 with the connection pool (TRADEWIND_DB_POOL, on by default "
            "on PostgreSQL): the pool keeps the connections open. Remove it, or set TRADEWIND_DB_POOL=false."
        )
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = pool_options(SERVING, process=PROCESS)
if _POSTGRES:
    # pg_stat_activity then tells web processes, the worker and anything else apart.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("application_name", f"tradewind-{PROCESS}")

# --- redis: channel layer, cache, queue -------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # No read timeout: a consumer waits in BZPOPMIN up to 5 s, and redis-py 8's default 5 s
            # socket_timeout raised inside receive() and closed idle websockets (bench/README.md, chat).
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": None}],
                "prefix": f"asgi{TEST_WORKER}",
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": TEST_WORKER,
        }
    }
else:
    # `tradewind serve` sets REALTIME_RELAY for its processes: events then reach the websockets of every
    # web process, and the worker's pushes reach them too (tradewind/serving/relay.py).
    REALTIME_RELAY = env_str("REALTIME_RELAY")
    if REALTIME_RELAY:
        CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "tradewind.serving.layer.RelayChannelLayer",
                "CONFIG": {"relay": REALTIME_RELAY},
            }
        }
    else:
        CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", default=False)  # explicit: djhuey would follow DEBUG
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": f"tradewind{TEST_WORKER}",
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "tradewind",
        "filename": str(DATA_DIR / "queue.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
    }
HUEY["consumer"] = {"workers": WORKER_THREADS, "worker_type": "thread"}
if not REDIS_URL:
    # The SQLite queue is polled (Redis blocks until a job comes): at most a second between looks, so a
    # chat mention rings the bell within a second, not after huey's default backoff of up to 10 s.
    HUEY["consumer"]["max_delay"] = 1.0
WORKER_HEARTBEAT_MAX_AGE = env_int("WORKER_HEARTBEAT_MAX_AGE", 180, minimum=30)
# Seconds a worker owns a claimed outbox row; a worker that died is taken over after this.
DELIVERY_LEASE_SECONDS = env_int("DELIVERY_LEASE_SECONDS", 120, minimum=1)

# --- authentication ---------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = ["tradewind.accounts.backends.EmailBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id with OWASP's parameters first (tradewind/accounts/hashers.py: ~20 ms of CPU instead of PBKDF2's
# 0.3 s); hashes made by the others still verify and are re-hashed with it at the next sign-in.
PASSWORD_HASHERS = [
    "tradewind.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SIGNIN_MAX_FAILURES_PER_ACCOUNT = env_int("SIGNIN_MAX_FAILURES_PER_ACCOUNT", 5, minimum=1)
SIGNIN_MAX_FAILURES_PER_IP = env_int("SIGNIN_MAX_FAILURES_PER_IP", 20, minimum=1)
SIGNIN_WINDOW_SECONDS = env_int("SIGNIN_WINDOW_SECONDS", 15 * 60, minimum=60)
# Anyone may create an account (and then a workspace). Off by default: people join by invitation;
# the very first account of an empty installation may always be created.
OPEN_SIGNUP = env_bool("OPEN_SIGNUP", default=False)
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14, minimum=1)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600, minimum=600)
# Reverse proxies that set X-Forwarded-For; 0 means use REMOTE_ADDR (never trust the header blindly).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600, minimum=300)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie; kept default
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", default=True)

# --- e-mail -----------------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
elif env_choice("EMAIL_CONSOLE", "summary", {"summary", "full"}) == "full":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    # One line a message (to, subject, size, first link): the pool job's batch must not flood the console.
    EMAIL_BACKEND = "tradewind.core.console_mail.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("EMAIL_FROM", "Tradewind <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- i18n / time ------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["tradewind.formats"]
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
if ENV == "test":
    # The test workspace's zone (tests/factories.py), so that "today" is one day in a test whether a
    # service reckons it from the request's zone, the workspace's or the default: from 16:00 UTC, UTC's
    # date is the day before Shanghai's, and tests written in UTC failed every evening.
    TIME_ZONE = "Asia/Shanghai"

# --- static and uploaded files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
# SqliteHuey opens its file and WhiteNoise scans STATIC_ROOT when they load: the folders must exist.
for _folder in (DATA_DIR, STATIC_ROOT, MEDIA_ROOT):
    _folder.mkdir(parents=True, exist_ok=True)
# Uploaded files: the data directory's disk, or an S3-compatible object store (files/backends.py).
STORAGE_KIND = env_choice("STORAGE", "local", {"local", "s3"})
if STORAGE_KIND == "s3" and not env_str("S3_BUCKET"):
    raise ImproperlyConfigured("TRADEWIND_STORAGE=s3 needs TRADEWIND_S3_BUCKET.")
STORAGES = {
    "default": storage_backend(
        kind=STORAGE_KIND,
        bucket=env_str("S3_BUCKET"),
        endpoint_url=env_str("S3_ENDPOINT_URL"),
        region=env_str("S3_REGION"),
        access_key=env_str("S3_ACCESS_KEY_ID"),
        secret_key=env_str("S3_SECRET_ACCESS_KEY"),
        prefix=env_str("S3_PREFIX"),
        addressing_style=env_str("S3_ADDRESSING_STYLE"),
        presign_seconds=env_int("S3_PRESIGN_SECONDS", 300, minimum=30),
    ),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve from the finders in development so `tradewind serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# A download at least this big goes from the object store to the browser by a presigned URL; smaller
# ones (thumbnails, a photo) pass through the app, where the browser may keep them a day.
STORAGE_REDIRECT_MIN_BYTES = env_int("S3_REDIRECT_MIN_KB", 1024, minimum=0) * 1024

# --- uploads ----------------------------------------------------------------------------------------
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 25, minimum=1) * 1024 * 1024
# E-mail written in Tradewind: the most its attachments may weigh (providers refuse ~25 MB and more).
MAIL_SEND_MAX_BYTES = env_int("MAIL_SEND_MAX_MB", 25, minimum=1) * 1024 * 1024
# The document library: the largest file (catalogs and scanned contracts run large).
LIBRARY_FILE_MAX_BYTES = env_int("LIBRARY_FILE_MAX_MB", 200, minimum=1) * 1024 * 1024
# Product photos: the largest file, and the most pixels an image may decode to (a thumbnail is made).
PRODUCT_PHOTO_MAX_BYTES = env_int("PRODUCT_PHOTO_MAX_MB", 15, minimum=1) * 1024 * 1024
PRODUCT_PHOTO_MAX_PIXELS = 50_000_000
# Extensions accepted for attachments: what a trade team sends (documents, sheets, images, archives).
ATTACHMENT_EXTENSIONS = env_list(
    "ATTACHMENT_EXTENSIONS",
    [
        *("pdf", "doc", "docx", "xls", "xlsx", "csv", "ppt", "pptx", "txt", "odt", "ods"),
        *("jpg", "jpeg", "png", "gif", "webp", "heic", "zip", "rar", "7z", "eml", "msg"),
    ],
)
# Customer imports (CSV/XLSX): largest file in MB. 50 MB is some 400,000 rows of an Alibaba.com export.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 50, minimum=1) * 1024 * 1024
# What an import file may hold, checked in the worker before it is read (an .xlsx is a ZIP: its unpacked
# size is checked before anything unpacks it). 100,000 rows of a typical export unpack to ~40 MB.
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_MB", 500, minimum=1) * 1024 * 1024
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 500_000, minimum=1)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 256, minimum=1)
IMPORT_MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- exchange rates -----------------------------------------------------------------------------------
# How many days before a document's date a rate may be and still be used for it (ECB publishes none on
# weekends and holidays; a company that fixes a rate each month sets 31).
FX_RATE_MAX_AGE_DAYS = env_int("FX_RATE_MAX_AGE_DAYS", 7, minimum=0)
# The largest ECB rates file (CSV, or the ZIP the ECB serves) in MB; the history since 1999 is ~2 MB.
FX_IMPORT_MAX_BYTES = env_int("FX_IMPORT_MAX_MB", 10, minimum=1) * 1024 * 1024

# --- sales documents --------------------------------------------------------------------------------
# What a container takes in practice (CBM usable with cartons, kg payload): a quotation's estimate of how
# many containers its goods fill. Inside volume is 33 / 67 / 76 m³; cartons never fill it.
CONTAINER_LOADS = {
    "20GP": (env_int("CONTAINER_20GP_CBM", 28, minimum=1), env_int("CONTAINER_20GP_KG", 21_000, minimum=1)),
    "40GP": (env_int("CONTAINER_40GP_CBM", 58, minimum=1), env_int("CONTAINER_40GP_KG", 26_000, minimum=1)),
    "40HQ": (env_int("CONTAINER_40HQ_CBM", 68, minimum=1), env_int("CONTAINER_40HQ_KG", 26_000, minimum=1)),
}

# --- inquiries ------------------------------------------------------------------------------------
# The public intake (a website's inquiry form): attempts allowed per client IP and per intake token
# within the window (seconds) before 429.
INQUIRY_INTAKE_MAX_PER_IP = env_int("INQUIRY_INTAKE_MAX_PER_IP", 10, minimum=1)
INQUIRY_INTAKE_MAX_PER_TOKEN = env_int("INQUIRY_INTAKE_MAX_PER_TOKEN", 200, minimum=1)
INQUIRY_INTAKE_WINDOW_SECONDS = env_int("INQUIRY_INTAKE_WINDOW_SECONDS", 3600, minimum=1)

# --- chat -------------------------------------------------------------------------------------------
# Messages a member may send per minute (a script or a stuck client is stopped with 429, a person never).
CHAT_SEND_PER_MINUTE = env_int("CHAT_SEND_PER_MINUTE", 60, minimum=1)

# --- API --------------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365, minimum=1)

# --- logging ----------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        # With a handler configured here, run_huey does not add its own (which would log twice).
        "huey": {
            "handlers": ["console"],
            "level": env_str("WORKER_LOG_LEVEL", "WARNING").upper(),
            "propagate": False,
        },
    },
}
CSRF_FAILURE_VIEW = "tradewind.core.views.csrf_failure"
