"""axe-core finds nothing on "News and stories", in any language, at desktop and mobile width, with and without JS.

Every story template and every state of the listing: the index unfiltered, filtered by theme and
year, filtered to nothing, its second page, one story of each of the five types, a YouTube video
before and after "Play video" (the player's request is intercepted and aborted: nothing leaves
the machine), and the home page's story cards. Each page four ways, as in test_accessibility.py:
1280×900 and 375×812, JavaScript on and off; every violation is reported (all impacts, the WCAG
2.0/2.1/2.2 A and AA tags and axe's best practices) with the rule, the elements and axe's advice.

The demo's stories are English only. For Gaelic and Polish the test makes untranslated copies of
the index, the stories, the themes and the places (copy_for_translation, as an editor starting a
translation would), so the templates run with that language's interface strings and links.
Extra blog posts (tests/factories.py) make sure the listing has a second page in every language.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation

from home.models import HomePage

from .helpers import (
    LANGUAGES,
    VIEWPORTS,
    RequestLog,
    check_page,
    format_violations,
    page_tree_problems,
    run_axe,
)
from .stories_support import (
    DEMO_STORIES,
    YOUTUBE_PLAYER_HOST,
    OffsiteBlocker,
    add_blog_posts,
    add_embedded_video,
    english_story,
    enough_for_two_pages,
    in_language,
    story_index,
    translate_taxonomy,
)

# A theme and year with stories in every language (the copied stories include 2021 ones with this
# theme) and a pair with none: no environment story was published in 2021.
THEME, YEAR = "empowerment", "2021"
EMPTY_THEME, EMPTY_YEAR = "environment", "2021"


@dataclass
class Target:
    """A page to check: where it is and what it must contain, so the axe run covers what it claims to."""

    name: str
    path: str
    # CSS selector -> (least, most) number of matches.
    contains: dict = field(default_factory=dict)
    # CSS selector -> regular expression its first match's text must match (re.search, spaces collapsed).
    texts: dict = field(default_factory=dict)
    # Off-site requests this page must make (and the test intercepts): their host names.
    blocked_hosts: set = field(default_factory=set)


def translated(lang, message):
    with translation.override(lang):
        return translation.gettext(message)


def story_count(lang, count):
    """The listing's heading for `count` stories in `lang` ("0 stories"), from the site's catalogue."""
    with translation.override(lang):
        return translation.ngettext("%(counter)s story", "%(counter)s stories", count) % {"counter": count}


def story_targets(lang, locales):
    """The pages to check in `lang`, after adding what they need to the demo content."""
    locale = locales[lang]
    english_index = story_index(locales["en"])
    embedded = add_embedded_video(english_index)
    if lang != "en":
        translate_taxonomy(locale)
    index = in_language(english_index, locale)
    stories = {name: in_language(english_story(slug), locale) for name, slug in DEMO_STORIES.items()}
    embedded = in_language(embedded, locale)
    add_blog_posts(index, at_least=enough_for_two_pages())
    home = HomePage.objects.get(locale=locale)

    card = ".ds_layout__list .pk_story-card"
    filter_form = {f"form.pk_filters select#filter-{name}": (1, 1) for name in ("type", "theme", "place", "year")}
    story = {"main h1": (1, 1), ".ds_page-header__metadata": (1, 1)}
    targets = [
        Target("index", index.url, contains={**filter_form, card: (12, 12), ".ds_pagination a": (1, 1)}),
        Target(
            "index filtered by theme and year",
            f"{index.url}?theme={THEME}&year={YEAR}",
            contains={
                **filter_form,
                f"#filter-theme option[value={THEME}][selected]": (1, 1),
                f"#filter-year option[value='{YEAR}'][selected]": (1, 1),
                card: (1, 12),
            },
        ),
        Target(
            "index filtered to no stories",
            f"{index.url}?theme={EMPTY_THEME}&year={EMPTY_YEAR}",
            contains={**filter_form, card: (0, 0), ".ds_layout__list .ds_inset-text": (1, 1)},
            texts={
                "#results-heading": f"^{re.escape(story_count(lang, 0))}$",
                ".ds_layout__list .ds_inset-text": re.escape(
                    translated(lang, "There are no stories that match these filters.")
                ),
            },
        ),
        Target(
            "index page 2",
            f"{index.url}?page=2",
            contains={**filter_form, card: (1, 12), ".ds_pagination [aria-current=page]": (1, 1)},
        ),
        Target(
            "community story",
            stories["community-story"].url,
            contains={**story, "dl.pk_story-facts": (1, 1), ".pk_quote blockquote": (1, 1)},
        ),
        Target(
            "vision update",
            stories["vision-update"].url,
            contains={**story, ".ds_layout__content .ds_inset-text h2": (1, 1)},
        ),
        Target("blog post", stories["blog-post"].url, contains={**story, ".pk_byline": (1, 1)}),
        Target(
            "video file",
            stories["video-file"].url,
            contains={**story, "video[controls] track[kind=captions]": (1, 1), ".pk_transcript": (1, 1)},
        ),
        Target(
            "podcast episode",
            stories["podcast-episode"].url,
            contains={**story, "audio[controls]": (1, 1), ".pk_transcript": (1, 1)},
        ),
        Target(
            "embedded video before play",
            embedded.url,
            contains={**story, "a.pk_video__play[href='?play=1#video']": (1, 1), "iframe": (0, 0)},
        ),
        Target(
            "embedded video after play",
            # The play link is "?play=1#video"; without "#video" here, so that opening it again (the
            # mobile run after the desktop one) loads the page rather than just scrolling.
            f"{embedded.url}?play=1",
            contains={**story, f"#video iframe[src^='https://{YOUTUBE_PLAYER_HOST}/embed/']": (1, 1)},
            blocked_hosts={YOUTUBE_PLAYER_HOST},
        ),
        Target("home page story cards", home.url, contains={".pk_home-stories .pk_story-card": (1, 6)}),
    ]
    return targets


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_story_template_and_listing_state_has_no_axe_violations(
    browser, axe_source, demo_site, demo_locales, lang
):
    """All story pages in one language (loading the demo takes seconds, so once per language).

    A page that cannot be checked (wrong status, missing content) is reported with the others
    rather than stopping the test, so one run lists everything there is to fix.
    """
    try:
        targets = story_targets(lang, demo_locales)
    except (AssertionError, ObjectDoesNotExist) as error:
        pytest.fail(f"the story pages to check could not be made ({lang}): {error!r}")

    failures = []
    requests = RequestLog(demo_site.url)
    blocker = OffsiteBlocker(demo_site.url)
    for javascript_enabled in (True, False):
        context = blocker.attach(requests.attach(browser.new_context(java_script_enabled=javascript_enabled)))
        try:
            page = context.new_page()
            for target in targets:
                for viewport_name, viewport in VIEWPORTS.items():
                    run = (
                        f"{target.name}: {target.path} "
                        f"({lang}, {viewport_name}, JavaScript {'on' if javascript_enabled else 'off'})"
                    )
                    page.set_viewport_size(viewport)
                    blocked_before = len(blocker.blocked)
                    response = page.goto(demo_site.url + target.path)
                    if response.status != 200:
                        tree_problems = page_tree_problems()
                        hint = f" (Wagtail's page tree is inconsistent: {tree_problems})" if tree_problems else ""
                        failures.append(f"{run}: HTTP {response.status}, expected 200{hint}")
                        continue
                    problems = check_page(page, target, lang, run)
                    blocked_hosts = set(blocker.hosts(since=blocked_before))
                    if blocked_hosts != target.blocked_hosts:
                        problems.append(
                            f"{run}: requests for {sorted(blocked_hosts) or 'no other site'} were intercepted, "
                            f"expected {sorted(target.blocked_hosts) or 'none'}"
                        )
                    if problems:
                        failures.extend(problems)
                        continue
                    violations = run_axe(page, axe_source, javascript_enabled)
                    if violations:
                        failures.append(f"{run}: {len(violations)} rule(s) violated\n{format_violations(violations)}")
        finally:
            context.close()

    assert requests.urls, "no request was recorded: the request log is not working"
    # Every off-site request was one the blocker aborted (so none left the machine), and the only
    # ones were the YouTube player's, after "Play video".
    unblocked = sorted(set(requests.offsite()) - set(blocker.blocked))
    if unblocked:
        failures.append(f"off-site requests that were not intercepted: {unblocked}")
    assert not failures, f"{len(failures)} problem(s), axe-core violations included:\n" + "\n".join(failures)
