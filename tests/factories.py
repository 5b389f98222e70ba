"""Factories for the site's models (wagtail-factories on factory_boy)."""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from home.models import HomePage, Navigation, SiteSettings, StandardPage
from stories.models import (
    BlogPostPage,
    CommunityStoryPage,
    Person,
    Place,
    PodcastEpisodePage,
    StoryIndexPage,
    Theme,
    VideoPage,
    VisionUpdatePage,
)


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


# --- Stories ----------------------------------------------------------------------------------


class ThemeFactory(DjangoModelFactory):
    locale = factory.LazyFunction(default_locale)
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")

    class Meta:
        model = Theme


class PlaceFactory(DjangoModelFactory):
    locale = factory.LazyFunction(default_locale)
    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")

    class Meta:
        model = Place


class PersonFactory(DjangoModelFactory):
    locale = factory.LazyFunction(default_locale)
    name = "Offer team"
    role = "Perth and Kinross Council"
    is_team = True

    class Meta:
        model = Person


class DocumentFactory(wagtail_factories.DocumentFactory):
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name=o.filename))

    class Params:
        filename = "file.pdf"
        content = b"%PDF-1.4 demo"


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "News and stories"
    slug = "news-and-stories"
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = StoryIndexPage


class VisionUpdatePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Vision update {n}")
    slug = factory.Sequence(lambda n: f"vision-update-{n}")
    locale = factory.LazyFunction(default_locale)
    summary = "Progress on the vision."
    publish_date = datetime.date(2020, 12, 11)
    phase = "vision-and-define"
    what_changed = "<ul><li>Principles proposed</li></ul>"

    class Meta:
        model = VisionUpdatePage


class BlogPostPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Blog post {n}")
    slug = factory.Sequence(lambda n: f"blog-post-{n}")
    locale = factory.LazyFunction(default_locale)
    summary = "A blog post."
    publish_date = datetime.date(2021, 1, 15)
    author = factory.SubFactory(PersonFactory)
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Blog words.</p>")])

    class Meta:
        model = BlogPostPage


class VideoPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Video {n}")
    slug = factory.Sequence(lambda n: f"video-{n}")
    locale = factory.LazyFunction(default_locale)
    summary = "A video."
    publish_date = datetime.date(2021, 2, 1)
    video_url = "https://www.youtube.com/watch?v=abcDEF12345"
    poster = factory.SubFactory(wagtail_factories.ImageFactory)
    transcript = "<p>Narrator: everyone has something to offer.</p>"

    class Meta:
        model = VideoPage


class PodcastEpisodePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Episode {n}")
    slug = factory.Sequence(lambda n: f"episode-{n}")
    locale = factory.LazyFunction(default_locale)
    summary = "An episode."
    publish_date = datetime.date(2021, 2, 10)
    audio = factory.SubFactory(DocumentFactory, filename="episode.mp3", content=b"ID3" + b"\0" * 2000)
    duration = datetime.timedelta(minutes=12, seconds=30)
    episode_number = factory.Sequence(lambda n: n + 1)
    transcript = "<p>Host: welcome.</p>"

    class Meta:
        model = PodcastEpisodePage


class CommunityStoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Community story {n}")
    slug = factory.Sequence(lambda n: f"community-story-{n}")
    locale = factory.LazyFunction(default_locale)
    summary = "Neighbours helping neighbours."
    publish_date = datetime.date(2020, 9, 18)
    theme = factory.SubFactory(ThemeFactory)
    place = factory.SubFactory(PlaceFactory)
    storyteller = "A community group"
    quote = "Everyone has something to offer."

    class Meta:
        model = CommunityStoryPage


def question(kind, label, required=False, **extra):
    """A consultation question block's raw data, for ConsultationPage.sections."""
    return {"type": kind, "value": {"label": label, "help_text": "", "required": required, **extra}}
