"""Every page type renders in every language, with the right language markup and links."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from consultations.models import ConsultationIndexPage, ConsultationPage
from home.models import ContactPage, HomePage, StandardPage
from stories.models import StoryIndexPage
from tests.factories import StandardPageFactory


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [
        ("/", "en", "Perth and Kinross Offer"),
        ("/gd/", "gd", "Tairgse Pheairt agus Cheann Rois"),
        ("/pl/", "pl", "Oferta Perth and Kinross"),
        ("/about/", "en", "About the Offer"),
        ("/pl/o-ofercie/", "pl", "O ofercie"),
        ("/about/five-key-areas/", "en", "The five key areas"),
    ],
)
def test_page_renders_in_its_language(client, site_tree, url, lang, title):
    response = client.get(url)
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == lang
    assert html.html["dir"] == "ltr"
    assert html.find("h1").get_text(strip=True) == title
    assert html.title.get_text().startswith(title)


def test_standard_page_in_gaelic_renders(client, site_tree, locales):
    about_gd = site_tree["about"].copy_for_translation(locales["gd"])
    about_gd.title = "Mun Tairgse"
    about_gd.slug = "mun-tairgse"
    about_gd.save_revision().publish()
    html = soup(client.get("/gd/mun-tairgse/"))
    assert html.html["lang"] == "gd"
    assert html.find("h1").get_text(strip=True) == "Mun Tairgse"


def test_home_page_shows_vision_objectives_and_principles(client, site_tree):
    html = soup(client.get("/"))
    main = html.find("main")
    assert "Everyone has something to offer." in main.get_text()
    assert "Creating a confident, ambitious and fairer Perth and Kinross" in main.get_text()
    assert [li.get_text(strip=True) for li in main.select("ol.pk_objectives li")] == [
        "Giving every child the best start in life"
    ]
    assert main.select_one(".pk_principles h3").get_text(strip=True) == "Kindness"


def test_standard_page_renders_every_shared_block(client, home):
    page = StandardPageFactory(
        parent=home,
        slug="blocks",
        body=[
            ("heading", {"text": "A heading", "level": "h2"}),
            ("paragraph", "<p>Plain <b>bold</b> text.</p>"),
            ("quote", {"quote": "Everyone has something to offer.", "attribution": "A resident"}),
            (
                "call_to_action",
                {"heading": "Have your say", "text": "Tell us.", "link_page": home, "link_url": "", "link_text": "Go"},
            ),
            ("accordion", {"items": [{"title": "Environment", "content": "<p>Greenspace.</p>"}]}),
            (
                "table",
                {
                    "caption": "Responses",
                    "header": ["Survey", "Responses"],
                    "rows": [["Staff impact questionnaire", "1500"]],
                    "first_column_is_header": True,
                },
            ),
        ],
    )
    html = soup(client.get(page.url))
    main = html.find("main")
    assert main.find("h2", string="A heading")
    assert main.find("b", string="bold")
    assert main.find("blockquote").get_text(strip=True) == "Everyone has something to offer."
    cta = main.select_one(".pk_cta a.ds_button")
    assert cta["href"] == "/" and cta.get_text() == "Go"
    details = main.find("details")
    assert details.find("summary").get_text(strip=True) == "Environment"
    table = main.find("table")
    assert table.find("caption").get_text(strip=True) == "Responses"
    assert table.find("th", scope="row").get_text() == "Staff impact questionnaire"
    assert table.find("td").get_text() == "1500"


def test_page_type_rules(home):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root)
    assert not StandardPage.can_create_at(root)
    assert StandardPage.can_create_at(home)
    assert not HomePage.can_create_at(home)
    assert set(HomePage.allowed_subpage_models()) == {
        StandardPage,
        ContactPage,
        StoryIndexPage,
        ConsultationIndexPage,
    }
    assert set(ConsultationIndexPage.allowed_subpage_models()) == {ConsultationPage}
    assert ConsultationIndexPage.allowed_parent_page_models() == [HomePage]
    assert set(StandardPage.allowed_subpage_models()) == {StandardPage, ContactPage}


def test_breadcrumbs_lead_home_in_the_readers_language(client, site_tree):
    html = soup(client.get("/about/five-key-areas/"))
    crumbs = html.find("nav", attrs={"aria-label": "Breadcrumb"})
    links = [(a.get_text(strip=True), a["href"]) for a in crumbs.find_all("a")]
    assert links == [("Home", "/"), ("About the Offer", "/about/")]
    assert crumbs.find(attrs={"aria-current": "page"}).get_text(strip=True) == "The five key areas"
    assert soup(client.get("/")).find("nav", attrs={"aria-label": "Breadcrumb"}) is None


def test_header_navigation_uses_translated_pages(client, site_tree):
    english = soup(client.get("/")).find("nav", id="site-navigation")
    assert [(a.get_text(strip=True), a["href"]) for a in english.find_all("a")] == [("About the Offer", "/about/")]
    polish = soup(client.get("/pl/")).find("nav", id="site-navigation")
    assert [(a.get_text(strip=True), a["href"]) for a in polish.find_all("a")] == [("O ofercie", "/pl/o-ofercie/")]


def test_navigation_follows_a_published_title_change(client, site_tree):
    assert "About the Offer" in soup(client.get("/")).find("nav", id="site-navigation").get_text()
    about = site_tree["about"]
    about.title = "About us"
    about.save_revision().publish()
    assert "About us" in soup(client.get("/")).find("nav", id="site-navigation").get_text()


def test_footer_links_and_contact_details(client, site_tree):
    footer = soup(client.get("/")).find("footer")
    assert ("Key areas", "/about/five-key-areas/") in [
        (a.get_text(strip=True), a["href"]) for a in footer.find_all("a")
    ]
    assert "01738 475000" in footer.get_text()
    assert "Perth and Kinross Council" in footer.get_text()


def test_phase_banner(client, site_tree):
    banner = soup(client.get("/")).select_one(".ds_phase-banner")
    assert banner.select_one(".ds_tag").get_text(strip=True) == "Beta"


def test_skip_link_targets_main(client, site_tree):
    html = soup(client.get("/about/"))
    skip = html.select_one(".ds_skip-links__link")
    assert skip["href"] == "#main-content"
    assert html.find(id="main-content").name == "main"


def test_no_resource_is_loaded_from_another_site(client, site_tree):
    html = soup(client.get("/"))
    for tag, attr in [("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "srcset")]:
        for element in html.find_all(tag):
            value = element.get(attr) or ""
            if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not value.startswith(("http:", "https:", "//")), f"{tag} loads {value}"
    assert not html.find_all("script"), "public pages need no JavaScript"


def test_untranslated_ui_strings_follow_the_language(client, site_tree):
    with translation.override("pl"):
        expected = translation.gettext("Skip to main content")
    html = soup(client.get("/pl/"))
    assert html.select_one(".ds_skip-links__link").get_text(strip=True) == expected


def test_private_section_stays_private_for_its_children(client, site_tree):
    from wagtail.models import PageViewRestriction

    about = site_tree["about"]
    PageViewRestriction.objects.create(page=about, restriction_type="password", password="letmein-please")
    for url in ("/about/", "/about/five-key-areas/"):
        response = client.get(url)
        assert response.status_code == 200
        assert b'name="password"' in response.content, url
        assert b"Some body text." not in response.content
    assert b'name="password"' not in client.get("/").content


def test_deep_pages_and_unknown_paths_route_correctly(client, site_tree):
    assert client.get("/about/five-key-areas/").status_code == 200
    assert client.get("/about/no-such-page/").status_code == 404
    assert client.get("/about/five-key-areas/deeper/").status_code == 404
    assert client.get("/pl/o-ofercie/").status_code == 200


def test_the_site_is_found_without_a_query_and_follows_changes(client, site_tree, django_assert_num_queries):
    from wagtail.models import Site

    from home.sites import site_for

    client.get("/")
    request = client.get("/").wsgi_request
    with django_assert_num_queries(0):
        assert site_for(request).root_page_id == site_tree["homes"]["en"].pk
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed"
    site.save()  # clears the cache in this process
    assert site_for(request).site_name == "Renamed"
