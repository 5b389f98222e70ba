"""Security headers, the Content-Security-Policy per part of the site, the client's address behind a
proxy, login lockout (django-axes) glue and /.well-known/security.txt.

Public pages carry a strict policy with no inline code at all (so a page served from the page cache
replays a header that is still valid); the Wagtail admin, which needs inline scripts and styles,
gets its own, looser policy; documents are sandboxed.
"""

from datetime import UTC, timedelta
from urllib.parse import urlsplit

from axes.backends import AxesStandaloneBackend
from csp.constants import NONCE as NONCE_IF_USED
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

SELF = "'self'"
NONE = "'none'"


def media_origins():
    """Origins that serve uploaded media when it is not on this site (S3 or a CDN), from settings."""
    origins = []
    custom_domain = getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None)
    if custom_domain:
        origins.append(f"https://{custom_domain}")
    for url in (settings.MEDIA_URL, getattr(settings, "AWS_S3_ENDPOINT_URL", None)):
        parts = urlsplit(url or "")
        if parts.scheme in ("http", "https") and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    bucket = getattr(settings, "AWS_STORAGE_BUCKET_NAME", "")
    if bucket and not getattr(settings, "AWS_S3_ENDPOINT_URL", None) and not custom_domain:
        origins.append(f"https://{bucket}.s3.amazonaws.com")
    return list(dict.fromkeys(origins))


def public_policy():
    """The public pages' policy: nothing inline, nothing from elsewhere except uploaded media."""
    media = media_origins()
    return {
        "default-src": [SELF],
        # NONCE: only when a template used request.csp_nonce (none does today; a page that needs an
        # inline block must then stay out of the page cache, whose replayed header has no nonce).
        "script-src": [SELF, NONCE_IF_USED],
        "style-src": [SELF, NONCE_IF_USED],
        "img-src": [SELF, *media],
        "media-src": [SELF, *media],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],  # a video page adds its player's host on ?play=1 only
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": bool(getattr(settings, "SECURE_SSL_REDIRECT", False)),
    }


def admin_policy():
    """The Wagtail admin's policy: its scripts and styles are partly inline (Wagtail 7.4 still has
    inline style attributes and a few inline scripts), the page preview is an iframe of this site,
    and the rich text editor and image editor use data: and blob: URLs."""
    media = media_origins()
    return {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *media],
        "media-src": [SELF, "blob:", *media],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],  # the preview panel frames the admin's own preview view
    }


# A document is a file, never a page: it may run nothing, load nothing, and is sandboxed (a unique
# origin, no scripts, no forms) in case a browser renders it. PDFs keep the viewer: browsers refuse
# to show a PDF in a sandboxed document, so they only get default-src 'none'.
DOCUMENT_POLICY = "default-src 'none'; sandbox"
PDF_POLICY = "default-src 'none'; frame-ancestors 'none'"

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
)


def is_admin_path(path):
    return path.startswith(("/admin/", "/django-admin/"))


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy per part of the site, plus Permissions-Policy.

    - public pages: `public_policy()`, strict, no inline code; a view may add hosts through
      `response._csp_update` (the video page adds its player only when asked to play);
    - /admin/: `admin_policy()`;
    - documents served by the site: sandboxed (`DOCUMENT_POLICY`).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            parts.config = admin_policy() if is_admin_path(request.path_info) else public_policy()
            frame_src = getattr(request, "csp_frame_src", None)  # set by a view that embeds a player
            if frame_src:
                parts.config["frame-src"] = list(frame_src)
        return parts

    def process_response(self, request, response):
        if request.path_info.startswith("/documents/") and response.has_header("Content-Disposition"):
            pdf = response.get("Content-Type", "").startswith("application/pdf")
            response["Content-Security-Policy"] = PDF_POLICY if pdf else DOCUMENT_POLICY
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def client_ip(request):
    """The visitor's address. Behind PKOFFER_TRUSTED_PROXIES proxies (each adding the address it
    received from to X-Forwarded-For), the address the outermost trusted proxy saw; never a value
    the visitor could choose by sending their own X-Forwarded-For."""
    proxies = getattr(settings, "PKOFFER_TRUSTED_PROXIES", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return remote


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login made over HTTP (Wagtail's admin sign-in, the
    private page sign-in). A login without a request (the test client's `login()`, a management
    command) is not an HTTP attempt and is left to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the sign-in form once an account or address is locked."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"admin": is_admin_path(request.path_info)}
    if minutes % 60 == 0:
        context["hours"] = minutes // 60
    else:
        context["minutes"] = minutes
    return render(request, "security/locked_out.html", context, status=429)


@require_GET
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """RFC 9116 security.txt: who to tell about a vulnerability."""
    expires = (timezone.now() + timedelta(days=settings.PKOFFER_SECURITY_TXT_DAYS)).replace(microsecond=0)
    canonical = request.build_absolute_uri("/.well-known/security.txt")
    lines = [f"Contact: {contact}" for contact in settings.PKOFFER_SECURITY_CONTACTS]
    lines += [
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en, gd, pl",
        f"Canonical: {canonical}",
    ]
    if settings.PKOFFER_SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.PKOFFER_SECURITY_POLICY_URL}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
