"""Issue 6, "done when", translators' side: a Polish translator translates an English story in
wagtail-localize's editor and publishes it, a resident reaches it from the language switcher; the
English story changes, the translator syncs, sees exactly what changed, translates it and publishes.

Everything the translator does goes through the admin in Chromium: the "Translation status" report,
wagtail-localize's "Translate" form, its translation editor (one segment at a time: "Translate",
type, "Save"), "Publish in Polski", and "Sync". The English change is an editor's publish (ORM).

Screenshots for docs/translators.md: set PKOFFER_TRANSLATOR_SCREENSHOTS=1 to write them to
docs/images/translators/ (1280 px wide, reduced to 256 colours); otherwise they go to a temporary
folder, so an ordinary test run never changes the repository.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from home.groups import ensure_groups
from stories.models import StoryIndexPage, VisionUpdatePage
from tests.factories import VisionUpdatePageFactory

from .helpers import DESKTOP
from .stories_support import in_language, publish

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
TITLE = "Residents choose the first Offer projects"
# English segment -> Polish, as the translator types it.
POLISH = {
    TITLE: "Mieszkańcy wybierają pierwsze projekty Oferty",
    "residents-choose-the-first-projects": "mieszkancy-wybieraja-pierwsze-projekty",
    "More than 600 residents voted for the projects the council supports first.": (
        "Ponad 600 mieszkańców zagłosowało na projekty, które rada wesprze w pierwszej kolejności."
    ),
    "Four community projects chosen": "Wybrano cztery projekty społeczne",
    "Funding agreed for a year": "Uzgodniono finansowanie na rok",
    "Thank you to everyone who voted, online and in libraries.": (
        "Dziękujemy wszystkim, którzy głosowali – przez internet i w bibliotekach."
    ),
}
ADDED = "The first projects start in Crieff and Aberfeldy in the spring."
ADDED_POLISH = "Pierwsze projekty ruszą wiosną w Crieff i Aberfeldy."


@pytest.fixture
def new_context(browser, demo_site):
    """Browser contexts closed before the live server stops (no request left half-way)."""
    opened = []

    def make():
        context = browser.new_context(viewport=DESKTOP)
        context.set_default_timeout(15_000)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture
def screenshots(tmp_path):
    if os.environ.get("PKOFFER_TRANSLATOR_SCREENSHOTS") == "1":
        folder = Path(settings.BASE_DIR) / "docs" / "images" / "translators"
    else:
        folder = tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = folder / f"{name}.png"
        page.screenshot(path=path)
        with Image.open(path) as image:
            small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)
        return path

    return take


def english_story(index):
    return publish(
        VisionUpdatePageFactory(
            parent=index,
            title=TITLE,
            slug="residents-choose-the-first-projects",
            summary="More than 600 residents voted for the projects the council supports first.",
            phase="deliver",
            what_changed="<ul><li>Four community projects chosen</li><li>Funding agreed for a year</li></ul>",
            body=[("paragraph", "<p>Thank you to everyone who voted, online and in libraries.</p>")],
        )
    )


def translate_open_segments(editor, strings):
    """In the translation editor's current tab: every segment still to translate, one at a time."""
    translated = []
    waiting = editor.locator("section.active li.incomplete")
    while waiting.count():
        segment = waiting.first
        source = segment.locator("p").first.inner_text().strip()
        assert source in strings, f"unexpected segment to translate: {source!r}"
        segment.get_by_role("button", name="Translate").click()
        editor.locator("section.active textarea").fill(strings[source])
        count = waiting.count()
        editor.locator("section.active").get_by_role("button", name="Save").click()
        expect(waiting).to_have_count(count - 1)
        translated.append(source)
    return translated


def test_polish_translator_translates_publishes_and_syncs_a_story(
    demo_site, new_context, demo_locales, django_user_model, screenshots
):
    base = demo_site.url
    english, polish_locale = demo_locales["en"], demo_locales["pl"]
    ensure_groups()  # as after every migrate
    index = StoryIndexPage.objects.get(locale=english)
    in_language(index, polish_locale)  # "News and stories" exists in Polish (the story's parent)
    story = english_story(index)
    translator = django_user_model.objects.create_user("ola", "ola@example.org", PASSWORD)
    translator.groups.add(Group.objects.get(name="Translators (Polish)"))
    editor_user = django_user_model.objects.create_user("eilidh", "eilidh@example.org", PASSWORD)
    editor_user.groups.add(Group.objects.get(name="Moderators"))

    admin = new_context().new_page()
    report = f"{base}/admin/reports/translation-status/"

    def story_row():
        return admin.locator("table.listing tbody tr").filter(has_text=TITLE)

    # 1. Log in; Reports → Translation status, Polish pages still missing.
    admin.goto(f"{base}/admin/login/")
    admin.fill("#id_username", "ola")
    admin.fill("#id_password", PASSWORD)
    admin.click("button[type=submit]")
    admin.wait_for_url(f"{base}/admin/")
    admin.get_by_role("button", name="Reports").click()
    admin.get_by_role("link", name="Translation status").click()
    admin.wait_for_url(report)
    admin.goto(f"{report}?language=pl&status=missing")
    expect(story_row().locator("td[data-language=pl]")).to_contain_text("Missing")
    expect(admin.locator("td[data-language=gd]")).to_have_count(0)  # only the Polish column
    screenshots(admin, "01-status-report-missing")

    # 2. "Translate": wagtail-localize's form offers Polish only, already ticked.
    story_row().get_by_role("link", name=re.compile("^Translate")).click()
    expect(admin.get_by_label("Polski")).to_be_checked()
    expect(admin.get_by_label("Gàidhlig")).to_have_count(0)
    admin.get_by_role("button", name="Submit").click()

    # 3. The translation editor: every segment, content then promote (the address), then publish.
    admin.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    polish_id = int(admin.url.rstrip("/").split("/")[-2])
    expect(admin.get_by_role("button", name="Publish in Polski")).to_be_visible()
    expect(admin.get_by_role("button", name=re.compile("Translate with"))).to_have_count(0)  # no machine translation
    expect(admin.get_by_role("link", name="Download PO file")).to_be_visible()
    first = admin.locator("section.active li.incomplete").first
    first.get_by_role("button", name="Translate").click()
    admin.locator("section.active textarea").fill(POLISH[TITLE])
    screenshots(admin, "02-translation-editor")
    admin.locator("section.active").get_by_role("button", name="Save").click()
    expect(admin.locator("section.active li.incomplete").filter(has_text=TITLE)).to_have_count(0)
    content = translate_open_segments(admin, POLISH)
    admin.get_by_role("tab", name="Promote").click()
    promote = translate_open_segments(admin, POLISH)
    assert sorted([TITLE, *content, *promote]) == sorted(POLISH), "every segment of the story was offered once"
    admin.get_by_role("button", name="Publish in Polski").click()
    expect(admin.get_by_text(re.compile(r"Published .* in Polski\."))).to_be_visible()

    polish = VisionUpdatePage.objects.get(pk=polish_id)
    assert polish.locale == polish_locale and polish.live and not polish.has_unpublished_changes
    assert polish.title == POLISH[TITLE] and polish.slug == "mieszkancy-wybieraja-pierwsze-projekty"
    assert polish.get_parent().specific.locale == polish_locale

    # 4. A resident on the English story follows the language switcher to the Polish story.
    resident = new_context().new_page()
    resident.goto(base + story.url)
    expect(resident.locator("main h1")).to_have_text(TITLE)
    resident.locator("nav.pk_languages").get_by_role("link", name="Polski").click()
    resident.wait_for_url(f"{base}/pl/**")
    assert resident.url == base + polish.url
    expect(resident.locator("html")).to_have_attribute("lang", "pl")
    expect(resident.locator("main h1")).to_have_text(POLISH[TITLE])
    expect(resident.locator("main")).to_contain_text(POLISH["Four community projects chosen"])
    screenshots(resident, "03-resident-reads-polish")

    # 5. An editor adds a paragraph to the English story and publishes it.
    story = VisionUpdatePage.objects.get(pk=story.pk)
    story.body.append(("paragraph", RichText(f"<p>{ADDED}</p>")))  # the first paragraph keeps its block id
    story.save_revision(user=editor_user).publish(user=editor_user)

    # 6. The report shows the Polish story out of date; "Sync" updates its source text.
    admin.goto(f"{report}?language=pl&status=out-of-date")
    expect(story_row()).to_contain_text("The English page has changed since the last sync.")
    screenshots(admin, "04-status-report-out-of-date")
    story_row().get_by_role("link", name=re.compile("^Sync")).click()
    expect(admin.get_by_role("heading", name=re.compile("Update existing translations"))).to_be_visible()
    expect(admin.get_by_label("Publish immediately")).not_to_be_checked()
    screenshots(admin, "05-sync")
    admin.get_by_role("button", name="Submit").click()
    admin.wait_for_url(re.compile(r"/admin/reports/translation-status/"))

    # 7. The editor shows exactly what changed: the new paragraph, and nothing else, to translate.
    admin.goto(f"{report}?language=pl")
    expect(story_row()).to_contain_text("1 string to translate.")
    story_row().get_by_role("link", name=re.compile("^Edit")).click()
    admin.wait_for_url(f"{base}/admin/pages/{polish_id}/edit/")
    waiting = admin.locator("section.active li.incomplete")
    expect(waiting).to_have_count(1)
    expect(waiting.first.locator("p").first).to_have_text(ADDED)
    waiting.first.scroll_into_view_if_needed()
    screenshots(admin, "06-what-changed")
    assert translate_open_segments(admin, {ADDED: ADDED_POLISH}) == [ADDED]
    admin.get_by_role("tab", name="Promote").click()
    expect(admin.locator("section.active li.incomplete")).to_have_count(0)
    admin.get_by_role("button", name="Publish in Polski").click()
    expect(admin.get_by_text(re.compile(r"Published .* in Polski\."))).to_be_visible()

    resident.reload()
    expect(resident.locator("main")).to_contain_text(ADDED_POLISH)
    expect(resident.locator("main")).not_to_contain_text(ADDED)
    admin.goto(f"{report}?language=pl")
    expect(story_row().locator("td[data-language=pl]")).to_contain_text("Translated")
