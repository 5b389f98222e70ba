"""Security headers a browser receives: the Content-Security-Policy of public pages, the admin and
documents; the other headers; cookies; security.txt; production's settings. (`check --deploy
--fail-level WARNING` with production settings: tests/test_settings.py.)"""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import override_settings

from tests.factories import DocumentFactory, StoryIndexPageFactory, VideoPageFactory
from tests.test_settings import PRODUCTION, run_manage


def policy(response):
    """The Content-Security-Policy header as {directive: [values]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions
    assert "interest-cohort" not in permissions  # not a feature any browser knows any more


@override_settings(AWS_STORAGE_BUCKET_NAME="", AWS_S3_ENDPOINT_URL=None)  # media on the site (the S3 run has them)
def test_public_page_has_a_strict_policy_and_every_header(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["frame-src"] == ["'none'"]
    assert csp["img-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"


@override_settings(
    MEDIA_URL="https://media.pkoffer.example.org/media/", AWS_STORAGE_BUCKET_NAME="", AWS_S3_ENDPOINT_URL=None
)
def test_media_on_another_origin_is_allowed_for_images_and_media_only(client, site_tree):
    csp = policy(client.get("/"))
    assert csp["img-src"] == ["'self'", "https://media.pkoffer.example.org"]
    assert csp["media-src"] == ["'self'", "https://media.pkoffer.example.org"]
    assert csp["script-src"] == ["'self'"]


@override_settings(AWS_STORAGE_BUCKET_NAME="pkoffer-media", AWS_S3_CUSTOM_DOMAIN="cdn.pkoffer.example.org")
def test_s3_custom_domain_is_allowed_for_images(client, site_tree):
    assert "https://cdn.pkoffer.example.org" in policy(client.get("/"))["img-src"]


def test_video_host_is_allowed_only_after_play(client, home):
    video = VideoPageFactory(parent=StoryIndexPageFactory(parent=home))
    before = client.get(video.url)
    assert policy(before)["frame-src"] == ["'none'"]
    played = client.get(video.url, {"play": "1"})
    assert played.status_code == 200
    assert policy(played)["frame-src"] == ["https://www.youtube-nocookie.com"]
    assert policy(played)["script-src"] == ["'self'"]


INLINE_EVENT = re.compile(r"^on[a-z]+$")


@pytest.mark.parametrize("path", ["/", "/about/", "/pl/", "/search/?q=offer", "/no-such-page/"])
def test_public_pages_have_no_inline_script_or_style(client, site_tree, path):
    """Nothing a strict policy would block: no inline <script>, <style>, style= or on…= handler."""
    html = BeautifulSoup(client.get(path).content, "html.parser")
    for script in html.find_all("script"):
        assert script.get("src") or script.get("type") == "application/json", str(script)[:200]
    assert html.find("style") is None
    for tag in html.find_all(True):
        assert "style" not in tag.attrs, str(tag)[:200]
        assert not [name for name in tag.attrs if INLINE_EVENT.match(name)], str(tag)[:200]


def test_story_pages_have_no_inline_script_or_style(client, home):
    video = VideoPageFactory(parent=StoryIndexPageFactory(parent=home))
    for url in (video.url, video.url + "?play=1", video.get_parent().url):
        html = BeautifulSoup(client.get(url).content, "html.parser")
        assert not html.select("script:not([src])")
        assert not html.select("[style]")


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "a long and unusual password")
    client.force_login(user)
    return client


def test_admin_has_its_own_documented_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]  # the preview panel frames the admin's preview
    assert csp["object-src"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert_common_headers(response)


def test_documents_are_sandboxed_and_never_sniffed(client, db):
    text = DocumentFactory(filename="notes.csv", content=b"a,b\n1,2\n")
    response = client.get(text.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    pdf = DocumentFactory(filename="report.pdf")
    response = client.get(pdf.url)
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


def test_cookies_are_httponly_and_samesite(client, home):
    response = client.get("/admin/login/")
    csrf = response.cookies["csrftoken"]
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"


def test_security_txt(client, db):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = {}
    for line in response.content.decode().splitlines():
        name, value = line.split(": ", 1)
        fields.setdefault(name, []).append(value)
    assert fields["Contact"][0].startswith("mailto:")
    assert fields["Preferred-Languages"] == ["en, gd, pl"]
    assert fields["Canonical"] == ["http://testserver/.well-known/security.txt"]
    expires = datetime.datetime.strptime(fields["Expires"][0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    now = datetime.datetime.now(datetime.UTC)
    assert now + datetime.timedelta(days=30) < expires < now + datetime.timedelta(days=365)  # RFC 9116: under a year


@override_settings(PKOFFER_SECURITY_CONTACTS=["mailto:infosec@pkc.example.org"])
def test_security_txt_contact_comes_from_settings(client, db):
    assert "Contact: mailto:infosec@pkc.example.org\n" in client.get("/.well-known/security.txt").content.decode()


def test_production_cookies_and_two_factor(tmp_path):
    env = {**PRODUCTION, "SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    code = (
        "from django.conf import settings as s\n"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.PKOFFER_REQUIRE_2FA, s.SECURE_HSTS_SECONDS,"
        " s.LOGGING['handlers']['console']['formatter'])\n"
    )
    result = run_manage("shell", "-c", code, env_overrides=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-9:] == ["True", "True", "True", "True", "True", "Lax", "True", "31536000", "json"]


def test_a_nonce_is_in_the_policy_only_when_a_template_used_it(rf):
    from django.http import HttpResponse

    from home.security import SecurityHeadersMiddleware

    def uses_nonce(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    response = SecurityHeadersMiddleware(uses_nonce)(rf.get("/"))
    nonce = response.content.decode().split('"')[1]
    assert policy(response)["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy(response)["style-src"] == ["'self'", f"'nonce-{nonce}'"]

    plain = SecurityHeadersMiddleware(lambda request: HttpResponse("<p>no inline code</p>"))(rf.get("/"))
    assert policy(plain)["script-src"] == ["'self'"]


def test_pages_from_the_page_cache_carry_the_same_headers(client, site_tree, settings):
    settings.PKOFFER_PAGE_CACHE_SECONDS = 300
    first = client.get("/about/")
    again = client.get("/about/")
    assert (first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert again[name] == first[name], name
    assert again["X-Request-ID"] != first["X-Request-ID"]  # each request its own id, cached or not
