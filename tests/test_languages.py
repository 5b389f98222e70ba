"""Language switcher, hreflang alternates, the sitemap's alternates and translated error pages."""

from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import translation

from home.views import server_error

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def switcher(response):
    nav = soup(response).find("nav", attrs={"class": "pk_languages"})
    return {a["lang"]: (a.get_text(strip=True), a["href"], a.has_attr("aria-current")) for a in nav.find_all("a")}


def alternates(response):
    return {link["hreflang"]: link["href"] for link in soup(response).find_all("link", rel="alternate")}


def test_switcher_names_languages_in_their_own_language(client, site_tree):
    links = switcher(client.get("/"))
    assert [name for name, _url, _current in links.values()] == ["English", "Gàidhlig", "Polski"]
    assert links["en"][2] and not links["gd"][2] and not links["pl"][2]


def test_switcher_goes_to_the_same_page_or_that_languages_home(client, site_tree):
    links = switcher(client.get("/about/"))
    assert links["en"][1] == "/about/"
    assert links["pl"][1] == "/pl/o-ofercie/"  # translated: same page in Polish
    assert links["gd"][1] == "/gd/"  # not translated into Gaelic: Gaelic home page
    back = switcher(client.get("/pl/o-ofercie/"))
    assert back["en"][1] == "/about/" and back["pl"][2]


def test_switcher_on_home_pages(client, site_tree):
    for url in ("/", "/gd/", "/pl/"):
        links = switcher(client.get(url))
        assert {code: href for code, (_n, href, _c) in links.items()} == {"en": "/", "gd": "/gd/", "pl": "/pl/"}


def test_switcher_outside_pages_keeps_the_url(client, site_tree):
    links = switcher(client.get("/search/?q=offer"))
    assert links["pl"][1] == "/pl/search/?q=offer"
    assert links["gd"][1] == "/gd/search/?q=offer"


def test_hreflang_lists_existing_translations_and_x_default(client, site_tree):
    english = alternates(client.get("/about/"))
    assert english == {
        "en": "http://localhost/about/",
        "pl": "http://localhost/pl/o-ofercie/",
        "x-default": "http://localhost/about/",
    }
    assert alternates(client.get("/pl/o-ofercie/")) == english  # symmetric
    assert set(alternates(client.get("/gd/"))) == {"en", "gd", "pl", "x-default"}


@pytest.mark.parametrize("lang", ["en", "gd", "pl"])
def test_html_lang_and_dir_follow_the_locale(client, site_tree, lang):
    prefix = "" if lang == "en" else f"/{lang}"
    html = soup(client.get(f"{prefix}/search/"))
    assert html.html["lang"] == lang
    assert html.html["dir"] == "ltr"


def test_sitemap_lists_every_page_with_alternates(client, site_tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = ElementTree.fromstring(response.content)
    urls = {u.find("sm:loc", NS).text: u for u in xml.findall("sm:url", NS)}
    assert set(urls) == {
        "http://localhost/",
        "http://localhost/gd/",
        "http://localhost/pl/",
        "http://localhost/about/",
        "http://localhost/pl/o-ofercie/",
        "http://localhost/about/five-key-areas/",
    }
    about_alternates = {
        link.get("hreflang"): link.get("href") for link in urls["http://localhost/about/"].findall("xhtml:link", NS)
    }
    assert about_alternates == {
        "en": "http://localhost/about/",
        "pl": "http://localhost/pl/o-ofercie/",
        "x-default": "http://localhost/about/",
    }


def test_robots_txt_points_at_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.parametrize("lang", ["en", "gd", "pl"])
def test_404_is_in_the_readers_language(client, site_tree, lang):
    prefix = "" if lang == "en" else f"/{lang}"
    response = client.get(f"{prefix}/no-such-page/")
    assert response.status_code == 404
    html = soup(response)
    assert html.html["lang"] == lang
    with translation.override(lang):
        expected = translation.gettext("Page not found")
    assert html.find("h1").get_text(strip=True) == expected
    if lang != "en":
        assert expected != "Page not found", f"no {lang} translation for the 404 page"


@pytest.mark.parametrize("lang", ["en", "gd", "pl"])
def test_500_page_needs_no_database_and_is_translated(lang):
    # No db fixture: any database access in the 500 handler would raise here.
    request = RequestFactory().get("/")
    with translation.override(lang):
        response = server_error(request)
        expected = translation.gettext("Sorry, there is a problem with the service")
    assert response.status_code == 500
    html = BeautifulSoup(response.content, "html.parser")
    assert html.html["lang"] == lang
    assert html.find("h1").get_text(strip=True) == expected


def test_search_only_finds_pages_in_the_current_language(client, site_tree):
    english = soup(client.get("/search/?q=Oferta"))
    polish = soup(client.get("/pl/search/?q=Oferta"))
    polish_titles = [a.get_text(strip=True) for a in polish.select(".ds_search-result__link")]
    assert polish_titles == ["Oferta Perth and Kinross"]
    assert all(a["href"].startswith("/pl/") for a in polish.select(".ds_search-result__link"))
    assert english.select(".ds_search-result__link") == []
    assert english.find("main").find(string=lambda s: "Check the spelling" in s)


def test_search_keeps_the_query_and_paginates(client, site_tree, home):
    from tests.factories import StandardPageFactory

    # A word no other page has in any form (PostgreSQL's search also finds "communities" for "community").
    for i in range(12):
        StandardPageFactory(parent=home, title=f"Glenfarg story {i}", slug=f"glenfarg-{i}")
    first = soup(client.get("/search/?q=glenfarg"))
    assert first.find("input", id="search-page-query")["value"] == "glenfarg"
    assert "12 results" in first.select_one(".ds_search-results__title").get_text()
    assert len(first.select(".ds_search-result")) == 10
    next_link = first.select_one(".ds_pagination a")
    assert "q=glenfarg" in next_link["href"] and "page=2" in next_link["href"]
    second = soup(client.get("/search/?q=glenfarg&page=2"))
    assert len(second.select(".ds_search-result")) == 2


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "25 November 2026, 17:00"), ("gd", "25 An t-Samhain 2026, 17:00"), ("pl", "25 listopada 2026 17:00")],
)
def test_dates_and_times_read_naturally_in_each_language(language, expected):
    import datetime

    from django.utils import formats, translation

    with translation.override(language):
        assert formats.date_format(datetime.datetime(2026, 11, 25, 17, 0), "DATETIME_FORMAT") == expected
