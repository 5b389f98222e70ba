"""Full-page cache for anonymous readers, shared by every app server through the default cache.

A reader without a session (no session or messages cookie, no Authorization header) asking for a
page with GET or HEAD is served the stored copy of the page when there is one. A response is stored
only when it is the same for everybody: status 200, no Set-Cookie, no ``private``/``no-store``/
``no-cache`` in its Cache-Control, no CSRF token used while rendering it, not a streaming response,
not the admin, documents, search results or anything marked with ``@no_page_cache``.

Keys are scheme + host + path + query string (the language is in the path: /gd/, /pl/). Every entry
carries the site-wide *generation* it was rendered under; publishing, unpublishing, moving or
deleting a page, saving or deleting a snippet, setting, site, locale, image, document, tag, view
restriction or redirect replaces the generation with a new random one, so every app server sharing
the cache sees the change on its next request. The generation and the entry are read with one
``get_many`` (one round trip to Redis).

Consultations open and close by date, not by publishing: an entry never outlives the next moment a
live consultation opens or closes (nor ``PKOFFER_PAGE_CACHE_SECONDS``).

Responses that may be stored get ``Cache-Control: public, max-age=PKOFFER_BROWSER_SECONDS,
s-maxage=PKOFFER_CDN_SECONDS`` (both capped the same way) and ``X-Cache: HIT`` or ``MISS``; other
responses without a Cache-Control of their own get ``private`` so a CDN never keeps them.
"""

import secrets
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control

GENERATION_KEY = "pkoffer:page-cache:generation"
NEXT_CHANGE_KEY = "pkoffer:page-cache:next-change:{}"
ENTRY_KEY = "pkoffer:page-cache:v1:{}"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/_util/", "/static/", "/media/", "/health")
EXCLUDED_URL_NAMES = {"search"}  # results carry the reader's own words; cheap enough without
CACHED_STATUSES = {200}
REFUSING_DIRECTIVES = ("private", "no-store", "no-cache")


def page_cache_seconds():
    return getattr(settings, "PKOFFER_PAGE_CACHE_SECONDS", 300)


def no_page_cache(view):
    """A view whose responses are never stored, even for anonymous readers."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response._pkoffer_no_page_cache = True
        return response

    return wrapped


# --- The generation ----------------------------------------------------------------------------


def new_generation():
    return secrets.token_hex(8)


def bump_generation(**kwargs):
    """Forget every stored page (on every app server sharing the cache): at once, and again after
    the commit, so that a page rendered from the old data in between is not kept either."""

    def bump():
        cache.set(GENERATION_KEY, new_generation(), None)

    bump()
    transaction.on_commit(bump)


def _current_generation(found):
    generation = found.get(GENERATION_KEY)
    if generation is None:  # first request, or evicted: nothing stored before can be trusted
        cache.add(GENERATION_KEY, new_generation(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def seconds_until_next_change(generation):
    """Seconds until the next live consultation opens or closes (None: none will), cached per
    generation so that it costs one query per publish, not per request."""
    key = NEXT_CHANGE_KEY.format(generation)
    moment = cache.get(key)
    if moment is None:
        from django.db.models import Min, Q
        from django.utils import timezone

        from consultations.models import ConsultationPage

        now = timezone.now()
        live = ConsultationPage.objects.live()
        found = live.filter(Q(opens_at__gt=now) | Q(closes_at__gt=now)).aggregate(
            opens=Min("opens_at", filter=Q(opens_at__gt=now)), closes=Min("closes_at", filter=Q(closes_at__gt=now))
        )
        moments = [m.timestamp() for m in found.values() if m is not None]
        moment = min(moments) if moments else 0.0  # 0: nothing will change by date
        cache.set(key, moment, max(1, min(300, int(moment - time.time()) if moment else 300)))
    if not moment:
        return None
    return max(0, int(moment - time.time()))


# --- The middleware ----------------------------------------------------------------------------


def is_candidate(request):
    """May this request be answered from (and its response go into) the shared page cache?"""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def is_storable(request, response):
    if response.status_code not in CACHED_STATUSES or response.streaming:
        return False
    if getattr(response, "_pkoffer_no_page_cache", False) or response.cookies or response.has_header("Set-Cookie"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a per-visitor CSRF token went into the page
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in REFUSING_DIRECTIVES):
        return False
    match = getattr(request, "resolver_match", None)
    return not (match and match.url_name in EXCLUDED_URL_NAMES)


def entry_key(request):
    return ENTRY_KEY.format(f"{request.scheme}://{request.get_host()}{request.get_full_path()}")


def public_headers(response, lifetime):
    browser = min(getattr(settings, "PKOFFER_BROWSER_SECONDS", 60), lifetime)
    cdn = min(getattr(settings, "PKOFFER_CDN_SECONDS", 300), lifetime)
    patch_cache_control(response, public=True, max_age=browser, s_maxage=cdn)


class PageCacheMiddleware:
    """Place it before SessionMiddleware (and before any middleware whose headers must match the
    stored HTML, such as a CSP nonce: those go after it, so their headers are stored with the page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_candidate(request):
            return self.mark_private(self.get_response(request))
        seconds = page_cache_seconds()
        key = entry_key(request)
        generation = None
        if seconds:
            found = cache.get_many([GENERATION_KEY, key])
            generation = request._pkoffer_generation = _current_generation(found)
            entry = found.get(key)
            if entry is not None and entry[0] == generation:
                response = entry[1]
                response["X-Cache"] = "HIT"
                return response
        response = self.get_response(request)
        if not is_storable(request, response):
            return self.mark_private(response)
        if generation is None:
            generation = _current_generation(cache.get_many([GENERATION_KEY]))
        until_change = seconds_until_next_change(generation)
        lifetime = seconds if until_change is None else min(seconds, until_change)
        cdn_lifetime = 10**9 if until_change is None else until_change
        public_headers(response, cdn_lifetime)
        if request.method == "GET" and lifetime > 0:
            response["X-Cache"] = "MISS"
            cache.set(key, (generation, response), lifetime)
        return response

    @staticmethod
    def mark_private(response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response


# --- Invalidation signals (connected in HomeConfig.ready) ---------------------------------------


def watched_models():
    """Everything a public page may show, apart from pages themselves."""
    from django.apps import apps
    from taggit.models import Tag
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Locale, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    models = {Site, Locale, PageViewRestriction, CollectionViewRestriction, Redirect, Tag}
    models.update({get_image_model(), get_document_model()})
    models.update(get_snippet_models())
    try:
        from wagtail.contrib.settings.registry import registry as settings_registry

        models.update(settings_registry)
    except (ImportError, LookupError):
        pass
    models.update(m for m in apps.get_models() if getattr(m, "_pkoffer_page_cache_watch", False))
    return models


def _on_model_change(sender, instance, **kwargs):
    from wagtail.models import Page

    if not _WATCHED:  # snippets are registered after this app's ready(): looked up on first use
        _WATCHED.update(watched_models())
    if isinstance(instance, Page) or sender in _WATCHED:
        bump_generation()


_WATCHED = set()


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    post_save.connect(_on_model_change, dispatch_uid="pkoffer-page-cache-save")
    post_delete.connect(_on_model_change, dispatch_uid="pkoffer-page-cache-delete")
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(bump_generation, dispatch_uid=f"pkoffer-page-cache-{id(signal)}")
    connect_frontend_cache_purges()


# --- CDN purges (wagtail.contrib.frontend_cache, when WAGTAILFRONTENDCACHE is configured) --------


def connect_frontend_cache_purges():
    """Wagtail purges a published or unpublished page's own URLs. A page's translations show its
    address in their language switcher and hreflang links, so they are purged with it; a snippet,
    setting or site change purges every live page (they show in every page's header or footer)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(purge_translations, dispatch_uid="pkoffer-purge-translations-published")
    page_unpublished.connect(purge_translations, dispatch_uid="pkoffer-purge-translations-unpublished")
    post_page_move.connect(purge_everything, dispatch_uid="pkoffer-purge-moved")
    post_save.connect(_purge_on_model_change, dispatch_uid="pkoffer-purge-save")
    post_delete.connect(_purge_on_model_change, dispatch_uid="pkoffer-purge-delete")


def purge_translations(instance, **kwargs):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(instance.get_translations().live().specific())
    transaction.on_commit(batch.purge)


def purge_everything(**kwargs):
    def purge():
        from wagtail.contrib.frontend_cache.utils import PurgeBatch
        from wagtail.models import Page

        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().filter(depth__gt=1).specific())
        batch.purge()

    transaction.on_commit(purge)


def shown_on_every_page():
    """Snippets (navigation and footer, settings, themes, places, people), settings and sites."""
    from wagtail.models import Site
    from wagtail.snippets.models import get_snippet_models

    models = {Site, *get_snippet_models()}
    try:
        from wagtail.contrib.settings.registry import registry as settings_registry

        models.update(settings_registry)
    except (ImportError, LookupError):
        pass
    return models


def _purge_on_model_change(sender, instance, **kwargs):
    if sender in shown_on_every_page():
        purge_everything()
