"""The "chrome" around every page: settings, header and footer links, each locale's home page.

It is the same for every page of a language, so it is built once per language and kept in the
cache (a couple of queries on a miss, none on a hit). Publishing a page or saving the snippets
clears it (see signals.py).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

CACHE_KEY = "pkoffer:chrome:v2:{lang}"
LANGUAGE_NAMES = dict(settings.LANGUAGES)


PAGE_URLS_KEY = "pkoffer:page-urls:v1:{lang}"


def clear_chrome_cache():
    cache.delete_many(
        [key.format(lang=code) for code, _name in settings.LANGUAGES for key in (CACHE_KEY, PAGE_URLS_KEY)]
    )


def _resolve_links(stream, locale):
    """Turn LinkBlock values into (url, text) pairs, using each page's translation in `locale`."""
    pages = [b.value["page"] for b in stream if b.value.get("page")]
    translated = {}
    if pages:
        keys = {p.translation_key for p in pages}
        qs = Page.objects.live().filter(translation_key__in=keys, locale=locale)
        translated = {p.translation_key: p for p in qs}
    links = []
    for block in stream:
        page, url, text = block.value.get("page"), block.value.get("url"), block.value.get("text")
        if page:
            target = translated.get(page.translation_key)
            if target is None:
                if not page.live:
                    continue
                target = page
            links.append({"url": target.url, "text": text or target.title, "page_id": target.pk})
        elif url:
            links.append({"url": url, "text": text, "page_id": None})
    return links


def _formats_link(site_settings, locale):
    """The "Other languages and formats" page chosen in Site settings, in the reader's language.

    Its live translation in `locale` where there is one, else the chosen page itself if live.
    The English settings' choice counts when this language's settings have none. One or two queries,
    only when the chrome is built.
    """
    page_id = getattr(site_settings, "formats_page_id", None)
    if page_id is None:
        from .models import SiteSettings

        page_id = (
            SiteSettings.objects.filter(locale__language_code=settings.LANGUAGE_CODE, formats_page__isnull=False)
            .values_list("formats_page_id", flat=True)
            .first()
        )
        if page_id is None:
            return {"url": "", "page_id": None}
    keys = Page.objects.filter(pk=page_id).values("translation_key")
    pages = {p.pk: p for p in Page.objects.live().filter(translation_key__in=keys)}
    target = next((p for p in pages.values() if locale is not None and p.locale_id == locale.pk), pages.get(page_id))
    if target is None:
        return {"url": "", "page_id": None}
    return {"url": target.url, "page_id": target.pk}


def build_chrome(lang):
    from .models import HomePage, Navigation, SiteSettings

    locale = Locale.objects.filter(language_code=lang).first()
    site_settings = SiteSettings.for_locale(locale)
    navigation = Navigation.for_locale(locale)
    homes = {home.locale.language_code: home.url for home in HomePage.objects.live().select_related("locale")}
    default_home = homes.get(settings.LANGUAGE_CODE, "/")
    return {
        "language": lang,
        "settings": {
            field: getattr(site_settings, field, "")
            for field in [
                "organisation_name",
                "site_name",
                "phase",
                "phase_message",
                "phone",
                "text_phone",
                "email",
                "address",
                "contact_hours",
            ]
        }
        if site_settings
        else {"site_name": settings.WAGTAIL_SITE_NAME, "organisation_name": ""},
        "social_links": [dict(b.value) for b in site_settings.social_links] if site_settings else [],
        "primary_links": _resolve_links(navigation.primary_links, locale) if navigation else [],
        "footer_links": _resolve_links(navigation.footer_links, locale) if navigation else [],
        "footer_text": expand_db_html(navigation.footer_text) if navigation else "",
        # Read at call time (not LANGUAGE_NAMES) so a language added to the settings, or by a test,
        # gets its home page link too.
        "home_urls": {code: homes.get(code, default_home) for code, _name in settings.LANGUAGES},
        "home_url": homes.get(lang, default_home),
        "formats": _formats_link(site_settings, locale),
    }


def get_chrome(lang=None):
    lang = lang or get_language() or settings.LANGUAGE_CODE
    key = CACHE_KEY.format(lang=lang)
    chrome = cache.get(key)
    if chrome is None:
        chrome = build_chrome(lang)
        cache.set(key, chrome, 3600)
    return chrome


def get_page_urls(lang=None):
    """{page id: URL of that page's live translation in `lang`, else of the page itself}.

    Links chosen in blocks and rich text point at a page of the source language; readers should
    land on the page in their own language. One query builds the map for every page, kept in the
    cache and cleared with the chrome, so a page with many links costs no extra queries.
    """
    lang = lang or get_language() or settings.LANGUAGE_CODE
    key = PAGE_URLS_KEY.format(lang=lang)
    urls = cache.get(key)
    if urls is None:
        pages = list(
            Page.objects.filter(depth__gt=1)
            .select_related("locale")
            .only("id", "path", "depth", "url_path", "translation_key", "live", "locale__language_code")
        )
        in_lang = {p.translation_key: p for p in pages if p.live and p.locale.language_code == lang}
        urls = {p.pk: in_lang.get(p.translation_key, p).url for p in pages}
        cache.set(key, urls, 3600)
    return urls
