"""Wagtail's Site for a request without a query on every request.

Wagtail looks the Site up by host and port on each request (one query, about a fifth of the CPU
of a consultation submit). Sites change rarely (Settings → Sites), so each process keeps what it
found for SITE_CACHE_SECONDS; saving or deleting a Site clears it at once in the process that did
it, and other processes (other app servers) see the change within SITE_CACHE_SECONDS.
"""

import copy
import threading
import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Site

SITE_CACHE_SECONDS = 60
_found = {}
_lock = threading.Lock()


def site_for(request):
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    now = time.monotonic()
    entry = _found.get(key)
    if entry is None or entry[0] < now:
        site = Site._find_for_request(request)
        with _lock:
            _found[key] = entry = (now + SITE_CACHE_SECONDS, site)
    # A copy per request: nothing one request sets on it is seen by another.
    return copy.copy(entry[1]) if entry[1] is not None else None


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
    with _lock:
        _found.clear()
