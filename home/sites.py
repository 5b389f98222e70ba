"""Wagtail's Site for a request without a query on every request.

Wagtail looks the Site up by host and port on each request (one query, about a fifth of the CPU
of a consultation submit). Sites change rarely (Settings → Sites), so each process keeps what it
found, for at most SITE_CACHE_SECONDS, together with a version read from the shared cache on every
request (one cache read instead of a query). Saving or deleting a Site changes the version, when
it commits, so every process of every app server looks the Sites up again on its next request.
"""

import copy
import secrets
import threading
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Site

SITE_CACHE_SECONDS = 60
VERSION_KEY = "pkoffer:sites-version"
_found = {}
_lock = threading.Lock()


def sites_version():
    """The Sites' version in the shared cache (a new one if the cache lost it)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), None)
        version = cache.get(VERSION_KEY)
    return version


def site_for(request):
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    now = time.monotonic()
    version = sites_version()
    entry = _found.get(key)
    if entry is None or entry[0] < now or entry[1] != version:
        site = Site._find_for_request(request)
        with _lock:
            _found[key] = entry = (now + SITE_CACHE_SECONDS, version, site)
    # A copy per request: nothing one request sets on it is seen by another.
    return copy.copy(entry[2]) if entry[2] is not None else None


class CachedSiteMiddleware:
    """Sets the request's Site (which Wagtail reads from request._wagtail_site) from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for(request)
        return self.get_response(request)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_sites(**kwargs):
    """A Site changed: this process forgets at once; every process once the change is committed
    (a process that looked the Sites up in between, still seeing the old ones, looks again)."""
    with _lock:
        _found.clear()
    cache.delete(VERSION_KEY)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete(VERSION_KEY))
