"""Local development: DEBUG on, a per-machine secret key, mails to the console."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = True


def _dev_secret_key():
    """A random key kept in var/ so sessions survive restarts; never committed."""
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", "") or _dev_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Wagtail logs every page action at INFO; in development that buries the demo command's progress.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
