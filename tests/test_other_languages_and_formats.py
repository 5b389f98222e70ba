"""'Ask for this in another language or format' on every page, leading to a translatable contact page.

The page is chosen once, in Site settings; every language's pages lead to its translation in that
language (or to the chosen page while it has none). The link comes from the cached site chrome,
so it costs no query on a warm page.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import timezone, translation

from home.models import ContactPage, HomePage, SiteSettings, StandardPage
from home.views import server_error
from tests.test_consultations import make_consultation
from tests.test_query_counts import describe, warm_queries

FORMATS_LINK = "Ask for this in another language or format"


def soup(response):
    assert response.status_code in (200, 404), response.status_code
    return BeautifulSoup(response.content, "html.parser")


def formats_aside(html):
    return html.find("aside", class_="pk_formats")


def formats_href(html):
    aside = formats_aside(html)
    return aside.find("a")["href"] if aside else None


@pytest.fixture
def formats_page(site_tree, locales):
    """An English contact page for other languages and formats, translated into Polish only, chosen in Site settings."""
    home = site_tree["homes"]["en"]
    page = ContactPage(
        title="Other languages and formats",
        slug="other-languages-and-formats",
        summary="Ask for anything on this site in another language or format.",
        body=[("paragraph", "<p>We can give you information in large print, easy read, audio or Braille.</p>")],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    polish = page.copy_for_translation(locales["pl"])
    polish.title = "Inne języki i formaty"
    polish.slug = "inne-jezyki-i-formaty"
    polish.save_revision().publish()
    settings = SiteSettings.objects.get(locale=locales["en"])
    settings.formats_page = page
    settings.text_phone = "07824 498145"
    settings.address = "Perth and Kinross Council\n2 High Street\nPerth\nPH1 5PH"
    settings.contact_hours = "Monday to Friday, 8am to 6pm"
    settings.save()
    return {"en": page, "pl": ContactPage.objects.get(pk=polish.pk)}


def test_no_link_until_a_page_is_chosen(client, site_tree):
    assert formats_aside(soup(client.get("/about/"))) is None


def test_every_page_links_to_the_formats_page_in_its_language(client, site_tree, formats_page):
    english = soup(client.get("/about/"))
    aside = formats_aside(english)
    assert aside["aria-label"] == "Other languages and formats"
    assert aside.find("a").get_text(strip=True) == FORMATS_LINK
    assert formats_href(english) == "/other-languages-and-formats/"
    # The aside is a landmark of its own between the content and the footer, not inside <main>.
    assert aside.find_parent("main") is None and aside.find_parent("footer") is None
    for url in ("/", "/about/five-key-areas/", "/search/?q=offer"):
        assert formats_href(soup(client.get(url))) == "/other-languages-and-formats/", url
    # Polish pages lead to the Polish translation; Gaelic ones to the chosen page until it is translated.
    for url in ("/pl/", "/pl/o-ofercie/", "/pl/search/"):
        assert formats_href(soup(client.get(url))) == "/pl/inne-jezyki-i-formaty/", url
    assert formats_href(soup(client.get("/gd/"))) == "/other-languages-and-formats/"


@pytest.mark.parametrize("lang", ["en", "gd", "pl"])
def test_the_link_reads_in_the_readers_language(client, formats_page, lang):
    prefix = "" if lang == "en" else f"/{lang}"
    html = soup(client.get(f"{prefix}/"))
    with translation.override(lang):
        expected = translation.gettext(FORMATS_LINK)
        label = translation.gettext("Other languages and formats")
    aside = formats_aside(html)
    assert aside.find("a").get_text(strip=True) == expected
    assert aside["aria-label"] == label


def test_not_on_the_formats_page_itself(client, formats_page):
    for url in ("/other-languages-and-formats/", "/pl/inne-jezyki-i-formaty/"):
        html = soup(client.get(url))
        assert formats_aside(html) is None, url


def test_formats_page_shows_the_contact_details_from_site_settings(client, formats_page):
    html = soup(client.get("/other-languages-and-formats/"))
    main = html.find("main")
    assert main.find("h1").get_text(strip=True) == "Other languages and formats"
    assert "large print, easy read, audio or Braille" in main.get_text()
    details = main.find("section", class_="pk_contact-details")
    pairs = {dt.get_text(strip=True): dt.find_next("dd") for dt in details.select("dt")}
    assert pairs["Phone"].find("a")["href"] == "tel:01738475000"
    assert pairs["Text message"].find("a")["href"] == "sms:07824498145"
    assert pairs["Email"].find("a")["href"] == "mailto:pkoffer@example.org"
    assert pairs["Address"].get_text("|", strip=True) == "Perth and Kinross Council|2 High Street|Perth|PH1 5PH"
    assert pairs["Opening hours"].get_text(strip=True) == "Monday to Friday, 8am to 6pm"


def test_translated_site_settings_give_the_translated_details(client, formats_page, locales):
    english = SiteSettings.objects.get(locale=locales["en"])
    polish = english.copy_for_translation(locales["pl"])
    polish.site_name = "Oferta Perth and Kinross"
    polish.contact_hours = "Od poniedziałku do piątku, 8:00–18:00"
    polish.save()
    assert polish.formats_page_id == english.formats_page_id  # synchronised, not translated
    html = soup(client.get("/pl/inne-jezyki-i-formaty/"))
    assert "Od poniedziałku do piątku, 8:00–18:00" in html.find("section", class_="pk_contact-details").get_text()
    # The Polish settings point at the English page; readers still land on the Polish translation.
    assert formats_href(soup(client.get("/pl/o-ofercie/"))) == "/pl/inne-jezyki-i-formaty/"


def test_link_follows_publishing_and_settings_changes(client, formats_page, locales):
    assert formats_href(soup(client.get("/gd/"))) == "/other-languages-and-formats/"
    gaelic = formats_page["en"].copy_for_translation(locales["gd"])
    gaelic.slug = "canain-is-cruthan-eile"
    gaelic.save_revision().publish()  # publishing clears the cached chrome
    assert formats_href(soup(client.get("/gd/"))) == "/gd/canain-is-cruthan-eile/"
    formats_page["en"].unpublish()
    formats_page["pl"].unpublish()
    assert formats_href(soup(client.get("/pl/"))) is None  # nothing live in Polish or English
    assert formats_href(soup(client.get("/gd/"))) == "/gd/canain-is-cruthan-eile/"
    settings = SiteSettings.objects.get(locale=locales["en"])
    settings.formats_page = None
    settings.save()
    assert formats_href(soup(client.get("/gd/"))) is None


def test_on_consultation_pages_and_steps(client, formats_page, home):
    from tests.test_consultations import ConsultationIndexPageFactory

    hub = ConsultationIndexPageFactory(parent=home)
    now = timezone.now()
    consultation = make_consultation(hub, now - datetime.timedelta(days=1), now + datetime.timedelta(days=5))
    page = soup(client.get(consultation.url))
    assert formats_href(page) == "/other-languages-and-formats/"
    box = page.find("div", class_="pk_cta")
    own = box.find("a", string="Ask for this consultation in another language or format")
    assert own["href"] == "/other-languages-and-formats/"
    step = soup(client.get(f"{consultation.url}step/1/"))
    assert formats_href(step) == "/other-languages-and-formats/"


def test_on_the_404_page_but_not_the_500_page(client, formats_page):
    assert formats_href(soup(client.get("/no-such-page/"))) == "/other-languages-and-formats/"
    assert formats_href(soup(client.get("/pl/no-such-page/"))) == "/pl/inne-jezyki-i-formaty/"


def test_500_page_has_no_link_and_needs_no_database():
    with translation.override("en"):
        response = server_error(RequestFactory().get("/"))
    assert b"pk_formats" not in response.content


@pytest.mark.parametrize("url", ["/", "/about/", "/pl/o-ofercie/", "/search/?q=offer"])
def test_the_link_costs_no_query_on_a_warm_page(client, site_tree, locales, url):
    _response, without = warm_queries(client, url)
    page = ContactPage(title="Other languages and formats", slug="formats")
    site_tree["homes"]["en"].add_child(instance=page)
    page.save_revision().publish()
    settings = SiteSettings.objects.get(locale=locales["en"])
    settings.formats_page = page
    settings.save()
    response, with_link = warm_queries(client, url)
    assert b'class="pk_formats"' in response.content
    assert len(with_link) == len(without), describe(with_link)


def test_contact_page_type_rules(home):
    assert ContactPage in HomePage.allowed_subpage_models()
    assert ContactPage in StandardPage.allowed_subpage_models()
    assert ContactPage.allowed_subpage_models() == []


def test_site_settings_offer_a_page_chooser(admin_client, site_tree, locales):
    settings = SiteSettings.objects.get(locale=locales["en"])
    response = admin_client.get(f"/admin/snippets/home/sitesettings/edit/{settings.pk}/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    field = html.find("input", attrs={"name": "formats_page"})
    assert field is not None
    assert "Ask for this in another language or format" in response.content.decode()  # the help text
