import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page, Site

from tests.factories import HomePageFactory, NavigationFactory, SiteSettingsFactory, StandardPageFactory


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """Every test starts in English: the test client's requests (e.g. to /pl/…) activate their
    language in the test's own thread, and it would otherwise stay active for the next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    from home.sites import forget_sites

    cache.clear()
    forget_sites()  # each process keeps the Sites it found; a rolled-back test changes them unseen
    yield
    cache.clear()
    forget_sites()


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get(language_code=code) for code in ("en", "gd", "pl")}


@pytest.fixture
def home(locales):
    """An English home page as the default site's root (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    placeholder = site.root_page
    site.root_page = root
    site.save()
    if placeholder.specific_class is Page:
        placeholder.delete()
    home = HomePageFactory(parent=root, slug="home")
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def site_tree(home, locales):
    """Home in three languages; "About" in English and Polish only; chrome snippets in English.

    Translations are made with Wagtail's copy_for_translation (what wagtail-localize builds on).
    """
    about = StandardPageFactory(parent=home, title="About the Offer", slug="about")
    child = StandardPageFactory(parent=about, title="The five key areas", slug="five-key-areas")
    homes = {"en": home}
    for code in ("gd", "pl"):
        translated = home.copy_for_translation(locales[code])
        translated.title = {"gd": "Tairgse Pheairt agus Cheann Rois", "pl": "Oferta Perth and Kinross"}[code]
        translated.save_revision().publish()
        homes[code] = translated.specific
    about_pl = about.copy_for_translation(locales["pl"])
    about_pl.title = "O ofercie"
    about_pl.slug = "o-ofercie"
    about_pl.save_revision().publish()
    SiteSettingsFactory()
    NavigationFactory(
        primary_links=[("link", {"page": about, "url": "", "text": ""})],
        footer_links=[("link", {"page": child, "url": "", "text": "Key areas"})],
    )
    return {"homes": homes, "about": about, "about_pl": about_pl.specific, "child": child}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Browser tests last: their live server needs a flushed database afterwards (transactional
    tests), which would leave later tests without the locales and groups that migrations create."""
    items.sort(key=lambda item: (item.get_closest_marker("browser") is not None,))
