"""Right-to-left ready: a council can add Arabic or Urdu with settings and content only.

A test-only Arabic locale (added here with override_settings and a Locale row, never in the real
settings) renders with <html lang="ar" dir="rtl">, through the same templates. The stylesheet
mirrors every design system rule with a physical side (margin-left, left:, border-left…) that
applies to the site's own markup, and the site's own SCSS uses logical properties only.
"""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.utils import translation
from wagtail.models import Locale

from home.views import server_error

ARABIC = ("ar", "العربية")
LANGUAGES_WITH_ARABIC = [*settings.LANGUAGES, ARABIC]
BASE_DIR = Path(settings.BASE_DIR)


def soup(response):
    assert response.status_code in (200, 404), response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def arabic(site_tree):
    """Arabic in the settings, its Locale, and the home and "About" pages copied into it (untranslated)."""
    with override_settings(LANGUAGES=LANGUAGES_WITH_ARABIC, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES_WITH_ARABIC):
        locale = Locale.objects.create(language_code="ar")
        home = site_tree["homes"]["en"].copy_for_translation(locale)
        home.save_revision().publish()
        about = site_tree["about"].copy_for_translation(locale)
        about.save_revision().publish()
        yield {"locale": locale, "home": home, "about": about}


def test_an_rtl_locale_renders_right_to_left(client, arabic):
    for url in ("/ar/", "/ar/about/", "/ar/search/?q=offer"):
        html = soup(client.get(url))
        assert html.html["lang"] == "ar", url
        assert html.html["dir"] == "rtl", url
    # The switcher names Arabic in Arabic, marked as Arabic text; other languages stay left to right.
    links = {a["lang"]: a for a in soup(client.get("/ar/about/")).select("nav.pk_languages a")}
    assert links["ar"].get_text(strip=True) == "العربية" and links["ar"].has_attr("aria-current")
    assert links["en"]["href"] == "/about/"
    english = soup(client.get("/about/"))
    assert english.html["dir"] == "ltr"
    assert {a["lang"]: a["href"] for a in english.select("nav.pk_languages a")}["ar"] == "/ar/about/"
    alternates = {link["hreflang"] for link in english.find_all("link", rel="alternate")}
    assert "ar" in alternates


def test_rtl_error_pages(client, arabic):
    html = soup(client.get("/ar/no-such-page/"))
    assert (html.html["lang"], html.html["dir"]) == ("ar", "rtl")
    with override_settings(LANGUAGES=LANGUAGES_WITH_ARABIC), translation.override("ar"):
        response = server_error(RequestFactory().get("/ar/"))
    html = BeautifulSoup(response.content, "html.parser")
    assert (html.html["lang"], html.html["dir"]) == ("ar", "rtl")


def test_no_template_fixes_a_direction(client):
    """dir always comes from a language (base.html, the 500 page, text marked with its language), never fixed."""
    from_language = re.compile(r'\{% if [^%]*bidi %\}\s*dir="rtl"')
    for path in (BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if path.name in {"base.html", "500.html"}:
            assert "get_current_language_bidi" in text, path
        text = from_language.sub("", text)
        assert 'dir="rtl"' not in text and 'dir="ltr"' not in text, path


# --- The stylesheet --------------------------------------------------------------------------------

# Physical properties: a right-to-left page needs their mirror image.
PHYSICAL = re.compile(
    r"^(?:margin|padding|border)-(?:left|right)(?:-\w+)?$|^(?:left|right|float|clear)$|^text-align$"
    r"|^border-(?:top|bottom)-(?:left|right)-radius$"
)
SHORTHANDS = {"margin", "padding", "border-width", "border-style", "border-color", "inset"}


def parse_css(text):
    """[(selectors, [(property, value)])] of every style rule, at-rules flattened (their conditions dropped)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rules, stack, position = [], [], 0
    for match in re.finditer(r"[{}]", text):
        chunk = text[position : match.start()]
        position = match.end()
        if match.group() == "{":
            stack.append(chunk.rsplit(";", 1)[-1].strip())
        else:
            selector = stack.pop() if stack else ""
            if selector and not selector.startswith("@"):
                declarations = []
                for declaration in chunk.split(";"):
                    prop, _, value = declaration.partition(":")
                    if value:
                        declarations.append((prop.strip().lower(), value.strip()))
                rules.append(([s.strip() for s in selector.split(",")], declarations))
    return rules


def is_one_sided(prop, value, declarations):
    """True for a declaration that treats left and right differently."""
    value = value.replace("!important", "").strip()
    if prop in SHORTHANDS:
        parts = re.split(r"\s+(?![^(]*\))", value)
        return len(parts) == 4 and parts[1] != parts[3]
    if not PHYSICAL.match(prop):
        return False
    if prop == "text-align":
        return value in ("left", "right")
    if prop in ("float", "clear"):
        return value in ("left", "right")
    # left: X with right: X in the same rule (centred, or stretched) is symmetrical.
    mirror = prop.replace("left", "\0").replace("right", "left").replace("\0", "right")
    return dict(declarations).get(mirror, None) != value


# One-sided in the CSS, the same on both sides in effect: nothing to mirror.
SYMMETRIC_IN_EFFECT = {
    ".ds_breadcrumbs": "padding-left: 0, and the reset already sets padding-right to 0",
    ".ds_layout": "margin-right: 0, margin-left is 0 too",
    ".ds_tag": "padding-left and padding-right are both 0.5rem, in two rules",
    ".ds_card__link--cover:after": "left: 0 with width: 100% covers the card",
    ".ds_select-arrow::before": "a downward arrow centred in its box (right: 50% minus half its width)",
}


def classes_in_templates():
    found = set()
    for path in (BASE_DIR / "templates").rglob("*.html"):
        found |= set(re.findall(r"\bds_[a-z0-9_-]+", path.read_text(encoding="utf-8")))
    return found


def applies_to_our_markup(selector, used):
    """Every design system class the selector names is in our templates (element selectors count too)."""
    if "_!_" in selector or "js-" in selector or ".ds_reversed" in selector:
        return False
    names = re.findall(r"\.(ds_[a-z0-9_-]+)", selector)
    if not names:
        return bool(re.fullmatch(r"[a-z0-9 >+~:()_-]+", selector))  # e.g. "ul", "ol ol"
    return all(name in used for name in names)


@pytest.fixture(scope="module")
def stylesheet():
    path = BASE_DIR / "static" / "css" / "pkoffer.css"
    assert path.exists(), f"{path} is missing: run `make assets` (npm run build)"
    return parse_css(path.read_text(encoding="utf-8"))


def test_every_one_sided_design_system_rule_we_use_is_mirrored(stylesheet):
    used = classes_in_templates()
    mirrored = {
        selector.removeprefix(":where([dir=rtl]) ")
        for selectors, _declarations in stylesheet
        for selector in selectors
        if selector.startswith(":where([dir=rtl])")
    }
    missing = set()
    for selectors, declarations in stylesheet:
        if any(s.startswith(":where([dir=rtl])") or s.startswith(".pk_") for s in selectors):
            continue
        for selector in selectors:
            if not applies_to_our_markup(selector, used) or selector in mirrored or selector in SYMMETRIC_IN_EFFECT:
                continue
            sided = [(p, v) for p, v in declarations if is_one_sided(p, v, declarations)]
            if sided:
                missing.add(f"{selector} {{{'; '.join(f'{p}: {v}' for p, v in sided)}}}")
    assert not missing, "mirror these in static/scss/_rtl.scss:\n" + "\n".join(sorted(missing))


def test_chevrons_are_turned_round(stylesheet):
    mirrored = {
        selector: dict(declarations)
        for selectors, declarations in stylesheet
        for selector in selectors
        if selector.startswith(":where([dir=rtl])")
    }
    for chevron in (".ds_breadcrumbs__item:not(:first-child)::before", ".ds_back-link::before"):
        assert "scaleX(-1)" in mirrored[f":where([dir=rtl]) {chevron}"]["transform"], chevron


def test_the_sites_own_scss_uses_logical_properties():
    text = re.sub(r"//[^\n]*", "", (BASE_DIR / "static" / "scss" / "_site.scss").read_text(encoding="utf-8"))
    physical = re.findall(
        r"^\s*((?:margin|padding|border)-(?:left|right)[\w-]*|left|right|float|text-align)\s*:\s*([^;]+);",
        text,
        flags=re.M,
    )
    one_sided = [(p, v) for p, v in physical if not (p == "text-align" and v.strip() in ("center", "start", "end"))]
    assert not one_sided, one_sided
