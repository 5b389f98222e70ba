"""Routing from the per-process memory of paths (home/routing.py): readers always get the page the
database has at that path, in their language, however the tree changed since the last request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home import routing
from home.models import StandardPage


@pytest.fixture(autouse=True)
def _empty_memory():
    routing._routes.clear()
    yield
    routing._routes.clear()


def h1(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def test_the_second_request_for_a_path_skips_the_tree_walk(client, site_tree):
    client.get("/about/five-key-areas/")
    with CaptureQueriesContext(connection) as first_again:
        response = client.get("/about/five-key-areas/")
    assert response.status_code == 200
    assert h1(response) == "The five key areas"
    # The active Locale was not looked up to route (Wagtail's first query when it walks the tree).
    assert not [q for q in first_again.captured_queries if q["sql"].startswith('SELECT "wagtailcore_locale"')]
    routing._routes.clear()
    with CaptureQueriesContext(connection) as walked:
        client.get("/about/five-key-areas/")
    assert len(first_again.captured_queries) < len(walked.captured_queries)


def test_each_language_gets_its_own_page(client, site_tree):
    assert h1(client.get("/about/")) == "About the Offer"
    assert h1(client.get("/pl/o-ofercie/")) == "O ofercie"
    assert h1(client.get("/about/")) == "About the Offer"
    assert h1(client.get("/pl/o-ofercie/")) == "O ofercie"
    assert client.get("/pl/about/").status_code == 404  # About has no Polish page at the English slug


def test_a_renamed_page_moves_at_once(client, site_tree):
    assert client.get("/about/").status_code == 200
    about = StandardPage.objects.get(pk=site_tree["about"].pk)
    about.slug = "about-the-offer"
    about.save_revision().publish()
    assert client.get("/about/").status_code == 404
    assert h1(client.get("/about-the-offer/")) == "About the Offer"
    assert h1(client.get("/about-the-offer/five-key-areas/")) == "The five key areas"


def test_an_unpublished_page_is_gone_at_once(client, site_tree):
    assert client.get("/about/five-key-areas/").status_code == 200
    StandardPage.objects.get(pk=site_tree["child"].pk).unpublish()
    assert client.get("/about/five-key-areas/").status_code == 404


def test_a_page_unpublished_without_signals_is_still_not_served(client, site_tree):
    """Only the path's page id is remembered: its `live` is read from the database every time."""
    assert client.get("/about/five-key-areas/").status_code == 200
    StandardPage.objects.filter(pk=site_tree["child"].pk).update(live=False)
    assert client.get("/about/five-key-areas/").status_code == 404


def test_a_moved_page_is_found_at_its_new_path(client, site_tree):
    assert client.get("/about/five-key-areas/").status_code == 200
    child = StandardPage.objects.get(pk=site_tree["child"].pk)
    child.move(site_tree["homes"]["en"], pos="last-child")
    old = client.get("/about/five-key-areas/")  # Wagtail's automatic redirect, not the old route
    assert (old.status_code, old["Location"]) == (301, "/five-key-areas/")
    assert h1(client.get("/five-key-areas/")) == "The five key areas"


def test_paths_without_a_page_are_not_remembered(client, site_tree):
    for n in range(20):
        assert client.get(f"/no-such-page-{n}/").status_code == 404
    assert not any("no-such-page" in "/".join(key[3]) for key in routing._routes)
