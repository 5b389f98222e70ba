"""The anonymous page cache (home/page_cache.py): what is kept, for whom, and when it is forgotten."""

import datetime
import time

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from home.models import Navigation, SiteSettings
from tests.factories import StandardPageFactory
from tests.test_consultations import ConsultationIndexPageFactory, make_consultation


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PKOFFER_PAGE_CACHE_SECONDS = 300
    settings.PKOFFER_BROWSER_SECONDS = 60
    settings.PKOFFER_CDN_SECONDS = 300


def fetch(url, client=None, **headers):
    return (client or Client()).get(url, **headers)


def test_second_anonymous_visit_comes_from_the_cache_with_public_headers(site_tree):
    first = fetch("/about/")
    second = fetch("/about/")
    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second["X-Cache"]) == (200, "HIT")
    assert second.content == first.content and "About the Offer" in second.content.decode()
    for response in (first, second):
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60", "s-maxage=300"}
        assert not response.cookies and not response.has_header("Set-Cookie")


def test_each_language_and_query_string_is_its_own_entry(site_tree):
    english, polish = fetch("/about/"), fetch("/pl/o-ofercie/")
    assert polish["X-Cache"] == "MISS" and "O ofercie" in polish.content.decode()
    assert fetch("/pl/o-ofercie/").content == polish.content != english.content
    assert fetch("/about/?page=2")["X-Cache"] == "MISS"
    assert fetch("/about/", HTTP_HOST="other.example")["X-Cache"] == "MISS"


def test_publishing_a_change_shows_on_the_next_request(site_tree):
    about = site_tree["about"]
    fetch("/about/")
    about.title = "About the Perth and Kinross Offer"
    about.save_revision().publish()
    fresh = fetch("/about/")
    assert fresh["X-Cache"] == "MISS" and "About the Perth and Kinross Offer" in fresh.content.decode()


def test_a_draft_is_not_shown_but_publishing_a_translation_refreshes_its_source(site_tree, locales):
    about = site_tree["about"]
    fetch("/about/")
    about.title = "Draft title"
    about.save_revision()
    assert "Draft title" not in fetch("/about/").content.decode()
    # The Gaelic translation appears in the English page's language links once published.
    gaelic = about.copy_for_translation(locales["gd"])
    gaelic.title, gaelic.slug = "Mu dheidhinn", "mu-dheidhinn"
    gaelic.save_revision().publish()
    assert 'hreflang="gd"' in fetch("/about/").content.decode()


def test_unpublishing_moving_and_deleting_are_seen_at_once(site_tree):
    about, child = site_tree["about"], site_tree["child"]
    assert fetch("/about/five-key-areas/").status_code == 200
    child.move(site_tree["homes"]["en"], pos="last-child")
    moved = fetch("/about/five-key-areas/")  # Wagtail leaves a redirect to the new address
    assert (moved.status_code, moved["Location"]) == (301, "/five-key-areas/")
    assert fetch("/five-key-areas/").status_code == 200
    Page.objects.get(pk=child.pk).specific.unpublish()
    assert fetch("/five-key-areas/").status_code == 404
    fetch("/about/")
    Page.objects.get(pk=about.pk).delete()
    assert fetch("/about/").status_code == 404


def test_snippets_and_settings_changes_are_seen_at_once(site_tree):
    fetch("/about/")
    navigation = Navigation.objects.get()
    navigation.footer_text = "<p>Footer words changed today</p>"
    navigation.save()
    assert "Footer words changed today" in fetch("/about/").content.decode()
    settings_ = SiteSettings.objects.get()
    settings_.phase_message = "A brand new phase message"
    settings_.save()
    assert "A brand new phase message" in fetch("/about/").content.decode()


def test_a_page_made_private_is_not_served_from_the_cache(site_tree):
    assert "About the Offer" in fetch("/about/").content.decode()
    PageViewRestriction.objects.create(page=site_tree["about"], restriction_type="password", password="secret-words")
    response = fetch("/about/")
    assert response.get("X-Cache") != "HIT" and "password" in response.content.decode().lower()
    assert fetch("/about/").get("X-Cache") != "HIT"  # the password form carries a CSRF token: never kept


def test_logged_in_editors_and_residents_with_a_session_never_get_the_cached_copy(site_tree, django_user_model):
    fetch("/about/")
    assert fetch("/about/")["X-Cache"] == "HIT"
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("editor", "e@example.org", "pw-not-used-123"))
    seen = editor.get("/about/")
    assert "X-Cache" not in seen and "private" in seen["Cache-Control"]
    assert "wagtail-userbar" in seen.content.decode()  # the editor's own toolbar: rendered for them
    resident = Client()
    resident.cookies["sessionid"] = "anything"
    assert "X-Cache" not in resident.get("/about/")


def test_posts_search_admin_and_form_steps_are_never_kept(site_tree):
    hub = ConsultationIndexPageFactory(parent=site_tree["homes"]["en"])
    now = timezone.now()
    consultation = make_consultation(hub, now - datetime.timedelta(days=1), now + datetime.timedelta(days=9))
    seen = []
    for _ in range(2):
        seen.append(fetch(consultation.url)["X-Cache"])
        assert "X-Cache" not in Client().post("/about/")
        assert "X-Cache" not in fetch("/search/?q=offer")
        assert "X-Cache" not in fetch("/admin/login/")
        step = fetch(f"{consultation.url}step/1/")
        assert "X-Cache" not in step and "no-store" in step["Cache-Control"]
    assert seen == ["MISS", "HIT"]  # the consultation's own public page is kept


def test_off_when_page_cache_seconds_is_zero(site_tree, settings):
    settings.PKOFFER_PAGE_CACHE_SECONDS = 0
    fetch("/about/")
    response = fetch("/about/")
    assert "X-Cache" not in response and "s-maxage=300" in response["Cache-Control"]


def test_a_page_is_never_kept_past_the_moment_a_consultation_opens(site_tree):
    hub = ConsultationIndexPageFactory(parent=site_tree["homes"]["en"])
    now = timezone.now()
    consultation = make_consultation(hub, now + datetime.timedelta(seconds=3), now + datetime.timedelta(days=9))
    page = StandardPageFactory(
        parent=site_tree["homes"]["en"], slug="vision", body=[("consultation", {"consultation": consultation})]
    )
    before = fetch(page.url)
    assert "<form" not in before.content.decode().split('class="pk_consultation-embed')[1]
    cache_control = dict(part.split("=") if "=" in part else (part, "") for part in before["Cache-Control"].split(", "))
    assert int(cache_control["s-maxage"]) <= 3 and int(cache_control["max-age"]) <= 3
    assert fetch(page.url)["X-Cache"] == "HIT"
    time.sleep(max(0.0, (consultation.opens_at - timezone.now()).total_seconds()) + 1.1)
    after = fetch(page.url)
    assert after["X-Cache"] == "MISS" and "<form" in after.content.decode().split('class="pk_consultation-embed')[1]


@pytest.fixture
def cloudfront(settings, monkeypatch):
    """CloudFront configured as the CDN (as CLOUDFRONT_DISTRIBUTION_ID does), its API call recorded."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.frontend_cache import signal_handlers
    from wagtail.contrib.frontend_cache.backends.cloudfront import CloudfrontBackend
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from home import page_cache

    settings.WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": "E2EXAMPLE",
        }
    }
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    invalidations = []
    monkeypatch.setattr(
        CloudfrontBackend, "_create_invalidation", lambda self, dist, paths: invalidations.append((dist, set(paths)))
    )
    signal_handlers.register_signal_handlers()  # what the app does when it is installed
    page_cache.connect_frontend_cache_purges()
    yield invalidations
    for signal, handler in (
        (page_published, signal_handlers.page_published_signal_handler),
        (page_unpublished, signal_handlers.page_unpublished_signal_handler),
    ):
        for model in apps.get_models():
            if issubclass(model, Page):
                signal.disconnect(handler, sender=model)
    for signal, uid in (
        (page_published, "pkoffer-purge-translations-published"),
        (page_unpublished, "pkoffer-purge-translations-unpublished"),
        (post_page_move, "pkoffer-purge-moved"),
        (post_save, "pkoffer-purge-save"),
        (post_delete, "pkoffer-purge-delete"),
    ):
        signal.disconnect(dispatch_uid=uid)


def purged(invalidations):
    return set().union(*(paths for dist, paths in invalidations if dist == "E2EXAMPLE"))


def test_publishing_purges_the_page_and_its_translations_from_the_cdn(
    site_tree, cloudfront, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        site_tree["about_pl"].save_revision().publish()
    assert {"/pl/o-ofercie/", "/about/"} <= purged(cloudfront)
    cloudfront.clear()
    with django_capture_on_commit_callbacks(execute=True):
        site_tree["child"].unpublish()
    assert "/about/five-key-areas/" in purged(cloudfront)


def test_a_snippet_or_setting_change_purges_every_page_from_the_cdn(
    site_tree, cloudfront, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.objects.get().save()
    assert {"/", "/about/", "/about/five-key-areas/", "/gd/", "/pl/", "/pl/o-ofercie/"} <= purged(cloudfront)


def test_deleting_a_live_page_purges_it_and_the_pages_below_it(
    site_tree, cloudfront, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=site_tree["about"].pk).delete()
    assert {"/about/", "/about/five-key-areas/"} <= purged(cloudfront)
