"""Production: fails fast without its secrets, hardened HTTPS headers, hashed static files."""

from django.core.exceptions import ImproperlyConfigured

from home.logs import init_error_reporting

from .base import *  # noqa: F403
from .base import _TASK_BACKENDS, STORAGES, env

DEBUG = False


def _required(name, cast=str):
    value = env.str(name, "").strip()
    if not value:
        # One line, naming the variable: this is what an operator sees when the server refuses to start.
        raise ImproperlyConfigured(f"Set the {name} environment variable: production refuses to start without it.")
    return cast(value)


SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = _required("ALLOWED_HOSTS", lambda v: [h.strip() for h in v.split(",") if h.strip()])

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000

# HTTPS: the site is served behind a TLS-terminating proxy or load balancer.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
LANGUAGE_COOKIE_SECURE = True

# Staff must use two-factor authentication; behind one proxy (the load balancer) by default.
PKOFFER_REQUIRE_2FA = env.bool("PKOFFER_REQUIRE_2FA", True)
PKOFFER_TRUSTED_PROXIES = env.int("PKOFFER_TRUSTED_PROXIES", 1)

# Logs as JSON lines unless LOG_FORMAT=text; errors to Sentry only when SENTRY_DSN is set.
LOGGING["handlers"]["console"]["formatter"] = env.str("LOG_FORMAT", "json")  # noqa: F405
init_error_reporting(env.str("SENTRY_DSN", ""), env.str("SENTRY_ENVIRONMENT", "production"))

# Background tasks (emails, image file deletion, cache purges, reference index) are stored in the
# database and run by `manage.py db_worker` (docs/deploy.md); TASKS_BACKEND=immediate runs them in
# the web process instead.
TASKS_BACKEND = env.str("TASKS_BACKEND", "database")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
