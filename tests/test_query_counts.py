"""Warm SQL query counts: they do not grow with the content, and stay within budget.

Each page is requested twice and the queries of the second (warm) request are counted: the site
chrome, image renditions and Wagtail's site root paths are cached by then. The counts must be the
same with 5 and with 50 child pages (so with 5 and 50 search hits, sitemap entries and footer
links), the same with a body of each block once and ten times over, and never above
MAX_WARM_QUERIES. `manage.py benchmark` measures the same on the demo content, with timings;
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import DocumentFactory, ImageFactory

from home.models import Navigation, StandardPage
from tests.factories import StandardPageFactory

MAX_WARM_QUERIES = 10
FEW, MANY = 5, 50
SEARCH_TERM = "allotment"  # only in the generated child pages


def warm_queries(client, url, expect_status=200):
    """The response to the third request to `url` (the first two fill the caches: the first may store
    something, such as an image's file size, that starts a new page cache generation), and its SQL."""
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == expect_status, f"GET {url}: {response.status_code}"
    return response, [query["sql"] for query in captured.captured_queries]


def describe(sql):
    return "\n".join(f"  {n}. {query[:300]}" for n, query in enumerate(sql, 1))


class Content:
    """Grows the site tree: child pages under the home page and under "About", each in the footer."""

    def __init__(self, site_tree, locales):
        self.home, self.about = site_tree["homes"]["en"], site_tree["about"]
        self.locales = locales
        self.children = []

    def grow_to(self, count):
        while len(self.children) < count:
            n = len(self.children) + 1
            page = StandardPageFactory(
                parent=self.home if n % 2 else self.about,
                title=f"Community allotment {n}",
                slug=f"community-allotment-{n}",
                summary=f"Growing food together, allotment number {n}.",
            )
            if n % 5 == 0:  # some are translated, so the sitemap has alternates to work out
                polish = page.copy_for_translation(self.locales["pl"])
                polish.title = f"Ogród społeczny {n}"
                polish.save_revision().publish()
            self.children.append(page)
        navigation = Navigation.objects.get(locale__language_code="en")
        navigation.footer_links = [("link", {"page": page, "url": "", "text": ""}) for page in self.children]
        navigation.save()  # clears the cached chrome: the first (warming) request rebuilds it


@pytest.fixture
def content(site_tree, locales):
    return Content(site_tree, locales)


PAGES = {
    "home": "/",
    "standard": "/about/",
    "nested-standard": "/about/five-key-areas/",
    "standard-in-polish": "/pl/o-ofercie/",
    "search": f"/search/?q={SEARCH_TERM}",
    "sitemap": "/sitemap.xml",
}


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_warm_queries_do_not_grow_with_child_pages(client, content, url):
    content.grow_to(FEW)
    few_response, few = warm_queries(client, url)
    content.grow_to(MANY)
    many_response, many = warm_queries(client, url)

    assert len(many) == len(few), f"{len(few)} queries with {FEW} pages, {len(many)} with {MANY}:\n{describe(many)}"
    # The content really did grow where this page shows it (footer links, hits, sitemap entries).
    assert many_response.content.count(b"community-allotment-") > few_response.content.count(b"community-allotment-")


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_warm_queries_within_budget(client, content, url):
    content.grow_to(MANY)
    _response, sql = warm_queries(client, url)
    assert len(sql) <= MAX_WARM_QUERIES, describe(sql)


def test_search_results_paginate_the_hits(client, content):
    content.grow_to(MANY)
    response, _sql = warm_queries(client, PAGES["search"])
    assert f"{MANY} results".encode() in response.content
    assert response.content.count(b'class="ds_search-result"') == 10


def test_error_page_queries(client, content):
    content.grow_to(FEW)
    _response, few = warm_queries(client, "/no-such-page/", expect_status=404)
    content.grow_to(MANY)
    _response, many = warm_queries(client, "/no-such-page/", expect_status=404)
    assert len(many) == len(few) <= MAX_WARM_QUERIES, describe(many)


# --- Body blocks ----------------------------------------------------------------------------------
def text_blocks():
    return [
        ("heading", {"text": "A heading", "level": "h2"}),
        ("paragraph", "<p>Plain <b>bold</b> text with an <a href='https://example.org/'>external link</a>.</p>"),
        ("quote", {"quote": "Everyone has something to offer.", "attribution": "A resident"}),
        ("accordion", {"items": [{"title": "Environment", "content": "<p>Greenspace.</p>"}]}),
        ("table", {"caption": "Responses", "header": ["Survey"], "rows": [["1500"]], "first_column_is_header": True}),
    ]


def chooser_blocks(image, document):
    return [
        ("image", {"image": image, "alt_text": "A picture", "decorative": False, "caption": "A caption"}),
        ("document", {"document": document, "title": ""}),
    ]


def call_to_action(target):
    return (
        "call_to_action",
        {"heading": "Have your say", "text": "Tell us.", "link_page": target, "link_url": "", "link_text": "Go"},
    )


def page_link_paragraph(target):
    return ("paragraph", f'<p>See <a linktype="page" id="{target.pk}">this page</a>.</p>')


def queries_once_and_ten_times(client, pages, url, blocks):
    """Warm query counts of `url` with `blocks` in the bodies of `pages`, then with them ten times over."""
    counts = []
    for times in (1, 10):
        for page in pages:
            page = type(page).objects.get(pk=page.pk)  # as published (the fixture's objects may be drafts)
            page.body = blocks * times
            page.save()
        _response, sql = warm_queries(client, url)
        counts.append(sql)
    return counts


def test_warm_queries_do_not_grow_with_body_blocks(client, site_tree):
    about = StandardPage.objects.get(pk=site_tree["about"].pk)
    blocks = text_blocks() + chooser_blocks(ImageFactory(), DocumentFactory())
    once, ten_times = queries_once_and_ten_times(client, [about], "/about/", blocks)
    assert len(ten_times) == len(once), f"{len(once)} queries, then {len(ten_times)}:\n{describe(ten_times)}"
    assert client.get("/about/").content.count(b"<picture") == 10


def test_page_with_every_block_within_budget(client, site_tree):
    about, home = StandardPage.objects.get(pk=site_tree["about"].pk), site_tree["homes"]["en"]
    about.body = text_blocks() + chooser_blocks(ImageFactory(), DocumentFactory()) + [call_to_action(home)]
    about.save()
    _response, sql = warm_queries(client, "/about/")
    assert len(sql) <= MAX_WARM_QUERIES, describe(sql)


# Links chosen in blocks and rich text resolve through one cached URL map (home.chrome.get_page_urls).
@pytest.mark.parametrize("url", ["/about/", "/pl/o-ofercie/"], ids=["english", "polish"])
def test_warm_queries_do_not_grow_with_call_to_action_blocks(client, site_tree, url):
    pages = [site_tree["about"], site_tree["about_pl"]]
    blocks = [call_to_action(site_tree["child"])]
    once, ten_times = queries_once_and_ten_times(client, pages, url, blocks)
    assert len(ten_times) == len(once), f"{len(once)} queries, then {len(ten_times)}:\n{describe(ten_times)}"


@pytest.mark.parametrize("url", ["/about/", "/pl/o-ofercie/"], ids=["english", "polish"])
def test_warm_queries_do_not_grow_with_rich_text_page_links(client, site_tree, url):
    pages = [site_tree["about"], site_tree["about_pl"]]
    blocks = [page_link_paragraph(site_tree["child"])]
    once, ten_times = queries_once_and_ten_times(client, pages, url, blocks)
    assert len(ten_times) == len(once), f"{len(once)} queries, then {len(ten_times)}:\n{describe(ten_times)}"
