"""The demo in Gaelic and Polish as residents use it: 'Other languages and formats', two translated stories,
and listings, feeds, search and the switcher that never mix languages.

The demo is loaded once for this module inside a transaction rolled back at the end (as in
test_demo_consultation_translations.py); each test runs in its own savepoint inside it.
"""

import io
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale

from home.models import ContactPage, SiteSettings
from stories.demo_translations import TRANSLATED_STORIES
from stories.models import STORIES_PER_PAGE, Place, StoryIndexPage, StoryPage, Theme

FORMATS = {
    "en": "/other-languages-and-formats/",
    "gd": "/gd/canain-agus-cruthan-eile/",
    "pl": "/pl/inne-jezyki-i-formaty/",
}
INDEX = {"en": "/news-and-stories/", "gd": "/gd/naidheachdan-is-sgeulachdan/", "pl": "/pl/aktualnosci-i-historie/"}
# The two translated stories, as residents reach them in each language.
STORIES = {
    "neighbours-helping-neighbours": {
        "en": ("/news-and-stories/neighbours-helping-neighbours/", "Neighbours helping neighbours"),
        "gd": (
            "/gd/naidheachdan-is-sgeulachdan/nabaidhean-a-cuideachadh-nabaidhean/",
            "Nàbaidhean a' cuideachadh nàbaidhean",
        ),
        "pl": ("/pl/aktualnosci-i-historie/sasiedzi-pomagaja-sasiadom/", "Sąsiedzi pomagają sąsiadom"),
    },
    "vision-and-define-begins": {
        "en": ("/news-and-stories/vision-and-define-begins/", "Phase 2 begins: Vision and Define"),
        "gd": (
            "/gd/naidheachdan-is-sgeulachdan/ire-2-leirsinn-is-mineachadh/",
            "Ìre 2 a' tòiseachadh: Lèirsinn is Mìneachadh",
        ),
        "pl": ("/pl/aktualnosci-i-historie/etap-2-wizja-i-okreslenie/", "Rozpoczyna się etap 2: Wizja i określenie"),
    },
}
PREFIX = {"en": "", "gd": "/gd", "pl": "/pl"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("load_demo", stdout=out)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield out.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def output(demo, db):
    return demo


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def switcher(html):
    return {a["lang"]: a["href"] for a in html.select("nav.pk_languages a")}


def card_titles(html):
    return [a.get_text(strip=True) for a in html.select(".pk_story-card__title a")]


# --- Other languages and formats --------------------------------------------------------------


def test_demo_translates_everything_without_warnings(output):
    assert "WARNING" not in output, output
    assert "NOT translated" not in output, output
    for lang in ("gd", "pl"):
        assert f"Page 'Other languages and formats' ({lang}): created, 17 of 17 strings translated" in output
        assert f"Story 'neighbours-helping-neighbours' ({lang}): created" in output


@pytest.mark.parametrize("lang", ["en", "gd", "pl"])
def test_every_page_leads_to_the_formats_page_in_its_language(client, output, lang):
    for url in (f"{PREFIX[lang]}/", INDEX[lang], STORIES["vision-and-define-begins"][lang][0]):
        link = html_of(client, url).select_one("aside.pk_formats a")
        assert link["href"] == FORMATS[lang], url
    formats = html_of(client, FORMATS[lang])
    assert formats.select_one("aside.pk_formats") is None  # not on the page itself
    assert formats.html["lang"] == lang
    assert switcher(formats) == FORMATS  # translated into both languages


def test_formats_page_in_gaelic_and_polish(client, output):
    gaelic = html_of(client, FORMATS["gd"]).find("main")
    text = gaelic.get_text(" ", strip=True)
    assert gaelic.find("h1").get_text(strip=True) == "Cànanan agus cruthan eile"
    for words in ("Clò mòr", "Cànan Soidhnidh Breatannach (BSL)", "contactSCOTLAND-BSL"):
        assert words in text
    # The contact details come from the Gaelic site settings, the numbers synchronised with the English.
    details = {dt.get_text(strip=True): dt.find_next("dd").get_text(" ", strip=True) for dt in gaelic.select("dt")}
    assert "01738 475000" in details.values()
    assert any("Diluain gu Dihaoine" in value for value in details.values())
    polish = html_of(client, FORMATS["pl"]).find("main")
    assert polish.find("h1").get_text(strip=True) == "Inne języki i formaty"
    assert "Tekst łatwy do czytania" in polish.get_text()
    assert polish.find("a", string="contactSCOTLAND-BSL")["href"] == "https://contactscotland-bsl.org/"


def test_site_settings_choose_the_formats_page_in_every_language(output):
    english = ContactPage.objects.get(slug="other-languages-and-formats", locale__language_code="en")
    assert {s.locale.language_code: s.formats_page_id for s in SiteSettings.objects.select_related("locale")} == {
        "en": english.pk,
        "gd": english.pk,  # synchronised: the chrome follows it to the Gaelic translation
        "pl": english.pk,
    }


# --- Two stories in Gaelic and Polish ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["gd", "pl"])
def test_translated_stories_are_made_by_wagtail_localize(output, lang):
    from wagtail_localize.models import Translation

    locale = Locale.objects.get(language_code=lang)
    for slug in TRANSLATED_STORIES:
        english = StoryPage.objects.get(slug=slug, locale__language_code="en")
        translated = english.get_translation(locale)
        assert translated.live and translated.translation_key == english.translation_key
        assert Translation.objects.filter(source__object_id=english.translation_key, target_locale=locale).exists()
    # Every theme and place has a version in the language (the filters list them all).
    assert Theme.objects.filter(locale=locale).count() == Theme.objects.filter(locale__language_code="en").count()
    assert Place.objects.filter(locale=locale).count() == Place.objects.filter(locale__language_code="en").count()


@pytest.mark.parametrize("lang", ["en", "gd", "pl"])
def test_switcher_on_a_translated_story_leads_to_its_translation(client, output, lang):
    for slug, urls in STORIES.items():
        html = html_of(client, urls[lang][0])
        assert html.find("main").find("h1").get_text(strip=True) == urls[lang][1], slug
        assert switcher(html) == {code: url for code, (url, _title) in urls.items()}
        alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate")}
        assert {code: alternates[code].removeprefix("http://testserver") for code in urls} == {
            code: url for code, (url, _title) in urls.items()
        }
        assert alternates["x-default"].endswith(urls["en"][0])


def test_switcher_on_an_untranslated_story_leads_to_that_languages_home_page(client, output):
    html = html_of(client, "/news-and-stories/home-first/")
    assert switcher(html) == {"en": "/news-and-stories/home-first/", "gd": "/gd/", "pl": "/pl/"}
    assert client.get("/pl/aktualnosci-i-historie/home-first/").status_code == 404


def test_community_story_shows_its_key_area_and_place_in_the_language(client, output):
    gaelic = html_of(client, STORIES["neighbours-helping-neighbours"]["gd"][0]).find("main").get_text(" ", strip=True)
    assert "Cumhachdachadh" in gaelic  # Empowerment, the key area
    assert "Cars Ghobharaidh" in gaelic  # Carse of Gowrie, the place
    polish = html_of(client, STORIES["neighbours-helping-neighbours"]["pl"][0]).find("main").get_text(" ", strip=True)
    assert "Wzmacnianie społeczności" in polish and "Carse of Gowrie" in polish
    assert "Empowerment" not in polish


def test_tags_copied_from_the_english_story_are_marked_english(client, output):
    polish = html_of(client, STORIES["neighbours-helping-neighbours"]["pl"][0])
    tags = polish.select(".pk_tags .ds_tag")
    assert [t.get_text() for t in tags] == ["pandemic", "volunteering"]
    assert {t.get("lang") for t in tags} == {"en"}
    english = html_of(client, STORIES["neighbours-helping-neighbours"]["en"][0])
    assert all(t.get("lang") is None for t in english.select(".pk_tags .ds_tag"))


# --- Listings, feeds, search: one language each ---------------------------------------------


@pytest.mark.parametrize("lang", ["gd", "pl"])
def test_listing_shows_only_the_languages_stories(client, output, lang):
    html = html_of(client, INDEX[lang])
    expected = [STORIES["vision-and-define-begins"][lang][1], STORIES["neighbours-helping-neighbours"][lang][1]]
    assert card_titles(html) == expected  # newest first
    assert all(a["href"].startswith(INDEX[lang]) for a in html.select(".pk_story-card__title a"))
    # The filters offer the language's own themes and places; filter URLs use the shared slugs.
    theme_names = [o.get_text(strip=True) for o in html.select("select[name=theme] option")][1:]
    assert ("Cumhachdachadh" if lang == "gd" else "Wzmacnianie społeczności") in theme_names
    assert "Empowerment" not in theme_names
    filtered = html_of(client, f"{INDEX[lang]}?theme=equalities")
    assert card_titles(filtered) == [STORIES["neighbours-helping-neighbours"][lang][1]]


def test_english_listing_has_no_translations(client, output):
    titles = card_titles(html_of(client, INDEX["en"]))
    assert len(titles) == min(STORIES_PER_PAGE, StoryPage.objects.filter(locale__language_code="en").count())
    foreign = {urls[lang][1] for urls in STORIES.values() for lang in ("gd", "pl")}
    assert not foreign & set(titles)


@pytest.mark.parametrize("lang", ["en", "gd", "pl"])
def test_feeds_are_per_language(client, output, lang):
    feed = feedparser.parse(client.get(f"{INDEX[lang]}feed/").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == lang
    links = [entry.link.removeprefix("http://testserver") for entry in feed.entries]
    assert links and all(link.startswith(INDEX[lang]) for link in links)
    if lang != "en":
        assert [e.title for e in feed.entries] == [
            STORIES["vision-and-define-begins"][lang][1],
            STORIES["neighbours-helping-neighbours"][lang][1],
        ]
    podcast = client.get(f"{INDEX[lang]}podcast/feed/")
    assert podcast.status_code == 200
    episodes = feedparser.parse(podcast.content).entries
    assert len(episodes) == (1 if lang == "en" else 0)  # the episode is in English only


@pytest.mark.parametrize("lang", ["gd", "pl"])
def test_home_page_stories_are_in_the_language(client, output, lang):
    html = html_of(client, f"{PREFIX[lang]}/")
    titles = card_titles(html)
    assert set(titles) == {urls[lang][1] for urls in STORIES.values()}
    english = card_titles(html_of(client, "/"))
    assert english and not {urls[code][1] for urls in STORIES.values() for code in ("gd", "pl")} & set(english)


@pytest.mark.parametrize(("lang", "query"), [("pl", "sąsiedzi"), ("gd", "nàbaidhean"), ("en", "neighbours")])
def test_search_finds_stories_in_the_readers_language_only(client, output, lang, query):
    html = html_of(client, f"{PREFIX[lang]}/search/?q={query}")
    hrefs = [a["href"] for a in html.select(".ds_search-result__link")]
    assert STORIES["neighbours-helping-neighbours"][lang][0] in hrefs
    languages = {href.split("/")[1] if href.split("/")[1] in ("gd", "pl") else "en" for href in hrefs}
    assert languages == {lang}, hrefs


def test_sitemap_lists_the_translated_stories_with_their_alternates(client, output):
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
    xml = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {u.find("sm:loc", ns).text.removeprefix("http://testserver"): u for u in xml.findall("sm:url", ns)}
    for urls in STORIES.values():
        for _lang, (url, _title) in urls.items():
            alternates = {
                link.get("hreflang"): link.get("href").removeprefix("http://testserver")
                for link in entries[url].findall("xhtml:link", ns)
            }
            assert alternates == {**{code: u for code, (u, _t) in urls.items()}, "x-default": urls["en"][0]}


def test_story_index_translations_share_the_english_tree(output):
    for lang in ("gd", "pl"):
        index = StoryIndexPage.objects.get(locale__language_code=lang)
        assert index.get_parent().specific.locale.language_code == lang
        assert index.get_children().live().count() == 2


@pytest.mark.parametrize(
    "url",
    [FORMATS["gd"], INDEX["pl"], STORIES["neighbours-helping-neighbours"]["pl"][0], "/news-and-stories/home-first/"],
)
def test_warm_pages_stay_within_the_query_budget(client, output, url):
    from tests.test_query_counts import MAX_WARM_QUERIES, describe, warm_queries

    _response, sql = warm_queries(client, url)
    assert len(sql) <= MAX_WARM_QUERIES, describe(sql)
