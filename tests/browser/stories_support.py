"""Shared by the browser tests of "News and stories": the demo stories, pages they need, off-site blocking.

The demo (`load_demo`) has its stories in English only. Tests that need them in Gaelic or Polish
make untranslated copies with Wagtail's copy_for_translation, as an editor starting a translation
would; tests that need more stories or an embedded (YouTube) video add them with the factories.
"""

import datetime
from urllib.parse import urlsplit

from wagtail.models import Page

from stories.models import STORIES_PER_PAGE, Person, Place, StoryIndexPage, StoryPage, Theme
from tests.factories import BlogPostPageFactory, PersonFactory, VideoPageFactory

from .helpers import page_tree_problems, site_netlocs

# One demo story of each type, by slug (stories/demo_content.py).
DEMO_STORIES = {
    "community-story": "home-first",
    "vision-update": "vision-and-define-begins",
    "blog-post": "four-principles",
    "video-file": "the-offer-in-one-minute",
    "podcast-episode": "episode-1-everyone-has-something-to-offer",
}
YOUTUBE_URL = "https://www.youtube.com/watch?v=abcDEF12345"
YOUTUBE_PLAYER_HOST = "www.youtube-nocookie.com"
# Hosts a video or podcast player could fetch from: none of them may be asked before "Play video".
VIDEO_HOSTS = (
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "ytimg.com",
    "googlevideo.com",
    "vimeo.com",
    "vimeocdn.com",
)


def story_index(locale):
    return StoryIndexPage.objects.get(locale=locale)


def english_story(slug):
    index = StoryIndexPage.objects.get(locale__language_code="en")
    return StoryPage.objects.child_of(index).get(slug=slug).specific


def publish(page):
    """Publish through a revision, as the admin does, so the page_published handlers run (caches)."""
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def in_language(page, locale):
    """The page's version in `locale`: an existing translation, else an untranslated copy (parents first)."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    problems = page_tree_problems()
    assert not problems, f"Wagtail's page tree is inconsistent, pages cannot be added: {problems}"
    parent = page.get_parent()
    if parent.get_translation_or_none(locale) is None:
        in_language(parent.specific, locale)
    return publish(page.copy_for_translation(locale))


def translate_taxonomy(locale):
    """Untranslated copies of the themes and places in `locale`, so its filter form lists them."""
    for model in (Theme, Place):
        for item in model.objects.filter(locale__language_code="en"):
            if not item.has_translation(locale):
                item.copy_for_translation(locale).save()


def add_embedded_video(index, **kwargs):
    """A published YouTube video story (with a poster image stored on the site) under `index`."""
    page = VideoPageFactory(
        parent=index,
        locale=index.locale,
        title="Our place, our plan",
        slug="our-place-our-plan",
        video_url=YOUTUBE_URL,
        **kwargs,
    )
    return publish(page)


def add_blog_posts(index, at_least):
    """Extra blog posts (dated 2019, so they come last) until `index` has `at_least` live stories."""
    author = Person.objects.filter(locale=index.locale).first() or PersonFactory(locale=index.locale)
    added = []
    count = StoryPage.objects.child_of(index).live().count()
    for number in range(count + 1, at_least + 1):
        page = BlogPostPageFactory(
            parent=index,
            locale=index.locale,
            title=f"Offer notes {number}",
            slug=f"offer-notes-{number}",
            publish_date=datetime.date(2019, 12, 1) - datetime.timedelta(days=number),
            author=author,
        )
        added.append(publish(page))
    assert StoryPage.objects.child_of(index).live().count() >= at_least
    return added


def enough_for_two_pages():
    return STORIES_PER_PAGE + 3


class OffsiteBlocker:
    """Aborts, in a browser context, every request for anything but the live server, and lists them.

    Nothing leaves the machine: a YouTube player asked for after "Play video" is intercepted
    here (route.abort) before any connection is made, and the attempt is recorded.
    """

    def __init__(self, base_url):
        self.netlocs = site_netlocs(base_url)
        self.blocked = []

    def _offsite(self, url):
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "ws", "wss") and parts.netloc not in self.netlocs

    def _abort(self, route):
        self.blocked.append(route.request.url)
        route.abort("blockedbyclient")

    def attach(self, context):
        context.route(self._offsite, self._abort)
        return context

    def hosts(self, since=0):
        return [urlsplit(url).hostname for url in self.blocked[since:]]


def is_video_host(url):
    host = urlsplit(url).hostname or ""
    return any(host == name or host.endswith("." + name) for name in VIDEO_HOSTS)
