"""Test profile: fast hasher, memory cache, media in a temporary folder, immediate tasks.

With DATABASE_URL, REDIS_URL and AWS_STORAGE_BUCKET_NAME set (`.ci/services run`, the second pass of
`make test`) the same suite runs on PostgreSQL, Redis and S3 instead: throwaway servers only, since
the tests empty the cache (FLUSHDB) and write to the bucket.
"""

import secrets
import tempfile

from .base import *  # noqa: F403
from .base import AWS_STORAGE_BUCKET_NAME, REDIS_URL, STORAGES, env

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105 - the test profile never serves real users
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="pkoffer-test-media-")
if AWS_STORAGE_BUCKET_NAME:
    # Each run in its own folder of the bucket.
    AWS_LOCATION = env.str("AWS_LOCATION", "") or f"test-run-{secrets.token_hex(4)}"
else:
    STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = tempfile.mkdtemp(prefix="pkoffer-test-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PKOFFER_MIN_FILL_SECONDS = 0  # tests that check the minimum fill time set it themselves
# The anonymous page cache is off in tests (they change content without publishing); its own tests
# (tests/test_page_cache.py) turn it on.
PKOFFER_PAGE_CACHE_SECONDS = 0
