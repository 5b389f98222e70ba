"""The demo content command: real content from the seeds, safe to run twice, reports progress."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from home.models import HomePage, Navigation, SiteSettings, StandardPage


@pytest.fixture
def demo(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").find("main").get_text(" ", strip=True)


def test_demo_creates_the_site_from_the_seeds(client, demo):
    assert "Home page: created" in demo
    assert "Demo content ready." in demo
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()  # welcome page gone
    home = text_of(client, "/")
    assert "Creating a confident, ambitious and fairer Perth and Kinross" in home
    for principle in ("Bold vision", "Enabling", "Partnership", "Kindness"):
        assert principle in home
    told = text_of(client, "/what-you-told-us/")
    for fact in ("787", "1,500", "2,800", "1,300", "over 1,000 participants", "more than 40"):
        assert fact in told
    assert "Isolation, loneliness and mental wellbeing" in told
    areas = text_of(client, "/about/five-key-areas/")
    for area in ("Economy and entrepreneurship", "Environment", "Equalities", "Education and learning", "Empowerment"):
        assert area in areas
    for url in ("/about/", "/our-vision/", "/contact/", "/accessibility/", "/privacy/"):
        text_of(client, url)


def test_demo_images_are_generated_locally_with_alt_text(client, demo):
    assert get_image_model().objects.count() >= 1
    html = BeautifulSoup(client.get("/what-you-told-us/").content, "html.parser")
    picture = html.find("picture")
    img = picture.find("img")
    assert img["alt"].startswith("Illustration")
    assert img["width"] and img["height"] and img["loading"] == "lazy"
    assert any("webp" in (s.get("type") or "") for s in picture.find_all("source"))
    assert "," in img.get("srcset", "") or any("," in s.get("srcset", "") for s in picture.find_all("source"))


def test_demo_document_link_shows_type_and_size(client, demo):
    html = BeautifulSoup(client.get("/what-you-told-us/").content, "html.parser")
    download = html.select_one(".ds_file-download")
    assert download.select_one(".ds_file-download__title").get_text(strip=True) == "Discover phase response figures"
    values = [v.get_text(strip=True) for v in download.select(".ds_metadata__value")]
    assert values[0] == "CSV" and values[1].endswith("bytes")


def test_demo_is_idempotent(demo):
    counts = (Page.objects.count(), SiteSettings.objects.count(), Navigation.objects.count())
    images = get_image_model().objects.count()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert (Page.objects.count(), SiteSettings.objects.count(), Navigation.objects.count()) == counts
    assert get_image_model().objects.count() == images
    assert "Home page: already there" in out.getvalue()
    assert "0 created" in out.getvalue()
    for code in ("gd", "pl"):  # the translations made through wagtail-localize are not made again
        assert f"Consultation 'The proposed vision and principles' ({code}): already there" in out.getvalue()


def test_demo_navigation_and_footer(client, demo):
    html = BeautifulSoup(client.get("/").content, "html.parser")
    nav = [a.get_text(strip=True) for a in html.find("nav", id="site-navigation").find_all("a")]
    assert nav[0] == "About the Offer" and "Contact us" in nav
    footer = [a.get_text(strip=True) for a in html.find("footer").select(".ds_site-footer__site-items a")]
    assert footer == ["Contact us", "Accessibility statement", "Privacy notice"]
    assert StandardPage.objects.filter(slug="accessibility").exists()
