"""axe-core finds nothing on any page template, in any language, at desktop and mobile width, with and without JS.

Each test covers every page type in one language, each page four ways: desktop (1280×900) and
mobile (375×812) width, each with JavaScript enabled and disabled. Every violation is reported
(all impacts, the WCAG 2.0/2.1/2.2 A and AA tags and axe's best practices) before the test
fails, with the rule, the failing elements and axe's advice, so a developer can fix them from
the report alone.

The pages come from the real demo content (`load_demo`). Its Gaelic and Polish versions cover
the home page and "Our vision"; the other pages below have no translation in the demo, so for
them the test adds an untranslated copy in that language (Wagtail's copy_for_translation, as an
editor starting a translation would): English text inside the Gaelic or Polish page template,
interface strings, breadcrumbs and links.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import Page

from home.models import HomePage, StandardPage

from .helpers import (
    LANGUAGES,
    VIEWPORTS,
    RequestLog,
    check_page,
    format_violations,
    page_tree_problems,
    run_axe,
)

# Words from each language's own demo content, so the search finds that language's pages.
SEARCH_WORDS = {"en": "vision", "gd": "lèirsinn", "pl": "wizja"}
NO_MATCH = "zqxjvbnomatch"


@dataclass
class Target:
    """A page to check: where it is, the status it must answer with and what it must contain."""

    path: str
    status: int = 200
    # CSS selector -> (least, most) number of matches, so the axe run covers what it claims to cover.
    contains: dict = field(default_factory=dict)


def prefix(lang):
    return "" if lang == "en" else f"/{lang}"


def english_page(url_path):
    """A StandardPage of the English demo by its path under the home page, e.g. "about/five-key-areas"."""
    home = HomePage.objects.get(locale__language_code="en")
    page = home
    for slug in url_path.strip("/").split("/"):
        page = StandardPage.objects.child_of(page).get(slug=slug)
    return page


def in_language(page, locale):
    """The page's version in `locale`: the demo's translation, else an untranslated copy (parents first)."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    problems = page_tree_problems()
    assert not problems, f"load_demo left Wagtail's page tree inconsistent, pages cannot be added: {problems}"
    parent = page.get_parent()
    if parent.get_translation_or_none(locale) is None:
        in_language(parent.specific, locale)
    copy = page.copy_for_translation(locale)
    copy.save_revision().publish()
    return Page.objects.get(pk=copy.pk).specific


def translated_only(page, locale):
    """The demo's own translation (no copy made): a missing or unreachable one must fail the test."""
    translation = page.get_translation_or_none(locale)
    assert translation is not None, f"load_demo made no {locale.language_code} version of {page.url}"
    return translation.specific


def home_target(lang, locales):
    home = HomePage.objects.get(locale__language_code="en")
    return Target(translated_only(home, locales[lang]).url, contains={"main h1": (1, 1), ".pk_objectives li": (1, 99)})


def our_vision_target(lang, locales):
    page = english_page("our-vision")
    page = page if lang == "en" else translated_only(page, locales[lang])
    return Target(page.url, contains={"main h1": (1, 1), "details.ds_details": (1, 99), ".pk_cta a.ds_button": (1, 99)})


def about_target(lang, locales):
    page = in_language(english_page("about"), locales[lang])
    contains = {"main h1": (1, 1), "table": (1, 99), "details.ds_details": (1, 99), ".pk_quote blockquote": (1, 99)}
    return Target(page.url, contains=contains)


def what_you_told_us_target(lang, locales):
    page = in_language(english_page("what-you-told-us"), locales[lang])
    contains = {"main h1": (1, 1), "table": (1, 99), ".ds_file-download": (1, 99), "figure.pk_figure img": (1, 99)}
    return Target(page.url, contains=contains)


def five_key_areas_target(lang, locales):
    page = in_language(english_page("about/five-key-areas"), locales[lang])
    # Two levels of breadcrumbs: the language's home page and "About the Offer", then the page itself.
    return Target(page.url, contains={".ds_breadcrumbs__link": (2, 2), ".ds_breadcrumbs__item[aria-current]": (1, 1)})


def search_empty_target(lang, locales):
    return Target(
        f"{prefix(lang)}/search/", contains={"form[role=search] input[name=q]": (2, 2), ".ds_search-results": (0, 0)}
    )


def search_results_target(lang, locales):
    path = f"{prefix(lang)}/search/?q={quote(SEARCH_WORDS[lang])}"
    return Target(path, contains={".ds_search-result a": (1, 10)})


def search_no_results_target(lang, locales):
    path = f"{prefix(lang)}/search/?q={NO_MATCH}"
    return Target(path, contains={".ds_search-results__title": (1, 1), ".ds_search-result": (0, 0)})


def not_found_target(lang, locales):
    return Target(f"{prefix(lang)}/no-such-page/", status=404, contains={"main h1": (1, 1)})


PAGES = {
    "home": home_target,
    "our-vision": our_vision_target,
    "about": about_target,
    "what-you-told-us": what_you_told_us_target,
    "five-key-areas": five_key_areas_target,
    "search-empty": search_empty_target,
    "search-results": search_results_target,
    "search-no-results": search_no_results_target,
    "not-found": not_found_target,
}


@pytest.mark.browser
@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["js-on", "js-off"])
def test_axe_reports_violations_with_and_without_javascript(browser, axe_source, javascript_enabled):
    """The axe run itself works in both kinds of context (so "no violations" below means something)."""
    context = browser.new_context(java_script_enabled=javascript_enabled)
    try:
        page = context.new_page()
        page.set_content("<title>Test</title><main><h1>Test</h1><img src='data:,'><a href='/'></a></main>")
        violations = {violation["id"] for violation in run_axe(page, axe_source, javascript_enabled)}
    finally:
        context.close()
    assert {"html-has-lang", "image-alt", "link-name"} <= violations, violations


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_no_axe_violations(browser, axe_source, demo_site, demo_locales, lang):
    """Every page type in one language (loading the demo takes seconds, so once per language).

    A page that cannot be checked (wrong status, missing content) is reported with the others
    rather than stopping the test, so one run lists everything there is to fix.
    """
    failures = []
    targets = {}
    for name, resolve in PAGES.items():
        try:
            targets[name] = resolve(lang, demo_locales)
        except (AssertionError, ObjectDoesNotExist) as error:
            failures.append(f"{name} ({lang}): {error}")

    requests = RequestLog(demo_site.url)
    for javascript_enabled in (True, False):
        context = requests.attach(browser.new_context(java_script_enabled=javascript_enabled))
        try:
            page = context.new_page()
            for target in targets.values():
                for viewport_name, viewport in VIEWPORTS.items():
                    run = f"{target.path} ({lang}, {viewport_name}, JavaScript {'on' if javascript_enabled else 'off'})"
                    page.set_viewport_size(viewport)
                    response = page.goto(demo_site.url + target.path)
                    if response.status != target.status:
                        tree_problems = page_tree_problems()
                        hint = f" (Wagtail's page tree is inconsistent: {tree_problems})" if tree_problems else ""
                        failures.append(f"{run}: HTTP {response.status}, expected {target.status}{hint}")
                        continue
                    problems = check_page(page, target, lang, run)
                    if problems:
                        failures.extend(problems)
                        continue
                    violations = run_axe(page, axe_source, javascript_enabled)
                    if violations:
                        failures.append(f"{run}: {len(violations)} rule(s) violated\n{format_violations(violations)}")
        finally:
            context.close()

    assert requests.urls, "no request was recorded: the request log is not working"
    if requests.offsite():
        failures.append(f"requests left the site: {requests.offsite()}")
    assert not failures, f"{len(failures)} problem(s), axe-core violations included:\n" + "\n".join(failures)
