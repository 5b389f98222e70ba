"""Factories for the site's models (wagtail-factories on factory_boy)."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from home.models import HomePage, Navigation, SiteSettings, StandardPage


def default_locale():
    return Locale.objects.get(language_code="en")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Perth and Kinross Offer"
    slug = factory.Sequence(lambda n: f"home-{n}")
    locale = factory.LazyFunction(default_locale)
    tagline = "Everyone has something to offer."
    summary = "Working with communities."
    vision = "Creating a confident, ambitious and fairer Perth and Kinross, for all who live and work here."
    objectives = factory.LazyFunction(lambda: [("objective", {"title": "Giving every child the best start in life"})])
    principles = factory.LazyFunction(
        lambda: [("principle", {"title": "Kindness", "description": "We look out for each other."})]
    )

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    slug = factory.Sequence(lambda n: f"standard-page-{n}")
    locale = factory.LazyFunction(default_locale)
    summary = "A summary of the page."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Some body text.</p>")])

    class Meta:
        model = StandardPage


class SiteSettingsFactory(DjangoModelFactory):
    locale = factory.LazyFunction(default_locale)
    organisation_name = "Perth and Kinross Council"
    site_name = "Perth and Kinross Offer"
    phase = "Beta"
    phase_message = "This is a new website."
    phone = "01738 475000"
    email = "pkoffer@example.org"

    class Meta:
        model = SiteSettings


class NavigationFactory(DjangoModelFactory):
    locale = factory.LazyFunction(default_locale)
    name = "Site navigation"

    class Meta:
        model = Navigation
