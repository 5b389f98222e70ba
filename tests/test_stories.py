"""Stories: the five types, the index with its filters, feeds, click-to-load video, editors' rules."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from stories.models import StoryIndexPage, VideoPage, parse_video_url
from tests.factories import (
    BlogPostPageFactory,
    CommunityStoryPageFactory,
    DocumentFactory,
    PersonFactory,
    PlaceFactory,
    PodcastEpisodePageFactory,
    StoryIndexPageFactory,
    ThemeFactory,
    VideoPageFactory,
    VisionUpdatePageFactory,
)


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def stories(index):
    environment, equalities = (
        ThemeFactory(name="Environment", slug="environment"),
        ThemeFactory(name="Equalities", slug="equalities"),
    )
    perth, kinross = (
        PlaceFactory(name="Perth City", slug="perth-city"),
        PlaceFactory(name="Kinross-shire", slug="kinross-shire"),
    )
    bloom = CommunityStoryPageFactory(
        parent=index,
        title="Community Bloom Groups",
        theme=environment,
        place=kinross,
        publish_date=datetime.date(2020, 6, 5),
    )
    update = VisionUpdatePageFactory(parent=index, title="Phase 2 begins", publish_date=datetime.date(2020, 12, 11))
    update.themes.set([equalities])
    update.places.set([perth])
    update.save_revision().publish()
    blog = BlogPostPageFactory(parent=index, title="Four principles", publish_date=datetime.date(2021, 1, 15))
    video = VideoPageFactory(parent=index, title="The Offer in one minute", publish_date=datetime.date(2021, 2, 1))
    podcast = PodcastEpisodePageFactory(
        parent=index, title="Episode 1", episode_number=1, publish_date=datetime.date(2021, 2, 10)
    )
    return {"bloom": bloom, "update": update, "blog": blog, "video": video, "podcast": podcast}


def titles(html):
    return [a.get_text(strip=True) for a in html.select(".pk_story-card__title a")]


# --- Each type renders ---------------------------------------------------------------------


def test_each_story_type_renders_with_its_type_and_date(client, stories):
    expected = {
        "bloom": "Community story",
        "update": "Vision update",
        "blog": "Blog post",
        "video": "Video",
        "podcast": "Podcast episode",
    }
    for key, label in expected.items():
        page = stories[key]
        html = soup(client.get(page.url))
        assert html.find("h1").get_text(strip=True) == page.title
        assert html.select_one(".ds_page-header__label").get_text(strip=True) == label
        assert html.find("time")["datetime"] == page.publish_date.isoformat()


def test_vision_update_shows_phase_and_what_changed(client, stories):
    html = soup(client.get(stories["update"].url))
    assert "Phase 2: Vision and Define" in html.find("main").get_text()
    assert html.find("li", string="Principles proposed")


def test_blog_post_shows_byline(client, stories):
    html = soup(client.get(stories["blog"].url))
    assert html.select_one(".pk_byline").get_text(strip=True).startswith("By the Offer team")


def test_community_story_shows_theme_place_quote_and_links_to_filtered_lists(client, stories):
    html = soup(client.get(stories["bloom"].url))
    facts = html.select_one(".pk_story-facts")
    links = {a.get_text(strip=True): a["href"] for a in facts.find_all("a")}
    assert links == {
        "Environment": "/news-and-stories/?theme=environment",
        "Kinross-shire": "/news-and-stories/?place=kinross-shire",
    }
    assert html.find("blockquote").get_text(strip=True) == "Everyone has something to offer."


def test_podcast_has_native_player_download_transcript_and_feed_link(client, stories):
    html = soup(client.get(stories["podcast"].url))
    audio = html.find("audio")
    assert audio.has_attr("controls") and audio["preload"] == "none"
    assert audio["src"].endswith(".mp3")
    assert html.find(id="transcript-heading")
    assert "Host: welcome." in html.select_one(".pk_transcript").get_text()
    assert html.find("a", href="/news-and-stories/podcast/feed/")
    length = html.find("dt", string="Length").find_next("time")
    assert (length.get_text(), length["datetime"]) == ("12:30", "PT12M30S")


# --- Video: nothing from the host until asked ----------------------------------------------


def test_embedded_video_loads_nothing_from_the_host_until_asked(client, stories):
    page = stories["video"]
    html = soup(client.get(page.url))
    assert html.find("iframe") is None
    for tag in html.find_all(["img", "source", "script", "iframe", "link", "video"]):
        for attr in ("src", "srcset", "href", "poster"):
            value = tag.get(attr) or ""
            assert "youtube" not in value and "vimeo" not in value, f"{tag.name} {attr}={value}"
    play = html.select_one("a.pk_video__play")
    assert play["href"] == "?play=1#video"
    assert html.find("a", href="https://www.youtube.com/watch?v=abcDEF12345")  # direct link, no JS needed
    played = soup(client.get(page.url, {"play": "1"}))
    iframe = played.find("iframe")
    assert iframe["src"].startswith("https://www.youtube-nocookie.com/embed/abcDEF12345")
    assert iframe["title"]


def test_self_hosted_video_has_captions_track(client, index):
    video_file = DocumentFactory(filename="clip.webm", content=b"\x1a\x45\xdf\xa3")
    captions = DocumentFactory(filename="clip.vtt", content=b"WEBVTT\n")
    page = VideoPageFactory(parent=index, video_url="", video_file=video_file, captions=captions)
    html = soup(client.get(page.url))
    video = html.find("video")
    assert video.find("source")["type"] == "video/webm"
    track = video.find("track")
    assert track["kind"] == "captions" and track["srclang"] == "en" and track["src"].endswith(".vtt")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=abcDEF12345", ("youtube", "abcDEF12345")),
        ("https://youtu.be/abcDEF12345", ("youtube", "abcDEF12345")),
        ("https://www.youtube.com/embed/abcDEF12345", ("youtube", "abcDEF12345")),
        ("https://vimeo.com/123456789", ("vimeo", "123456789")),
        ("https://example.org/watch?v=abc", (None, None)),
        ("https://www.youtube.com/watch?v=<script>", (None, None)),
    ],
)
def test_parse_video_url(url, expected):
    assert parse_video_url(url) == expected


def test_vimeo_embed_uses_do_not_track(index):
    page = VideoPageFactory.build(video_url="https://vimeo.com/123456789")
    assert page.embed["src"] == "https://player.vimeo.com/video/123456789?autoplay=1&dnt=1"


def test_video_validation_tells_editors_what_to_fix(index):
    page = VideoPage(title="x", slug="x", video_url="https://example.org/v", transcript="<p>t</p>")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "not a YouTube or Vimeo" in str(error.value.message_dict["video_url"])
    assert "poster" in error.value.message_dict
    hosted = VideoPage(title="x", slug="x", video_file=DocumentFactory(filename="a.mp4"), transcript="<p>t</p>")
    with pytest.raises(ValidationError) as error:
        hosted.clean()
    assert "WebVTT" in str(error.value.message_dict["captions"])


# --- The index -----------------------------------------------------------------------------


def test_index_lists_every_story_newest_first_with_cards(client, stories, index):
    html = soup(client.get(index.url))
    assert titles(html) == [
        "Episode 1",
        "The Offer in one minute",
        "Four principles",
        "Phase 2 begins",
        "Community Bloom Groups",
    ]
    assert "5 stories" in html.select_one(".ds_search-results__title").get_text()
    card = html.select_one(".pk_story-card")
    assert card.select_one(".ds_tag").get_text(strip=True) == "Podcast episode"
    assert card.find("time").get_text(strip=True) == "10 February 2021"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "videopage"}, ["The Offer in one minute"]),
        ({"theme": "environment"}, ["Community Bloom Groups"]),
        ({"theme": "equalities"}, ["Phase 2 begins"]),
        ({"place": "kinross-shire"}, ["Community Bloom Groups"]),
        ({"place": "perth-city"}, ["Phase 2 begins"]),
        ({"year": "2020"}, ["Phase 2 begins", "Community Bloom Groups"]),
        ({"year": "2021", "type": "blogpostpage"}, ["Four principles"]),
    ],
)
def test_index_filters(client, stories, index, query, expected):
    assert titles(soup(client.get(index.url, query))) == expected


def test_filters_keep_their_values_and_can_be_cleared(client, stories, index):
    html = soup(client.get(index.url, {"theme": "environment", "year": "2020"}))
    assert html.find("select", id="filter-theme").find("option", selected=True)["value"] == "environment"
    assert html.find("select", id="filter-year").find("option", selected=True)["value"] == "2020"
    assert html.find("a", string="Clear filters")["href"] == index.url


def test_no_results_state(client, stories, index):
    html = soup(client.get(index.url, {"theme": "environment", "year": "2021"}))
    assert titles(html) == []
    assert "There are no stories that match these filters." in html.get_text()
    assert "0 stories" in html.select_one(".ds_search-results__title").get_text()


def test_unknown_filter_values_are_ignored_not_errors(client, stories, index):
    html = soup(client.get(index.url, {"type": "nonsense", "year": "twenty"}))
    assert len(titles(html)) == 5


def test_pagination_keeps_filters(client, index):
    theme = ThemeFactory(slug="environment")
    for i in range(14):
        page = BlogPostPageFactory(parent=index, title=f"Post {i}", publish_date=datetime.date(2021, 1, 1 + i))
        page.themes.set([theme])
        page.save_revision().publish()
    html = soup(client.get(index.url, {"theme": "environment"}))
    assert len(titles(html)) == 12
    next_link = html.select_one(".ds_pagination a")
    assert next_link["href"] == "?theme=environment&page=2"
    second = soup(client.get(index.url, {"theme": "environment", "page": "2"}))
    assert len(titles(second)) == 2


# --- Feeds ---------------------------------------------------------------------------------


def test_story_feed_is_valid_rss_with_every_story(client, stories, index):
    response = client.get(f"{index.url}feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.title for e in feed.entries][:2] == ["Episode 1", "The Offer in one minute"]
    assert len(feed.entries) == 5


def test_filtered_feed_follows_the_filters(client, stories, index):
    feed = feedparser.parse(client.get(f"{index.url}feed/", {"theme": "environment"}).content)
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["Community Bloom Groups"]


def test_podcast_feed_has_enclosures_and_podcast_tags(client, stories, index):
    response = client.get(f"{index.url}podcast/feed/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.namespaces.get("itunes") == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    xml = response.content.decode()
    assert "<itunes:explicit>false</itunes:explicit>" in xml
    assert '<itunes:category text="Government"/>' in xml
    assert feed.feed.author == "Perth and Kinross Council"
    (episode,) = feed.entries
    enclosure = episode.enclosures[0]
    assert enclosure["type"] == "audio/mpeg"
    assert enclosure["href"].startswith("http://testserver/documents/") and enclosure["href"].endswith(".mp3")
    assert int(enclosure["length"]) > 0
    assert episode.itunes_duration == "750"
    assert episode.itunes_episode == "1"


# --- Home page, search, sitemap, sharing -----------------------------------------------------


def test_home_page_shows_featured_then_latest_stories(client, stories, home):
    stories["bloom"].featured = True
    stories["bloom"].save_revision().publish()
    html = soup(client.get("/"))
    featured = html.find("section", attrs={"aria-labelledby": "featured-heading"})
    assert titles(featured) == ["Community Bloom Groups"]
    latest = html.find("section", attrs={"aria-labelledby": "latest-heading"})
    assert titles(latest) == ["Episode 1", "The Offer in one minute", "Four principles"]
    assert latest.find("a", string="All news and stories")["href"] == "/news-and-stories/"


def test_stories_appear_in_search_and_sitemap(client, stories):
    html = soup(client.get("/search/", {"q": "principles"}))
    assert "Four principles" in [a.get_text(strip=True) for a in html.select(".ds_search-result__link")]
    sitemap = client.get("/sitemap.xml").content.decode()
    assert stories["blog"].get_full_url() in sitemap


def test_stories_have_sharing_metadata_without_scripts(client, stories):
    html = soup(client.get(stories["blog"].url))
    meta = {m.get("property"): m.get("content") for m in html.find_all("meta") if m.get("property")}
    assert meta["og:title"] == "Four principles"
    assert meta["og:type"] == "article"
    assert meta["og:url"].endswith(stories["blog"].url)
    assert not html.find_all("script")


def test_page_type_rules_for_stories(home, index):
    from home.models import HomePage
    from stories.models import BlogPostPage, StoryPage

    assert StoryIndexPage in HomePage.allowed_subpage_models()
    assert not StoryIndexPage.can_create_at(home)  # one index per home page, and it exists
    assert not StoryIndexPage.can_create_at(index)
    assert BlogPostPage.can_create_at(index)
    assert not BlogPostPage.can_create_at(home)
    assert not StoryPage.is_creatable


def test_person_is_a_translatable_snippet(locales):
    person = PersonFactory()
    polish = person.copy_for_translation(locales["pl"])
    polish.save()
    assert polish.translation_key == person.translation_key


# --- Queries stay constant as stories grow --------------------------------------------------


def make_stories(index, count, start=0):
    theme, place, person = ThemeFactory(), PlaceFactory(), PersonFactory()
    makers = [
        lambda i: CommunityStoryPageFactory(parent=index, theme=theme, place=place, slug=f"c-{i}"),
        lambda i: BlogPostPageFactory(parent=index, author=person, slug=f"b-{i}"),
        lambda i: VisionUpdatePageFactory(parent=index, slug=f"v-{i}"),
        lambda i: VideoPageFactory(parent=index, slug=f"vid-{i}"),
        lambda i: PodcastEpisodePageFactory(parent=index, slug=f"p-{i}"),
    ]
    for i in range(start, start + count):
        page = makers[i % len(makers)](i)
        page.themes.set([theme])
        page.places.set([place])
        page.save_revision().publish()


def warm_query_count(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200  # fills the caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/news-and-stories/", "/news-and-stories/?theme=theme-0", "/", "/news-and-stories/feed/"]
)
def test_story_listings_use_constant_queries(client, index, url, django_assert_max_num_queries):
    from django.core.cache import cache

    from stories.models import Theme

    make_stories(index, 10)
    if "theme" in url:
        url = f"/news-and-stories/?theme={Theme.objects.first().slug}"
    few = warm_query_count(client, url, django_assert_max_num_queries)
    make_stories(index, 90, start=10)
    cache.clear()
    many = warm_query_count(client, url, django_assert_max_num_queries)
    assert many == few, f"{few} queries with 10 stories, {many} with 100"
    assert many <= 10
