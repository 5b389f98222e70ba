"""A resident reads "News and stories" on a phone with JavaScript off, and no other site is asked for anything.

They filter the stories by theme with the GET form, follow a card, come back through the story's
theme link, watch the self-hosted video (with captions) and open a YouTube video: the player's
address is only requested once they choose "Play video", and that request is intercepted and
aborted here, so nothing leaves the machine.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from stories.models import CommunityStoryPage, StoryPage, Theme

from .helpers import MOBILE, RequestLog, page_tree_problems
from .stories_support import (
    DEMO_STORIES,
    YOUTUBE_PLAYER_HOST,
    OffsiteBlocker,
    add_embedded_video,
    english_story,
    is_video_host,
    story_index,
)

THEME = "empowerment"  # a demo theme whose stories include the self-hosted video


def stories_with_theme(locale, theme):
    """The live stories a theme filter must list, worked out here story by story (not with the site's query)."""
    titles = set()
    for story in StoryPage.objects.live().filter(locale=locale).specific():
        key_area = story.theme_id if isinstance(story, CommunityStoryPage) else None
        if theme.pk in {t.pk for t in story.themes.all()} or key_area == theme.pk:
            titles.add(story.title)
    return titles


@pytest.mark.browser
def test_filter_follow_a_story_and_play_videos_without_javascript_on_mobile(browser, demo_site, demo_locales):
    base = demo_site.url
    english = demo_locales["en"]
    index = story_index(english)
    video = english_story(DEMO_STORIES["video-file"])
    embedded = add_embedded_video(index)
    theme = Theme.objects.get(locale=english, slug=THEME)
    expected_titles = stories_with_theme(english, theme)
    assert video.title in expected_titles, f"the demo's self-hosted video should have the theme {THEME!r}"
    assert embedded.video_url and embedded.poster_id and not embedded.video_file_id

    requests = RequestLog(base)
    blocker = OffsiteBlocker(base)
    context = blocker.attach(requests.attach(browser.new_context(java_script_enabled=False, viewport=MOBILE)))
    context.set_default_timeout(10_000)
    page = context.new_page()

    def follow(element, expected_path):
        """Click a link or button, wait for the new page, check where it landed and that it loaded."""
        with page.expect_navigation() as navigation:
            element.click()
        response = navigation.value
        hint = "" if response.status != 404 else f" (page tree problems: {page_tree_problems() or 'none'})"
        assert response.status == 200, f"{page.url}: HTTP {response.status}{hint}"
        assert urlsplit(page.url).path == expected_path
        return response

    def cards():
        return page.locator(".ds_layout__list .pk_story-card")

    def card_link(title):
        return cards().filter(has_text=title).get_by_role("link", name=title, exact=True)

    try:
        # 1. The index, unfiltered.
        response = page.goto(base + index.url)
        assert response.status == 200
        expect(page.locator("main h1")).to_have_text(index.title)
        theme_select = page.get_by_label("Theme", exact=True)
        expect(theme_select).to_have_value("")

        # 2. Choose a theme and apply: a plain GET form, so the filter is in the address.
        theme_select.select_option(label=theme.name)
        follow(page.get_by_role("button", name="Apply filters"), index.url)
        query = parse_qs(urlsplit(page.url).query)
        assert query.get("theme") == [THEME], f"the form sent {query}"
        theme_select = page.get_by_label("Theme", exact=True)
        expect(theme_select).to_have_value(THEME)  # the select keeps the chosen theme
        for other in ("Type", "Place", "Year"):
            expect(page.get_by_label(other, exact=True)).to_have_value("")
        expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
        shown = set(cards().locator(".pk_story-card__title").all_text_contents())
        shown = {title.strip() for title in shown}
        assert shown == expected_titles, (
            f"listed {sorted(shown)}, the stories with {THEME!r} are {sorted(expected_titles)}"
        )

        # 3. Follow the first card to its story; the story's theme link leads back to the same filter.
        first_title = cards().first.locator(".pk_story-card__title").text_content().strip()
        first = StoryPage.objects.get(locale=english, title=first_title)
        follow(card_link(first_title), first.url)
        expect(page.locator("main h1")).to_have_text(first_title)
        follow(page.locator("main").get_by_role("link", name=theme.name, exact=True).first, index.url)
        assert parse_qs(urlsplit(page.url).query).get("theme") == [THEME]
        expect(page.get_by_label("Theme", exact=True)).to_have_value(THEME)

        # 4. The self-hosted video: a <video> with a captions track, all served by the site itself.
        follow(card_link(video.title), video.url)
        expect(page.locator("main h1")).to_have_text(video.title)
        player = page.locator("main video[controls]")
        expect(player).to_have_count(1)
        track = player.locator("track[kind=captions]")
        expect(track).to_have_count(1)
        expect(track).to_have_attribute("srclang", "en")
        expect(track).to_have_attribute("label", re.compile(r"\S"))
        captions = page.request.get(base + track.get_attribute("src"))
        assert captions.status == 200 and captions.text().startswith("WEBVTT"), "the captions are not a WebVTT file"
        for src in player.locator("source").evaluate_all("sources => sources.map(s => s.src)"):
            assert urlsplit(src).netloc == urlsplit(base).netloc, f"the video is not on the site: {src}"
        assert not requests.offsite(), f"requests left the site: {requests.offsite()}"
        assert not blocker.blocked, f"requests for other sites were made: {blocker.blocked}"

        # 5. A YouTube video, reached from the index: a poster and a "Play video" link, nothing from YouTube.
        follow(page.get_by_role("link", name="All news and stories", exact=True), index.url)
        follow(card_link(embedded.title), embedded.url)
        expect(page.locator("main h1")).to_have_text(embedded.title)
        expect(page.locator("main iframe")).to_have_count(0)
        expect(page.locator(".pk_video__poster img")).to_have_count(1)
        assert not [url for url in requests.urls if is_video_host(url)], "a video host was asked before Play video"
        assert not blocker.blocked, f"requests for other sites were made before Play video: {blocker.blocked}"

        # 6. "Play video": now, and only now, the player from youtube-nocookie.com is requested
        # (intercepted and aborted by the blocker, so it never leaves the machine).
        play = page.get_by_role("link", name=re.compile(r"^Play video"))
        with page.expect_request(
            lambda request: urlsplit(request.url).hostname == YOUTUBE_PLAYER_HOST
        ) as player_request:
            follow(play, embedded.url)
        assert parse_qs(urlsplit(page.url).query) == {"play": ["1"]} and urlsplit(page.url).fragment == "video"
        iframe = page.locator("#video iframe")
        expect(iframe).to_have_count(1)
        expect(iframe).to_have_attribute("src", re.compile(rf"^https://{re.escape(YOUTUBE_PLAYER_HOST)}/embed/"))
        assert player_request.value.url == iframe.get_attribute("src")
        assert blocker.blocked, "the request for the YouTube player was not intercepted"
        assert set(blocker.hosts()) == {YOUTUBE_PLAYER_HOST}, f"intercepted: {blocker.blocked}"
    finally:
        context.close()

    # Every request for another site was intercepted (none left the machine), and there were no others.
    assert any("/static/css/pkoffer.css" in url for url in requests.urls), "the request log missed the stylesheet"
    unblocked = sorted(set(requests.offsite()) - set(blocker.blocked))
    assert not unblocked, f"off-site requests that were not intercepted: {unblocked}"
