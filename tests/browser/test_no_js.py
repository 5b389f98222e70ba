"""The site works without JavaScript, on a phone-sized screen, and never calls another site.

A resident with JavaScript off (or failing to load) opens the menu, follows a link, changes
language and searches: the menu is a CSS-only checkbox and label, the language switcher and
search are plain links and a GET form.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from home.models import HomePage, StandardPage

from .helpers import MOBILE, RequestLog, page_tree_problems


def html_lang(page):
    return page.evaluate("document.documentElement.lang")


def language_switcher(page):
    """The switcher's navigation landmark; its name is in the page's language ("Choose a language" in English)."""
    return page.locator("nav.pk_languages")


@pytest.mark.browser
def test_javascript_disabled_context_runs_no_page_script(browser):
    """The JS-off contexts used here really run no page script (so the tests below prove something)."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_content("<p id='out'>static</p><script>document.getElementById('out').textContent = 'scripted'</script>")
    assert page.locator("#out").text_content() == "static"
    context.close()


@pytest.mark.browser
def test_menu_language_and_search_work_without_javascript_on_mobile(browser, demo_site, demo_locales):
    base = demo_site.url
    home = HomePage.objects.get(locale__language_code="en")
    about = StandardPage.objects.child_of(home).get(slug="about")
    vision = StandardPage.objects.child_of(home).get(slug="our-vision")
    home_gd = home.get_translation(demo_locales["gd"])
    vision_pl = vision.get_translation(demo_locales["pl"])
    assert about.get_translation_or_none(demo_locales["gd"]) is None, "this journey needs an untranslated page"

    requests = RequestLog(base)
    context = requests.attach(browser.new_context(java_script_enabled=False, viewport=MOBILE))
    context.set_default_timeout(10_000)
    page = context.new_page()

    def follow(link, expected_url):
        """Click a link or button, wait for the new page, check where it landed and that it loaded."""
        with page.expect_navigation() as navigation:
            link.click()
        response = navigation.value
        hint = "" if response.status != 404 else f" (page tree problems: {page_tree_problems() or 'none'})"
        assert response.status == 200, f"{page.url}: HTTP {response.status}{hint}"
        assert urlsplit(page.url).path == expected_url
        return response

    # 1. Home page; the menu is closed on a small screen until the "Menu" toggle is used.
    response = page.goto(base + "/")
    assert response.status == 200
    assert html_lang(page) == "en"
    menu = page.locator("#site-navigation")
    expect(menu).to_be_hidden()
    menu_toggle = page.locator("label[for=menu-toggle]", has_text="Menu")
    expect(menu_toggle).to_be_visible()
    menu_toggle.click()
    expect(menu).to_be_visible()

    # 2. Follow a link from the menu.
    follow(menu.get_by_role("link", name=about.title, exact=True), about.url)
    expect(page.locator("main h1")).to_have_text(about.title)
    expect(page.locator("#site-navigation")).to_be_hidden()  # closed again on the new page

    # 3. "About" has no Gaelic version: the switcher leads to the Gaelic home page.
    switcher = page.get_by_role("navigation", name="Choose a language", exact=True)
    follow(switcher.get_by_role("link", name="Gàidhlig", exact=True), home_gd.url)
    assert html_lang(page) == "gd"
    expect(page.locator("main h1")).to_have_text(home_gd.title)
    expect(language_switcher(page).locator("[aria-current]")).to_have_text("Gàidhlig")

    # 4. Back to English, then "Our vision" from the menu; it has a Polish translation, which the
    # switcher must reach (the same page, not the Polish home page).
    follow(language_switcher(page).get_by_role("link", name="English", exact=True), home.url)
    assert html_lang(page) == "en"
    page.locator("label[for=menu-toggle]").click()
    follow(page.locator("#site-navigation").get_by_role("link", name=vision.title, exact=True), vision.url)
    switcher = page.get_by_role("navigation", name="Choose a language", exact=True)
    follow(switcher.get_by_role("link", name="Polski", exact=True), vision_pl.url)
    assert html_lang(page) == "pl"
    expect(page.locator("main h1")).to_have_text(vision_pl.title)

    # 5. Search from the header's form: Polish results, for Polish pages only.
    header_search = page.locator("header form[role=search]")
    header_search.locator("input[name=q]").fill("wizja")
    follow(header_search.locator("button[type=submit]"), "/pl/search/")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["wizja"]}
    assert html_lang(page) == "pl"
    results = page.locator(".ds_search-result a")
    assert results.count() >= 1, "the search found nothing"
    for href in results.evaluate_all("links => links.map(link => link.getAttribute('href'))"):
        assert href.startswith("/pl/"), f"a Polish search gave a result in another language: {href}"
    context.close()

    # Nothing was fetched from anywhere but the site itself (fonts, scripts, analytics, images...).
    assert any("/static/css/pkoffer.css" in url for url in requests.urls), "the request log missed the stylesheet"
    assert not requests.offsite(), f"requests left the site: {requests.offsite()}"
