"""Request-forgery protection for a consultation's first step without a per-visitor token.

A consultation's first step is embedded in public pages (home, vision, stories) that the page cache
and a CDN serve to everybody, so its form cannot carry Django's CSRF token (a token is tied to one
visitor's cookie). Its POST (the URL ending in ``/step/1/``) is checked instead on where it comes
from, as browsers report it and a page on another site cannot change:

1. ``Origin`` (sent by every current browser with a form POST): must be this site's own origin
   (scheme and host of the request) or one of ``CSRF_TRUSTED_ORIGINS``;
2. without ``Origin``, ``Sec-Fetch-Site`` must be ``same-origin`` (or ``none``: typed by the user);
3. without either, ``Referer`` must be a page of this site.

Anything else (another site's origin, ``Origin: null``, no header at all) gets the friendly "Your
form could not be sent" page (``CSRF_FAILURE_VIEW``), and nothing is stored. Every later step,
check your answers and the "save and come back later" pages keep Django's token: they are private
pages of a resident with a session. The session cookie is ``SameSite=Lax`` as well.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.middleware.csrf import CsrfViewMiddleware, _get_failure_view

FIRST_STEP = re.compile(r"/step/1/$")
SAME_SITE_FETCHES = {"same-origin", "none"}


def is_first_step_post(request):
    return request.method == "POST" and FIRST_STEP.search(request.path_info) is not None


def origin_problem(request):
    """None when the request comes from this site, else why it is refused."""
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return "Host not allowed"
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        checker = CsrfViewMiddleware(lambda r: None)  # CSRF_TRUSTED_ORIGINS as Django reads them
        return None if checker._origin_verified(request) else f"Origin {origin} is not this site"
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return None if fetch_site in SAME_SITE_FETCHES else f"Sec-Fetch-Site is {fetch_site}"
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        referer_origin = f"{parts.scheme}://{parts.netloc}"
        if referer_origin == own or referer_origin in settings.CSRF_TRUSTED_ORIGINS:
            return None
        return "Referer is not this site"
    return "No Origin, Sec-Fetch-Site or Referer header"


class FirstStepOriginMiddleware:
    """Before CsrfViewMiddleware: a first-step POST from this site is accepted without a token
    (CsrfViewMiddleware then skips it); from anywhere else it is refused here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if not is_first_step_post(request) or getattr(request, "_dont_enforce_csrf_checks", False):
            return None
        problem = origin_problem(request)
        if problem is not None:
            return _get_failure_view()(request, reason=problem)
        request.csrf_processing_done = True
        return None
