"""Settings shared by every profile (dev, test, production).

Every deploy-specific value comes from an environment variable; README.md has the table.
The embedded default is one machine: SQLite, local media files and a local file cache.
Setting DATABASE_URL, REDIS_URL or AWS_STORAGE_BUCKET_NAME switches to the scaled set-up.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from environs import Env

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = BASE_DIR / "var"  # runtime data (database, media, cache); never committed

env = Env()
env.read_env(BASE_DIR / ".env", recurse=False)

DEBUG = False

INSTALLED_APPS = [
    "home",
    "stories",
    "consultations",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks_db",  # the production task queue (TASKS_BACKEND=database, `manage.py db_worker`)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "home.health.HealthCheckMiddleware",  # /healthz answers before host checks, redirects, sessions
    "home.logs.RequestLogMiddleware",  # request id and one log line per request
    "django.middleware.security.SecurityMiddleware",
    "home.security.SecurityHeadersMiddleware",  # Content-Security-Policy per part of the site
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.sites.CachedSiteMiddleware",  # Wagtail's Site without a query per request
    "home.page_cache.PageCacheMiddleware",  # anonymous pages from the shared cache (before sessions)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "consultations.csrf.FirstStepOriginMiddleware",  # a consultation's first step: same-origin check, no token
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "home.two_factor.RequireTwoFactorMiddleware",  # staff set up and use a TOTP code (PKOFFER_REQUIRE_2FA)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# --- Database -------------------------------------------------------------------------------
# Embedded default: SQLite in WAL mode. transaction_mode IMMEDIATE takes the write lock at the
# start of each transaction, so concurrent writers wait (busy_timeout) instead of failing with
# "database is locked" half-way through. No ATOMIC_REQUESTS: views open transactions themselves.
SQLITE_PATH = env.path("SQLITE_PATH", VAR_DIR / "db.sqlite3")
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;PRAGMA foreign_keys=ON;"
    ),
}
if env.str("DATABASE_URL", ""):
    # Connections kept for a minute and checked before reuse (a restarted PostgreSQL costs no error).
    DATABASES = {"default": env.dj_db_url("DATABASE_URL", conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            # Django's SQLite backend, the threads of a process taking the write lock in turn
            # (site/config/sqlite/base.py).
            "ENGINE": "config.sqlite",
            "NAME": SQLITE_PATH,
            "OPTIONS": SQLITE_OPTIONS,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pkoffer",
            # A Redis that stops answering fails a request in seconds instead of hanging the worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    # A file cache is shared by every worker process on the machine, so invalidation works
    # with several gunicorn workers (a per-process memory cache would go stale).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.path("CACHE_DIR", VAR_DIR / "cache"),
            "TIMEOUT": 300,
        }
    }

# Sessions: in the database, read through the shared cache when there is Redis (a session survives
# a Redis restart and every app server sees it); the database alone otherwise.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Background tasks -------------------------------------------------------------------------
# Django's tasks framework as Wagtail 7.4 uses it (django-tasks): "immediate" runs a task in the
# process that enqueues it (dev, tests); "database" stores it for `manage.py db_worker`
# (django-tasks-db), the production default. Tasks are enqueued with transaction.on_commit.
TASKS_BACKEND = env.str("TASKS_BACKEND", "immediate")
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be immediate or database, not {TASKS_BACKEND!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}

# Full-page cache for anonymous readers (home/page_cache.py), in the cache above: seconds a page is
# kept (0 turns it off), and the Cache-Control lifetimes sent with it to browsers (max-age) and to
# a CDN (s-maxage). All three are capped at the next moment a consultation opens or closes.
PKOFFER_PAGE_CACHE_SECONDS = env.int("PKOFFER_PAGE_CACHE_SECONDS", 300)
PKOFFER_BROWSER_SECONDS = env.int("PKOFFER_BROWSER_SECONDS", 60)
PKOFFER_CDN_SECONDS = env.int("PKOFFER_CDN_SECONDS", 300)

# A CDN in front of the site is purged by Wagtail (wagtail.contrib.frontend_cache) when pages are
# published or unpublished, and entirely when a snippet, setting or site changes. CloudFront:
# CLOUDFRONT_DISTRIBUTION_ID (credentials from the standard AWS_* variables or the instance role).
# Cloudflare: CLOUDFLARE_ZONE_ID with CLOUDFLARE_BEARER_TOKEN (or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY).
WAGTAILFRONTENDCACHE = {}
if env.str("CLOUDFRONT_DISTRIBUTION_ID", ""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
    }
if env.str("CLOUDFLARE_ZONE_ID", ""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
        **(
            {"BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN")}
            if env.str("CLOUDFLARE_BEARER_TOKEN", "")
            else {"EMAIL": env.str("CLOUDFLARE_EMAIL"), "API_KEY": env.str("CLOUDFLARE_API_KEY")}
        ),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.contrib.redirects"), "wagtail.contrib.frontend_cache")
# Each translation has its own address (/gd/…, /pl/…) and is purged as a page of its own.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# --- Passwords and accounts -----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in lockout (django-axes, database handler: shared by every app server). The 6th failed
# attempt in a row for one username, or from one address, is refused even with the right password,
# until AXES_COOLOFF_TIME has passed or an administrator runs `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "home.security.LockoutBackend",  # first: refuses a locked-out login before checking the password
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", 5)
AXES_LOCK_OUT_AT_FAILURE = True
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks: a guessed password, or a sprayed address
AXES_COOLOFF_TIME = timedelta(hours=env.float("AXES_COOLOFF_HOURS", 1))
AXES_RESET_ON_SUCCESS = True  # "in a row": a successful sign-in starts the count again
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "home.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "home.security.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
AXES_DISABLE_ACCESS_LOG = True  # no table of every sign-in with addresses; failures are kept until reset
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
# Proxies in front of the site that append the client's address to X-Forwarded-For (a load
# balancer: 1; a CDN then a load balancer: 2). 0 trusts no header and uses the connection's address.
PKOFFER_TRUSTED_PROXIES = env.int("PKOFFER_TRUSTED_PROXIES", 0)

# Two-factor authentication for everyone who can use the admin (TOTP, django-otp): on in
# production, off in development and tests unless PKOFFER_REQUIRE_2FA=true.
PKOFFER_REQUIRE_2FA = env.bool("PKOFFER_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", "Perth and Kinross Offer")

# --- Languages ------------------------------------------------------------------------------
# Languages are named in their own language, as residents look for them.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("gd", "Gàidhlig"),
    ("pl", "Polski"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files and media -----------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", VAR_DIR / "static")
STATIC_URL = env.str("STATIC_URL", "/static/")
MEDIA_ROOT = env.path("MEDIA_ROOT", VAR_DIR / "media")
MEDIA_URL = env.str("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# S3-compatible object storage only when its bucket is configured.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", None)
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", True)
    AWS_LOCATION = env.str("AWS_LOCATION", "")  # a folder (key prefix) in the bucket, e.g. per site

# --- Uploads --------------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = [
    *["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt", "rtf", "pptx", "odp"],
    *["mp4", "webm", "vtt", "mp3", "m4a", "ogg", "oga", "opus", "wav"],  # video, captions, podcasts
]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "bmp": "png", "gif": "png"}
# Documents: at most this size, and checked by content (home/uploads.py: a .pdf must be a PDF, no
# document may hold HTML, SVG or script); served as attachments (PDFs inline), sandboxed.
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("WAGTAILDOCS_MAX_UPLOAD_MB", 200) * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.uploads.DocumentForm"

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Perth and Kinross Offer"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no request leaves the site
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from a third party
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ADMIN_LANGUAGES = LANGUAGES
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # documents go through the site (privacy checks apply)
# Pages Wagtail renders itself for residents, in the site's design and languages (Wagtail ships no
# Gaelic catalogue): a private page's password form and sign-in, a private document's password form.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "private/password_required.html"  # noqa: S105 - a template name
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "private/document_password_required.html"  # noqa: S105
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "private/login.html"
WAGTAIL_PASSWORD_RESET_ENABLED = env.bool("WAGTAIL_PASSWORD_RESET_ENABLED", True)

# wagtail-localize. Machine translation is off: no text leaves the site. A council can turn on a
# provider with PKOFFER_MACHINE_TRANSLATOR=deepl (and DEEPL_AUTH_KEY) or =google (and
# GOOGLE_CLOUD_PROJECT, credentials from GOOGLE_APPLICATION_CREDENTIALS; needs the
# google-cloud-translate package); see docs/translation.md. Keys only ever come from the environment.
PKOFFER_MACHINE_TRANSLATOR = env.str("PKOFFER_MACHINE_TRANSLATOR", "").strip().lower()
if PKOFFER_MACHINE_TRANSLATOR == "deepl":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env.str("DEEPL_AUTH_KEY")},
    }
elif PKOFFER_MACHINE_TRANSLATOR == "google":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.google.GoogleCloudTranslator",
        "OPTIONS": {"PROJECT_ID": env.str("GOOGLE_CLOUD_PROJECT")},
    }
elif PKOFFER_MACHINE_TRANSLATOR:
    raise ImproperlyConfigured(
        f"PKOFFER_MACHINE_TRANSLATOR must be deepl, google or empty, not {PKOFFER_MACHINE_TRANSLATOR!r}"
    )
# A new translation starts as a draft in its language, published by the translator once translated
# (wagtail-localize's default would publish it at once, with the untranslated English text).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Security defaults (production tightens further) ----------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Content-Security-Policy: home/security.py builds one policy per part of the site (public pages,
# admin, documents) from these settings and MEDIA_URL / AWS_S3_CUSTOM_DOMAIN.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
# /.well-known/security.txt (RFC 9116)
PKOFFER_SECURITY_CONTACTS = env.list(
    "PKOFFER_SECURITY_CONTACT", ["mailto:security@pkc.gov.uk", "https://www.pkc.gov.uk/contact"]
)
PKOFFER_SECURITY_POLICY_URL = env.str("PKOFFER_SECURITY_POLICY_URL", "")
PKOFFER_SECURITY_TXT_DAYS = 180

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "pkoffer@example.org")

# Logs: JSON lines (LOG_FORMAT=json, the production default) or text; never IP or email addresses,
# query strings or form data (home/logs.py). Errors go to Sentry only if SENTRY_DSN is set.
LOG_FORMAT = env.str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "home.logs.JsonFormatter"},
        "text": {"()": "home.logs.TextFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.server": {"level": "WARNING"},  # runserver's own access log repeats pkoffer.request, with the query
        "axes": {"level": "WARNING"},  # axes logs usernames and addresses at INFO
    },
}
SENTRY_DSN = env.str("SENTRY_DSN", "")

FORMAT_MODULE_PATH = ["config.formats"]

# Consultations: spam protection without CAPTCHA (with a honeypot field in every step).
PKOFFER_MIN_FILL_SECONDS = env.int("PKOFFER_MIN_FILL_SECONDS", 5)
PKOFFER_RESPONSES_PER_10_MINUTES = env.int("PKOFFER_RESPONSES_PER_10_MINUTES", 10)
# "Save and come back later": days a saved draft can be restored with its code.
PKOFFER_DRAFT_DAYS = env.int("PKOFFER_DRAFT_DAYS", 28)
CSRF_FAILURE_VIEW = "home.views.csrf_failure"
