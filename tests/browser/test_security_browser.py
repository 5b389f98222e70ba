"""In Chromium: the Content-Security-Policy blocks nothing the site needs (public pages, the video
player after Play, the Wagtail admin's editor), and the two-factor set-up works in the admin."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page

from consultations.models import ConsultationPage
from stories.models import StoryIndexPage, VideoPage
from tests.factories import VideoPageFactory

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"  # noqa: S105 - a test account


def watch_violations(page):
    """Every CSP violation the page reports: console messages and securitypolicyviolation events."""
    found = []
    page.on("console", lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) =>"
        " console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return found


def sign_in(page, base, username="editor"):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_public_pages_run_under_the_strict_policy_without_violations(demo_site, browser):
    base = demo_site.url
    consultation = ConsultationPage.objects.live().filter(locale__language_code="en").first()
    video = VideoPage.objects.live().filter(locale__language_code="en").first()
    urls = ["/", "/pl/", "/search/?q=offer", "/news-and-stories/", consultation.url, f"{consultation.url}step/1/"]
    if video is not None:
        urls.append(video.url)
    context = browser.new_context()
    page = context.new_page()
    violations = watch_violations(page)
    for url in urls:
        response = page.goto(base + url)
        assert response.ok, url
        assert "'unsafe-inline'" not in response.headers["content-security-policy"], url
        page.wait_for_load_state("networkidle")
    assert violations == []
    context.close()


def test_video_player_is_framed_only_after_play(demo_site, browser):
    index = StoryIndexPage.objects.get(locale__language_code="en")
    video = VideoPageFactory(parent=index, slug="offer-on-youtube")
    context = browser.new_context()
    # No request may reach the video host here: answer it locally, so that only CSP decides.
    context.route("https://**/*", lambda route: route.fulfill(status=200, body="<p>player</p>"))
    page = context.new_page()
    violations = watch_violations(page)
    page.goto(demo_site.url + video.url + "?play=1")
    page.wait_for_load_state("networkidle")
    assert violations == []
    assert page.frame_locator("iframe").locator("p").text_content() == "player"
    context.close()


def test_the_admin_works_under_its_own_policy(demo_site, browser, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    home = Page.objects.get(depth=2, locale__language_code="en")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = watch_violations(page)
    sign_in(page, demo_site.url)
    page.wait_for_url("**/admin/")
    for url in (
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/users/",
    ):
        response = page.goto(demo_site.url + url)
        assert response.ok, url
        page.wait_for_load_state("networkidle")
    # The editor's scripts ran: Wagtail's Stimulus application started and the StreamField editor,
    # which only JavaScript draws, is there.
    page.goto(f"{demo_site.url}/admin/pages/{home.pk}/edit/")
    page.wait_for_function("() => window.wagtail && window.wagtail.app", timeout=15000)
    page.wait_for_selector("[data-streamfield-stream-container]", state="attached", timeout=15000)
    # A signed-in editor reading the site gets Wagtail's user bar under the public policy.
    page.goto(demo_site.url + "/")
    page.wait_for_selector("wagtail-userbar", state="attached")
    page.wait_for_load_state("networkidle")
    assert violations == []
    context.close()


def test_two_factor_set_up_in_the_admin(demo_site, browser, django_user_model, settings):
    settings.PKOFFER_REQUIRE_2FA = True
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = watch_violations(page)
    sign_in(page, demo_site.url)
    page.wait_for_url("**/admin/two-factor/setup/**")
    assert page.locator("h1").text_content().strip() == "Set up two-factor authentication"
    qr = page.locator(".pk-two-factor-qr svg")
    assert qr.is_visible()
    assert qr.bounding_box()["width"] >= 100  # big enough to scan
    # Wagtail's own sign-in page styles apply (the admin's stylesheet loaded under its policy).
    assert page.evaluate("getComputedStyle(document.querySelector('button.button')).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "rgb(239, 239, 239)",
    )
    device = TOTPDevice.objects.get(user=user)
    page.fill("input[name=otp_token]", f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=6):06d}")
    page.get_by_role("button", name="Finish setting up").click()
    page.wait_for_url("**/admin/")
    assert page.locator("h1").count() >= 1
    assert violations == []
    context.close()
