"""A right-to-left language lays out as a mirror image, in a real browser.

Arabic is added for this test only (override_settings of LANGUAGES and WAGTAIL_CONTENT_LANGUAGES
and a Locale row), with untranslated copies of demo pages, as a council adding Arabic would start.
The same templates and stylesheet render it with dir="rtl": the skip link, logo and breadcrumbs
start on the right, the search box and language switcher sit on the left, text is right-aligned,
radios have their box on the right, nothing overflows sideways, and axe finds nothing. The
English page is measured the same way as the control.
"""

import pytest
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Locale, Page

from consultations.models import ConsultationPage
from home.models import HomePage, StandardPage

from .helpers import DESKTOP, MOBILE, format_violations, run_axe, stylesheet_loaded

ARABIC_LANGUAGES = [("en", "English"), ("gd", "Gàidhlig"), ("pl", "Polski"), ("ar", "العربية")]


def copy_into(page, locale):
    """The page's untranslated copy in `locale`, parents first (what "Translate" starts from)."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    parent = page.get_parent()
    if parent.depth > 1 and parent.get_translation_or_none(locale) is None:
        copy_into(parent.specific, locale)
    copy = page.copy_for_translation(locale)
    copy.save_revision().publish()
    return Page.objects.get(pk=copy.pk).specific


def box(page, selector):
    element = page.locator(selector).first
    element.wait_for(state="attached")
    return element.bounding_box()


def text_box(page, selector):
    """The bounding box of an element's text itself (not its block), from a DOM Range."""
    return page.evaluate(
        """(selector) => {
            const element = document.querySelector(selector);
            const range = document.createRange();
            range.selectNodeContents(element);
            const r = range.getBoundingClientRect();
            return {x: r.x, width: r.width};
        }""",
        selector,
    )


def centre(b):
    return b["x"] + b["width"] / 2


def no_sideways_scroll(page):
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def arabic(demo_site):
    with override_settings(LANGUAGES=ARABIC_LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=ARABIC_LANGUAGES):
        locale = Locale.objects.create(language_code="ar")
        english_home = HomePage.objects.get(locale__language_code="en")
        told = StandardPage.objects.child_of(english_home).get(slug="what-you-told-us")
        areas = StandardPage.objects.child_of(StandardPage.objects.child_of(english_home).get(slug="about")).get(
            slug="five-key-areas"
        )
        consultation = ConsultationPage.objects.filter(
            locale__language_code="en", opens_at__lte=timezone.now(), closes_at__gt=timezone.now()
        ).first()
        assert consultation is not None, "the demo should have an open consultation"
        yield {
            "base": demo_site.url,
            "home": copy_into(english_home, locale),
            "told": copy_into(told, locale),
            "areas": copy_into(areas, locale),
            "consultation": copy_into(consultation, locale),
            "english_areas": areas,
        }


def measure_header(page, width):
    logo, search = box(page, ".ds_site-branding__logo"), box(page, ".ds_site-search")
    languages = page.locator(".pk_languages__item").all()
    return {
        "logo": centre(logo) / width,
        "search": centre(search) / width,
        "first_language": centre(languages[0].bounding_box()) / width,
    }


@pytest.mark.browser
def test_arabic_page_is_a_mirror_image_on_desktop(browser, arabic, axe_source):
    base = arabic["base"]
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    page = context.new_page()
    width = DESKTOP["width"]

    # Control: the same page in English, left to right.
    page.goto(base + arabic["english_areas"].url)
    assert page.evaluate("document.documentElement.dir") == "ltr"
    english = measure_header(page, width)
    assert english["logo"] < 0.5 < english["search"]
    crumbs = page.locator(".ds_breadcrumbs__item").all()
    assert crumbs[0].bounding_box()["x"] < crumbs[-1].bounding_box()["x"]

    response = page.goto(base + arabic["areas"].url)
    assert response.status == 200
    assert stylesheet_loaded(page)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]

    # The header: logo on the right, search on the left; the switcher starts on the left.
    arabic_header = measure_header(page, width)
    assert arabic_header["search"] < 0.5 < arabic_header["logo"]
    assert abs(arabic_header["logo"] - (1 - english["logo"])) < 0.05  # where the English logo is, mirrored
    assert english["first_language"] > 0.5 > arabic_header["first_language"]
    languages = [centre(item.bounding_box()) for item in page.locator(".pk_languages__item").all()]
    assert languages == sorted(languages, reverse=True), languages  # English rightmost, العربية leftmost

    # Breadcrumbs read from the right: "Home" first, rightmost.
    crumbs = page.locator(".ds_breadcrumbs__item").all()
    assert len(crumbs) == 3
    xs = [c.bounding_box()["x"] for c in crumbs]
    assert xs == sorted(xs, reverse=True), xs

    # Text starts at the right edge of the content column.
    wrapper = box(page, "main .ds_wrapper")
    heading = text_box(page, "main h1")
    assert abs((heading["x"] + heading["width"]) - (wrapper["x"] + wrapper["width"])) < 40
    assert heading["x"] > wrapper["x"] + 40

    # The skip link appears at the top right when it takes focus.
    page.keyboard.press("Tab")
    skip = box(page, ".ds_skip-links__link")
    assert page.evaluate("document.activeElement.className") == "ds_skip-links__link"
    assert skip["x"] > width / 2 and width - (skip["x"] + skip["width"]) < 30

    # "Ask for this in another language or format" starts on the right too.
    formats = text_box(page, ".pk_formats__link")
    assert formats["x"] + formats["width"] > width * 0.7

    assert no_sideways_scroll(page)
    violations = run_axe(page, axe_source, javascript_enabled=True)
    assert not violations, "\n" + format_violations(violations)
    context.close()


@pytest.mark.browser
def test_arabic_lists_forms_and_mobile_header(browser, arabic, axe_source):
    base = arabic["base"]
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    width = MOBILE["width"]

    # A bulleted list is indented from the right; the menu button sits on the left.
    page.goto(base + arabic["told"].url)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    margins = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('main ul:not([class])'));
                   return [s.marginLeft, s.marginRight]; }"""
    )
    assert margins == ["0px", "20px"]
    assert centre(box(page, ".ds_site-header__control")) < width / 2 < centre(box(page, ".ds_site-branding__logo"))
    assert no_sideways_scroll(page)

    # A consultation step: each radio's box is on the right of its label, the hint and error border too.
    consultation = arabic["consultation"]
    response = page.goto(f"{base}{consultation.url}step/1/")
    assert response.status == 200, response.status
    radio, label = box(page, ".ds_radio__input"), box(page, ".ds_radio__label")
    assert radio["x"] > label["x"], (radio, label)
    assert radio["x"] + radio["width"] > width * 0.8
    page.locator("main form button[type=submit]:not([name=action])").click()  # nothing answered: errors
    page.wait_for_load_state()
    error = page.locator(".ds_question--error").first
    borders = error.evaluate("(e) => [getComputedStyle(e).borderLeftWidth, getComputedStyle(e).borderRightWidth]")
    assert borders == ["0px", "4px"], borders
    assert no_sideways_scroll(page)
    violations = run_axe(page, axe_source, javascript_enabled=False)
    assert not violations, "\n" + format_violations(violations)
    context.close()
