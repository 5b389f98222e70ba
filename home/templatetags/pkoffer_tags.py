import uuid

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from home.chrome import get_chrome, get_page_urls

register = template.Library()


def _page_relatives(page):
    """Live translations of `page` (itself included) and its live ancestors below the root: one query."""
    cached = getattr(page, "_pkoffer_relatives", None)
    if cached is None:
        steplen = page.steplen
        ancestor_paths = [page.path[:n] for n in range(2 * steplen, len(page.path), steplen)]
        rows = (
            Page.objects.live()
            .filter(Q(translation_key=page.translation_key) | Q(path__in=ancestor_paths))
            .select_related("locale")
            .order_by("path")
        )
        translations, ancestors = {}, []
        for p in rows:
            if p.path in ancestor_paths:
                ancestors.append(p)
            if p.translation_key == page.translation_key:
                translations[p.locale.language_code] = p
        cached = page._pkoffer_relatives = (translations, ancestors)
    return cached


def _page_translations(page):
    """Live translations of `page` (itself included), keyed by language code."""
    return _page_relatives(page)[0]


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One entry per site language for the switcher.

    On a page, each language links to that page's translation, or to that language's home page
    when the page is not translated yet. Elsewhere (search, errors) the same URL in the other language.
    """
    request = context.get("request")
    current = get_language()
    chrome = get_chrome(current)
    page = page if getattr(page, "pk", None) else None
    translations = _page_translations(page) if page else {}
    links = []
    for code, name in settings.LANGUAGES:
        if page:
            target = translations.get(code)
            url = target.get_url(request) if target else chrome["home_urls"].get(code, "/")
            translated = target is not None
        else:
            url = translate_url(request.get_full_path() if request else "/", code)
            translated = True
        links.append({"code": code, "name": name, "url": url, "current": code == current, "translated": translated})
    return links


@register.simple_tag(takes_context=True)
def hreflang_links(context, page):
    """Alternate URLs for each existing translation plus x-default (the default language's page)."""
    request = context.get("request")
    translations = _page_translations(page)
    links = [
        {"hreflang": code, "url": translations[code].get_full_url(request)}
        for code, _name in settings.LANGUAGES
        if code in translations
    ]
    default = translations.get(settings.LANGUAGE_CODE)
    if default is not None:
        links.append({"hreflang": "x-default", "url": default.get_full_url(request)})
    return links


@register.simple_tag
def copied_from_language(page):
    """The language of what a translated page shows unchanged from its source, else "".

    Tags are not translated by wagtail-localize: a translation keeps the tags of the page it was
    made from. When `page` is not in the default language and has a live version in it, that is the
    source, so its tags are marked with the source's `lang` (no query: the switcher fetched these).
    """
    if not getattr(page, "pk", None):
        return ""
    translations = _page_translations(page)
    default = settings.LANGUAGE_CODE
    own = next((code for code, p in translations.items() if p.pk == page.pk), None)
    return default if own not in (None, default) and default in translations else ""


@register.simple_tag
def breadcrumbs(page):
    """Ancestors from the language's home page down to the parent: one query."""
    if not getattr(page, "depth", None) or page.depth <= 2:
        return []
    return _page_relatives(page)[1]


DOCUMENT_ICONS = {
    "pdf": "pdf",
    "doc": "word",
    "docx": "word",
    "odt": "odt",
    "rtf": "rtf",
    "txt": "text",
    "xls": "excel",
    "xlsx": "excel",
    "ods": "ods",
    "csv": "csv",
    "ppt": "ppt",
    "pptx": "ppt",
    "odp": "odp",
    "zip": "zip",
}


@register.filter
def document_icon(document):
    """The design system's thumbnail name for a document's file type."""
    return DOCUMENT_ICONS.get((document.file_extension or "").lower(), "generic")


@register.simple_tag(takes_context=True)
def unique_id(context, prefix):
    """An id unique within the rendered page, for aria-describedby and friends."""
    request = context.get("request")
    if request is None:
        return f"{prefix}-{uuid.uuid4().hex[:8]}"
    request._pkoffer_ids = getattr(request, "_pkoffer_ids", 0) + 1
    return f"{prefix}-{request._pkoffer_ids}"


OG_LOCALES = {"en": "en_GB", "gd": "gd_GB", "pl": "pl_PL"}


@register.filter
def og_locale(code):
    return OG_LOCALES.get(code, code)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """An absolute URL for sharing metadata (storage URLs may already be absolute)."""
    if url.startswith(("http://", "https://")):
        return url
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.filter
def clock(duration):
    """A duration as 12:30 or 1:02:03."""
    if not duration:
        return ""
    total = int(duration.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


@register.filter
def iso_duration(duration):
    """A duration as ISO 8601 (PT12M30S) for <time datetime>."""
    if not duration:
        return ""
    total = int(duration.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"


@register.simple_tag
def localized_url(page):
    """The URL of `page` in the reader's language when translated (no query when the cache is warm)."""
    return get_page_urls().get(getattr(page, "pk", None), "") if page else ""
