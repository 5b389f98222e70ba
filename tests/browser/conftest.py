"""Fixtures for the browser tests: one Debian Chromium per session, the live server with the demo content.

Playwright's sync API keeps an asyncio event loop in the test thread, and Django refuses ORM calls
from a thread with a running loop (SynchronousOnlyOperation). These tests use the ORM only between
browser steps, never at the same time, so the `browser` fixture switches that check off for as
long as the browser runs (and restores the variable afterwards).
"""

import io
import os

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright
from wagtail.models import Locale

from home.models import HomePage

from .helpers import AXE_PATH, CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session; each test opens its own (cheap) browser contexts."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe_source():
    assert AXE_PATH.exists(), f"axe-core is missing at {AXE_PATH}: run `npm ci`"
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def demo_site(browser, django_db_serialized_rollback, live_server):
    """The live server with the real demo content (`manage.py load_demo`) in its database.

    live_server makes each test transactional, so the database is emptied after the test;
    serialized rollback puts back what the migrations made (locales, Wagtail's root page and
    default site) so that the next test, here or elsewhere, starts from the same state. Loading
    the demo takes about a second, so every test gets its own fresh copy.
    """
    call_command("load_demo", stdout=io.StringIO())
    homes = {home.locale.language_code for home in HomePage.objects.live().select_related("locale")}
    assert homes == {"en", "gd", "pl"}, f"load_demo should make a home page in every language, made {homes}"
    return live_server


@pytest.fixture
def demo_locales(demo_site):
    return {locale.language_code: locale for locale in Locale.objects.all()}
