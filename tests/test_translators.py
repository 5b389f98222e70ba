"""Translators: one group per language, working only in that language, through wagtail-localize.

Every check goes through the admin with the test client, as a user in the group: what the
translator would see (status codes, where they are sent) and what really happened (the pages and
snippets in the database, published or unchanged).
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from consultations.models import Response
from home.groups import ensure_groups, translators_group_name
from home.models import Navigation, StandardPage
from stories.models import Theme, VisionUpdatePage
from tests.factories import StoryIndexPageFactory, ThemeFactory, VisionUpdatePageFactory
from tests.test_consultations import ConsultationIndexPageFactory, make_consultation

OTHER = {"pl": "gd", "gd": "pl"}
GROUPS = {"pl": "Translators (Polish)", "gd": "Translators (Scottish Gaelic)"}
PASSWORD = "not-a-real-password-1"


def publish(page):
    """Publish through a revision, as the admin does (sets last_published_at, runs the signals)."""
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def make_user(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def refused(response):
    """Wagtail's answer to a user without permission: 403, or back to the dashboard with its message."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def translated_text(language, source):
    return f"[{language}] {source}"


@pytest.fixture
def story(site_tree, locales):
    """An English vision update under "News and stories" (the index translated into both languages)."""
    index = publish(StoryIndexPageFactory(parent=site_tree["homes"]["en"]))
    for code in ("gd", "pl"):
        publish(index.copy_for_translation(locales[code]))
    return publish(
        VisionUpdatePageFactory(
            parent=index,
            title="The vision takes shape",
            slug="vision-takes-shape",
            summary="What we heard and what changes.",
            what_changed="<ul><li>Principles proposed</li></ul>",
        )
    )


def translate_with_localize(instance, locale, language=None, publish_it=True):
    """A translation made with wagtail-localize (by an editor), every string translated, published."""
    translate_object(instance, [locale])
    source = TranslationSource.objects.get_for_instance(instance)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": translated_text(language or locale.language_code, segment.string.data)},
        )
    translation = Translation.objects.get(source=source, target_locale=locale)
    if publish_it:
        translation.save_target(publish=True)
        target = translation.get_target_instance()
        if isinstance(target, Page):
            target.get_latest_revision().publish()
    return translation


# --- The groups ---------------------------------------------------------------------------------


def test_one_translators_group_per_language_other_than_english(db):
    names = {translators_group_name(locale) for locale in Locale.objects.all()}
    assert names == {"Translators (English)", "Translators (Scottish Gaelic)", "Translators (Polish)"}
    assert Group.objects.filter(name__startswith="Translators (").count() == 2
    assert not Group.objects.filter(name="Translators (English)").exists()
    assert not Group.objects.filter(name="Translators").exists(), "the old all-language group is retired"


@pytest.mark.parametrize("code", ["gd", "pl"])
def test_translators_group_permissions(site_tree, code):
    group = Group.objects.get(name=GROUPS[code])
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "submit_translation", "change_navigation", "change_theme"} <= codenames
    assert not codenames & {"view_response", "add_theme", "delete_theme", "add_navigation", "delete_navigation"}
    page_perms = group.page_permissions.select_related("page", "permission")
    assert {(p.page_id, p.permission.codename) for p in page_perms} == {
        (site_tree["homes"][code].pk, codename) for codename in ("add_page", "change_page", "publish_page")
    }, "page permissions on its own language's home page only"


def test_groups_get_submit_translation_back_after_a_flushed_database(db):
    """wagtail-localize makes "Can submit translations" in a data migration, which a flushed database
    (`manage.py flush`, the browser tests' live server) loses; the next migrate makes it again."""
    from django.contrib.auth.models import Permission

    Permission.objects.filter(codename="submit_translation").delete()
    ensure_groups()  # what every migrate runs (post_migrate)
    for name in [*GROUPS.values(), "Editors", "Moderators"]:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="submit_translation").exists(), name


def test_the_old_translators_group_is_retired_and_its_members_kept(db, django_user_model):
    old = Group.objects.create(name="Translators")
    member = make_user(django_user_model, "veteran", "Translators")
    ensure_groups()
    assert not Group.objects.filter(name="Translators").exists()
    assert set(member.groups.values_list("name", flat=True)) == set(GROUPS.values())
    assert not Group.objects.filter(pk=old.pk).exists()


def test_a_new_language_gets_its_group_and_rights_without_configuration(home, django_user_model):
    arabic = Locale.objects.create(language_code="ar")
    group = Group.objects.get(name="Translators (Arabic)")
    assert "submit_translation" in set(group.permissions.values_list("codename", flat=True))
    assert not group.page_permissions.exists()  # no Arabic page yet
    arabic_home = home.copy_for_translation(arabic)
    assert set(group.page_permissions.values_list("page_id", flat=True)) == {arabic_home.pk}
    ensure_groups()  # and the next migrate changes nothing
    assert group.page_permissions.count() == 3


# --- Pages: translate, edit and publish in one's own language only --------------------------------


def fill_and_publish(client, edit_url, language, django_capture_on_commit_callbacks):
    """In the translation editor: translate every string segment, then "Publish"."""
    editor = client.get(edit_url)
    assert editor.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor.templates]
    props = json.loads(editor.context["props"])
    assert props["perms"]["canPublish"] is True
    strings = [segment for segment in props["segments"] if segment["type"] == "string"]
    assert strings
    for segment in strings:
        value = "vision-pl" if segment["contentPath"] == "slug" else translated_text(language, segment["source"])
        response = client.put(segment["editUrl"], f"value={value}", content_type="application/x-www-form-urlencoded")
        assert response.status_code == 201, response.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, {"action": "publish"})
    assert response.status_code == 302
    return props


@pytest.mark.parametrize("code", ["pl", "gd"])
def test_translator_translates_and_publishes_a_story_in_their_language(
    client, story, locales, code, django_user_model, django_capture_on_commit_callbacks
):
    translator = make_user(django_user_model, "translator", GROUPS[code])
    client.force_login(translator)

    submit_url = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    form = client.get(submit_url)
    assert form.status_code == 200
    assert list(form.context["form"].fields["locales"].queryset) == [locales[code]], "only their own language"
    refused_other = client.post(submit_url, {"locales": [locales[OTHER[code]].pk]})
    assert refused_other.status_code == 200 and "locales" in refused_other.context["form"].errors
    assert not story.has_translation(locales[OTHER[code]])

    response = client.post(submit_url, {"locales": [locales[code].pk]})
    translated = story.get_translation(locales[code])
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert not translated.live, "a new translation waits, as a draft, for the translator to publish it"

    fill_and_publish(client, response["Location"], code, django_capture_on_commit_callbacks)

    translated = VisionUpdatePage.objects.get(pk=translated.pk)
    assert translated.live and not translated.has_unpublished_changes
    assert translated.title == f"[{code}] The vision takes shape"
    assert translated.summary == f"[{code}] What we heard and what changes."
    assert translated.get_latest_revision().user == translator
    public = client.get(translated.url)
    assert public.status_code == 200 and f"[{code}] The vision takes shape" in public.content.decode()


@pytest.mark.parametrize("code", ["pl", "gd"])
def test_translator_cannot_change_or_publish_english_or_the_other_language(
    client, story, site_tree, locales, code, django_user_model, django_capture_on_commit_callbacks
):
    other_version = translate_with_localize(story, locales[OTHER[code]]).get_target_instance()
    english_revisions = story.revisions.count()
    other_revisions = other_version.revisions.count()
    client.force_login(make_user(django_user_model, "translator", GROUPS[code]))

    for page in (story, other_version, site_tree["homes"]["en"], site_tree["homes"][OTHER[code]]):
        assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))), page
        with django_capture_on_commit_callbacks(execute=True):
            assert refused(client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}))
            assert refused(
                client.post(
                    reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    {"title": "Hacked", "slug": "hacked", "action-publish": "publish"},
                )
            )
        assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])))
        assert refused(client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])))

    story.refresh_from_db()
    other_version.refresh_from_db()
    assert story.title == "The vision takes shape" and story.live and story.revisions.count() == english_revisions
    assert other_version.title == f"[{OTHER[code]}] The vision takes shape" and other_version.live
    assert other_version.revisions.count() == other_revisions

    # The other language's strings, through wagtail-localize's API and a PO file: refused too.
    other_translation = Translation.objects.get(target_locale=locales[OTHER[code]])
    segment = StringSegment.objects.filter(source=other_translation.source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[other_translation.pk, segment.pk])
    assert client.put(url, "value=Hacked", content_type="application/x-www-form-urlencoded").status_code in (302, 403)
    assert not StringTranslation.objects.filter(data="Hacked").exists()
    assert refused(client.get(reverse("wagtail_localize:download_pofile", args=[other_translation.pk])))


@pytest.mark.parametrize("code", ["pl", "gd"])
def test_translator_cannot_create_english_pages(client, site_tree, code, django_user_model):
    client.force_login(make_user(django_user_model, "translator", GROUPS[code]))
    english_home = site_tree["homes"]["en"]
    add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", english_home.pk])
    assert refused(client.get(add_url))
    before = StandardPage.objects.count()
    response = client.post(
        add_url, {"title": "New", "slug": "new", "summary": "x", "body-count": "0", "action-publish": "publish"}
    )
    assert refused(response)
    assert StandardPage.objects.count() == before
    assert refused(client.get(reverse("wagtailadmin_pages:add_subpage", args=[english_home.pk])))
    # …but may add a page in their own language's tree.
    own_home = site_tree["homes"][code]
    own_add = reverse("wagtailadmin_pages:add", args=["home", "standardpage", own_home.pk])
    assert client.get(own_add).status_code == 200


@pytest.mark.parametrize("code", ["pl", "gd"])
def test_translator_cannot_see_consultation_responses(client, home, code, django_user_model):
    import datetime

    hub = ConsultationIndexPageFactory(parent=home)
    consultation = make_consultation(
        hub, datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    )
    response = Response.objects.create(consultation=consultation, language="pl", answers={}, labels={})
    client.force_login(make_user(django_user_model, "translator", GROUPS[code]))
    assert client.get("/admin/").status_code == 200
    base = "/admin/consultation-responses"
    for url in (
        f"{base}/",
        f"{base}/{consultation.pk}/",
        f"{base}/{consultation.pk}/results/",
        f"{base}/{consultation.pk}/summary/",
        f"{base}/{consultation.pk}/export/",
        f"{base}/{consultation.pk}/{response.pk}/",
    ):
        answer = client.get(url)
        assert answer.status_code == 403, url
        assert response.reference not in answer.content.decode()


# --- Snippets: model-wide in Wagtail, limited to the translator's language here ------------------


@pytest.fixture
def theme(locales):
    theme = ThemeFactory(name="Environment", slug="environment", description="Green spaces and clean air.")
    translate_with_localize(theme, locales["gd"])
    return theme


def test_polish_translator_translates_a_snippet_in_polish_only(
    client, site_tree, theme, locales, django_user_model, django_capture_on_commit_callbacks
):
    client.force_login(make_user(django_user_model, "translator", GROUPS["pl"]))
    submit_url = reverse("wagtail_localize:submit_snippet_translation", args=["stories", "theme", theme.pk])
    form = client.get(submit_url)
    assert list(form.context["form"].fields["locales"].queryset) == [locales["pl"]]
    response = client.post(submit_url, {"locales": [locales["pl"].pk]})
    polish = theme.get_translation(locales["pl"])
    assert response["Location"] == reverse("wagtailsnippets_stories_theme:edit", args=[polish.pk])
    fill_and_publish(client, response["Location"], "pl", django_capture_on_commit_callbacks)
    polish.refresh_from_db()
    assert (polish.name, polish.description) == ("[pl] Environment", "[pl] Green spaces and clean air.")

    gaelic = theme.get_translation(locales["gd"])
    for snippet in (theme, gaelic):
        edit_url = reverse("wagtailsnippets_stories_theme:edit", args=[snippet.pk])
        assert refused(client.get(edit_url))
        assert refused(client.post(edit_url, {"name": "Hacked", "slug": "hacked", "description": ""}))
    gaelic_translation = Translation.objects.get(target_locale=locales["gd"], source__object_id=theme.translation_key)
    segment = StringSegment.objects.filter(source=gaelic_translation.source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[gaelic_translation.pk, segment.pk])
    assert client.put(url, "value=Hacked", content_type="application/x-www-form-urlencoded").status_code in (302, 403)
    assert refused(client.get(reverse("wagtail_localize:download_pofile", args=[gaelic_translation.pk])))
    assert Theme.objects.filter(name="Hacked").count() == 0
    assert not StringTranslation.objects.filter(data="Hacked").exists()
    theme.refresh_from_db()
    assert theme.name == "Environment"


def test_navigation_translation_is_open_to_its_language_only(client, site_tree, locales, django_user_model):
    navigation = Navigation.objects.get(locale=locales["en"])
    translation = translate_with_localize(navigation, locales["pl"])
    polish = translation.get_target_instance()
    client.force_login(make_user(django_user_model, "polish", GROUPS["pl"]))
    editor = client.get(reverse("wagtailsnippets_home_navigation:edit", args=[polish.pk]))
    assert editor.status_code == 200 and "props" in editor.context
    assert refused(client.get(reverse("wagtailsnippets_home_navigation:edit", args=[navigation.pk])))
    client.force_login(make_user(django_user_model, "gaelic", GROUPS["gd"]))
    assert refused(client.get(reverse("wagtailsnippets_home_navigation:edit", args=[polish.pk])))


def test_editors_and_moderators_keep_every_language(client, site_tree, theme, locales, django_user_model):
    gaelic = theme.get_translation(locales["gd"])
    for group in ("Editors", "Moderators"):
        client.force_login(make_user(django_user_model, group.lower(), group))
        for snippet in (theme, gaelic):
            assert client.get(reverse("wagtailsnippets_stories_theme:edit", args=[snippet.pk])).status_code == 200
        form = client.get(reverse("wagtail_localize:submit_page_translation", args=[site_tree["about"].pk]))
        assert set(form.context["form"].fields["locales"].queryset) == {locales["gd"]}  # Polish exists already


# --- PO files for an outside tool --------------------------------------------------------------------


def test_translator_downloads_and_uploads_a_po_file(client, story, locales, django_user_model):
    import polib
    from django.core.files.uploadedfile import SimpleUploadedFile

    translation = translate_with_localize(story, locales["pl"], publish_it=False)
    StringTranslation.objects.filter(locale=locales["pl"]).delete()  # nothing translated yet
    polish = translation.get_target_instance()
    edit_url = reverse("wagtailadmin_pages:edit", args=[polish.pk])
    client.force_login(make_user(django_user_model, "translator", GROUPS["pl"]))

    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == "attachment; filename=the-vision-takes-shape-pl.po"
    po = polib.pofile(download.content.decode())
    assert "The vision takes shape" in {entry.msgid for entry in po}
    for entry in po:  # what an outside tool (Poedit, Weblate…) does
        entry.msgstr = "Wizja nabiera kształtu" if entry.msgid == "The vision takes shape" else f"[pl] {entry.msgid}"

    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("wizja.po", str(po).encode()), "next": edit_url},
    )
    assert upload.status_code == 302 and upload["Location"] == edit_url
    props = json.loads(client.get(edit_url).context["props"])
    strings = [segment for segment in props["segments"] if segment["type"] == "string"]
    assert len(props["initialStringTranslations"]) == len(strings), "every string translated from the file"
    assert "Wizja nabiera kształtu" in {t["data"] for t in props["initialStringTranslations"]}


# --- Syncing after the English page changes --------------------------------------------------------


def test_translator_syncs_without_publishing_other_languages(
    client, story, locales, django_user_model, django_capture_on_commit_callbacks
):
    translate_with_localize(story, locales["pl"])
    gaelic = translate_with_localize(story, locales["gd"]).get_target_instance()
    gaelic_revisions = gaelic.revisions.count()
    story.summary = "What we heard, what changes and what comes next."
    story = publish(story)

    client.force_login(make_user(django_user_model, "translator", GROUPS["pl"]))
    source = TranslationSource.objects.get_for_instance(story)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    form = client.get(sync_url)
    assert form.status_code == 200 and "publish_translations" not in form.context["form"].fields
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert gaelic.revisions.count() == gaelic_revisions, "the Gaelic page was not published by a Polish translator"

    polish = story.get_translation(locales["pl"])
    props = json.loads(client.get(reverse("wagtailadmin_pages:edit", args=[polish.pk])).context["props"])
    translated = {t["segment_id"] for t in props["initialStringTranslations"]}
    waiting = [s["source"] for s in props["segments"] if s["type"] == "string" and s["id"] not in translated]
    assert waiting == ["What we heard, what changes and what comes next."], "exactly what changed"


# --- Machine translation: off ----------------------------------------------------------------------


def test_no_machine_translator_is_configured(settings):
    from wagtail_localize.machine_translators import get_machine_translator

    assert getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None) is None
    assert get_machine_translator() is None


def editor_props(client, story, locales, django_user_model):
    translation = translate_with_localize(story, locales["pl"], publish_it=False)
    client.force_login(make_user(django_user_model, "translator", GROUPS["pl"]))
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk]))
    return editor, json.loads(editor.context["props"])


def test_translation_editor_offers_no_machine_translation(client, story, locales, django_user_model):
    editor, props = editor_props(client, story, locales, django_user_model)
    assert props["machineTranslator"] is None  # the editor's "Translate with …" button is drawn from this
    assert "machine_translate" not in editor.content.decode()


@override_settings(
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR={"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
)
def test_translation_editor_would_show_a_configured_machine_translator(client, story, locales, django_user_model):
    """The check above can fail: with a provider configured, the editor gets its button."""
    _editor, props = editor_props(client, story, locales, django_user_model)
    assert props["machineTranslator"]["name"] == "Dummy translator"


# --- Reports → Translation status ----------------------------------------------------------------

REPORT = "/admin/reports/translation-status/"


def report_rows(client, **params):
    """{English page title: {language code: (status, [reasons], [link texts])}} as the report shows them."""
    response = client.get(REPORT, params)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in html.select("table.listing tbody tr"):
        title = row.select_one("td.title").get_text(" ", strip=True)
        rows[title] = {
            cell["data-language"]: (
                next(c for c in cell["class"] if c.startswith("pk-translation-status--")).split("--")[1],
                [li.get_text(strip=True) for li in cell.select("li")],
                [a.contents[0].strip() for a in cell.select("a")],
            )
            for cell in row.select("td.pk-translation-status")
        }
    return rows


def statuses(client, **params):
    return {
        title: {code: cell[0] for code, cell in cells.items()} for title, cells in report_rows(client, **params).items()
    }


def test_report_statuses_through_translating_changing_and_syncing(
    client, story, site_tree, locales, django_user_model, django_capture_on_commit_callbacks
):
    client.force_login(make_user(django_user_model, "editor", "Editors"))
    title = "The vision takes shape"
    before = statuses(client)
    assert before[title] == {"gd": "missing", "pl": "missing"}
    assert before["About the Offer"] == {"gd": "missing", "pl": "translated"}
    assert before["News and stories"] == {"gd": "translated", "pl": "translated"}

    translation = translate_with_localize(story, locales["pl"])
    assert statuses(client)[title] == {"gd": "missing", "pl": "translated"}

    story.summary = "What we heard, what changes and what comes next."
    story = publish(story)
    status, reasons, links = report_rows(client)[title]["pl"]
    assert status == "out-of-date"
    assert reasons == ["The English page has changed since the last sync."]
    assert links == ["Sync", "Edit"]

    translation.source.update_from_db()  # "Sync translated pages", without publishing
    status, reasons, _links = report_rows(client)[title]["pl"]
    assert (status, reasons) == ("out-of-date", ["1 string to translate.", "Synced changes not published yet."])

    segment = StringSegment.objects.get(source=translation.source, string__data=story.summary)
    StringTranslation.objects.create(
        translation_of=segment.string, locale=locales["pl"], context=segment.context, data="[pl] Nowe podsumowanie."
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert statuses(client)[title] == {"gd": "missing", "pl": "translated"}
    assert story.get_translation(locales["pl"]).specific.summary == "[pl] Nowe podsumowanie."


def test_report_copies_made_without_localize_are_dated_by_publishing(client, site_tree, locales, django_user_model):
    client.force_login(make_user(django_user_model, "editor", "Editors"))
    about = site_tree["about"]
    assert statuses(client)["About the Offer"]["pl"] == "translated"
    about.summary = "Changed in English."
    publish(about)
    status, reasons, _links = report_rows(client)["About the Offer"]["pl"]
    assert (status, reasons) == ("out-of-date", ["The English page was published after this version."])


def test_report_filters_by_language_and_status(client, story, site_tree, django_user_model):
    client.force_login(make_user(django_user_model, "editor", "Editors"))
    polish_missing = statuses(client, language="pl", status="missing")
    assert set(polish_missing) == {"The vision takes shape", "The five key areas"}
    assert all(set(cells) == {"pl"} for cells in polish_missing.values()), "only the Polish column"
    any_missing = statuses(client, status="missing")
    assert set(any_missing) == {"The vision takes shape", "The five key areas", "About the Offer"}
    assert set(statuses(client, language="gd", status="translated")) == {"Perth and Kinross Offer", "News and stories"}


def test_report_links_for_a_translator_are_in_their_language_only(client, story, django_user_model):
    client.force_login(make_user(django_user_model, "translator", GROUPS["pl"]))
    row = report_rows(client)["The vision takes shape"]
    assert row["pl"][2] == ["Translate"] and row["gd"][2] == []
    html = client.get(REPORT).content.decode()
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    assert f'href="{submit_url}?select_locale=pl"' in html
    assert reverse("wagtailadmin_pages:edit", args=[story.pk]) not in html, "no edit link to the English page"


def test_report_costs_the_same_queries_for_any_number_of_pages(client, story, locales, django_user_model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_user(django_user_model, "editor", "Editors"))
    client.get(REPORT)  # warm the caches (content types, site root paths)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(REPORT).status_code == 200
        report = [q["sql"] for q in queries.captured_queries if '"wagtailcore_page"."depth" > 1' in q["sql"]]
        return len(queries.captured_queries), report

    few_total, few_report = measure()
    index = story.get_parent()
    for n in range(12):
        page = publish(VisionUpdatePageFactory(parent=index, title=f"Update {n}", slug=f"update-{n}"))
        if n % 3 == 0:
            translate_with_localize(page, locales["pl"])
    many_total, many_report = measure()
    assert len(statuses(client)) > 15
    assert len(few_report) == len(many_report) == 2, "the list and its count, whatever the number of pages"
    assert many_total == few_total


@pytest.mark.parametrize("group", ["Editors", "Moderators", GROUPS["pl"], GROUPS["gd"]])
def test_report_is_in_the_reports_menu_for_editors_moderators_and_translators(
    client, site_tree, group, django_user_model
):
    client.force_login(make_user(django_user_model, "someone", group))
    assert client.get(REPORT).status_code == 200
    assert REPORT in client.get("/admin/").content.decode()


def test_report_is_not_for_consultation_analysts(client, site_tree, django_user_model):
    from consultations.apps import ANALYSTS

    client.force_login(make_user(django_user_model, "analyst", ANALYSTS))
    assert refused(client.get(REPORT))
    assert REPORT not in client.get("/admin/").content.decode()
