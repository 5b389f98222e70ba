"""Wagtail's routing with a per-process memory of which page answers which path.

Wagtail routes a request from the site's root page in the reader's language: the active Locale
(one query), the root's translation (two more for /gd/ and /pl/), then the page at the path
(``BasePage.route``: one query for the tree, one for the specific page). Paths change only when a
page is published, unpublished, moved, renamed or deleted, and every one of those replaces the page
cache's site-wide *generation* (home/page_cache.py) in the shared cache. So each process remembers,
for a generation, site, language and path, which page answered and how many of the path's parts
it took; the next request for that path loads that page alone (one query) and lets it route the
rest (a consultation's ``step/2/``). A new generation forgets everything, on every app server at
its next request, as the page cache does.

Only the path-to-page mapping is remembered, never a page: each request loads its page fresh, so
``live``, its content and its view restrictions are always the database's. Paths that find no
page are not remembered (random URLs cannot fill the memory), and the memory is bounded.
"""

import threading

from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from .page_cache import GENERATION_KEY, _current_generation

MAX_ROUTES = 5000
_routes = {}  # (generation, site id, language, path parts) -> (page id, page class, parts taken)
_lock = threading.Lock()


def generation(request):
    """The page cache's generation, as that middleware read it for this request if it did."""
    from django.core.cache import cache

    found = getattr(request, "_pkoffer_generation", None)
    return found or _current_generation(cache.get_many([GENERATION_KEY]))


def load(model, pk):
    related = getattr(model, "related_fields", None)
    queryset = model.objects.select_related(*related) if related else model.objects
    return queryset.get(pk=pk)


def route(request, path):
    """Wagtail's RouteResult for this request and path, or None (Wagtail then answers 404)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    parts = tuple(part for part in path.split("/") if part)
    key = (generation(request), site.pk, get_language(), parts)
    known = _routes.get(key)
    try:
        if known is not None:
            pk, model, taken = known
            try:
                return load(model, pk).route(request, list(parts[taken:]))
            except model.DoesNotExist:  # deleted in this generation's last moments: route afresh
                pass
        root = site.root_page.localized.specific
        result = root.route(request, list(parts))
    except Http404:
        return None
    page = result[0]
    if isinstance(page, Page) and page.depth >= root.depth:
        with _lock:
            if len(_routes) >= MAX_ROUTES:
                _routes.clear()
            _routes[key] = (page.pk, type(page), page.depth - root.depth)
    return result


def serve(request, path):
    """Wagtail's serve view, routed through the memory above."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route(request, path)
    return wagtail_views.serve(request, path)
