"""The Gaelic and Polish interface catalogues, and the demo's translations made through wagtail-localize.

The catalogue tests read locale/<lang>/LC_MESSAGES/django.po with polib; the runtime tests go
through Django's gettext, so they also fail when the compiled .mo files are missing or stale
(`make messages`, or `manage.py compilemessages`, compiles them).
"""

import gettext as gettext_module
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from consultations.models import ConsultationIndexPage
from home.models import ContactPage, HomePage, Navigation, SiteSettings, StandardPage
from stories.models import StoryIndexPage

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["gd", "pl"]

# Plural rules from CLDR / gettext: how many forms each language has, and which form each number takes.
NPLURALS = {"gd": 4, "pl": 3}
PLURAL_FORM_OF = {
    # Gaelic: 1 and 11; 2 and 12; 3 to 10 and 13 to 19; everything else (0, 20, 21, 100…).
    "gd": {1: 0, 11: 0, 2: 1, 12: 1, 3: 2, 10: 2, 13: 2, 19: 2, 0: 3, 20: 3, 21: 3, 100: 3},
    # Polish: 1; numbers ending in 2 to 4 except 12 to 14; everything else (0, 5, 11 to 14, 25…).
    "pl": {1: 0, 2: 1, 4: 1, 22: 1, 104: 1, 0: 2, 5: 2, 11: 2, 12: 2, 14: 2, 21: 2, 25: 2, 112: 2},
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{.*?\}\}|\{[\w.]*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def catalogue(lang):
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run manage.py makemessages -l {lang}"
    return polib.pofile(str(path))


def forms(entry):
    """Every translated form of an entry: msgstr, or msgstr[0..n] for a plural entry."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def nplurals(po):
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else None


def search_results_entry(po):
    """The search page's "N results for …" plural string, found in the catalogue rather than hard-coded."""
    entries = [e for e in po if e.msgid_plural and "%(counter)s" in e.msgid and "result" in e.msgid]
    assert len(entries) == 1, "expected one plural msgid for the number of search results"
    return entries[0]


# --- The catalogues -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_header(lang):
    po = catalogue(lang)
    assert po.metadata.get("Language") == lang
    assert po.metadata.get("Language-Team") and "LANGUAGE" not in po.metadata["Language-Team"]
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy"
    boilerplate = [text for text in ("FIRST AUTHOR", "YEAR", "PACKAGE", "FULL NAME") if text in str(po)]
    assert not boilerplate, f"template boilerplate left in the {lang} catalogue: {boilerplate}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms_header_is_right(lang):
    po = catalogue(lang)
    assert nplurals(po) == NPLURALS[lang], f"{lang}: wrong nplurals in {po.metadata.get('Plural-Forms')!r}"
    expression = re.search(r"plural\s*=\s*(.+?);?\s*$", po.metadata["Plural-Forms"]).group(1)
    plural = gettext_module.c2py(expression)
    wrong = {n: plural(n) for n, form in PLURAL_FORM_OF[lang].items() if plural(n) != form}
    assert not wrong, f"{lang}: the plural expression picks the wrong form for {wrong}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_msgid_is_translated(lang):
    po = catalogue(lang)
    assert len(po) > 0
    untranslated = [e.msgid for e in po if not e.obsolete and not any(forms(e))]
    assert not untranslated, f"{len(untranslated)} untranslated {lang} msgid(s): {untranslated}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_fuzzy_entries(lang):
    fuzzy = [e.msgid for e in catalogue(lang) if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy {lang} entries (check and remove the flag): {fuzzy}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_entries_fill_every_form(lang):
    po = catalogue(lang)
    plural_entries = [e for e in po if e.msgid_plural]
    assert plural_entries, "the catalogue should contain the search results plural"
    problems = {}
    for entry in plural_entries:
        values = forms(entry)
        if len(values) != nplurals(po) or not all(values):
            problems[entry.msgid] = values
    assert not problems, f"{lang} plural entries with missing or empty forms: {problems}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_and_markup_are_kept(lang):
    problems = []
    for entry in catalogue(lang):
        for i, value in enumerate(forms(entry)):
            if not value:
                continue  # reported by test_every_msgid_is_translated
            # A plural form may leave the number out (e.g. "one result"), never the other placeholders.
            source = entry.msgid if (not entry.msgid_plural or i == 0) else entry.msgid_plural
            expected = set(PLACEHOLDER.findall(source)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
            found = set(PLACEHOLDER.findall(value))
            placeholders_differ = bool(found - expected or (expected - found) - {"%(counter)s"})
            if placeholders_differ or sorted(TAG.findall(source)) != sorted(TAG.findall(value)):
                problems.append((entry.msgid, value))
    assert not problems, f"{lang}: placeholders or HTML tags differ from the English: {problems}"


# --- The catalogues against the source code -----------------------------------------------------

BASE_DIR = Path(settings.BASE_DIR)
# What `manage.py makemessages --ignore=.venv --ignore=node_modules --ignore=var` leaves out, plus the
# catalogues themselves and files makemessages never reads.
NOT_SOURCE = {".venv", "node_modules", "var", "locale", "test-results"}


def copy_of_the_source(destination):
    """The project's source files (tracked or not) copied to `destination`, with an empty locale/.

    makemessages writes next to the files it reads (a .py file beside each template, then the .pot
    file in the locale folder), so it runs in this copy and never touches the working tree.
    """

    def ignore(directory, names):
        at_root = Path(directory) == BASE_DIR
        return {
            name
            for name in names
            if name.startswith(".")
            or name == "__pycache__"
            or name.endswith((".pyc", ".mo"))
            or (at_root and name in NOT_SOURCE)
        }

    shutil.copytree(BASE_DIR, destination, ignore=ignore)
    (destination / "locale").mkdir()
    return destination


def msgids_in_the_source(tree):
    """Every message makemessages finds in `tree`, as the entries of the .pot file it builds there.

    The copy's locale/ has no language folders, so `--all` writes no .po file; `--keep-pot` keeps the
    template. The copy's own settings put LOCALE_PATHS in the copy (BASE_DIR is found from base.py).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # The dev settings, given a key, create nothing at import (the test settings make temporary folders).
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "SECRET_KEY": "makemessages-only"}
    command = [sys.executable, "manage.py", "makemessages", "--all", "--keep-pot", "--verbosity=0"]
    command += ["--ignore=.venv", "--ignore=node_modules", "--ignore=var"]
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}{result.stderr}"
    pot = tree / "locale" / "django.pot"
    assert pot.exists(), f"makemessages wrote no {pot}"
    return list(polib.pofile(str(pot)))


def behind_the_source(source_entries):
    """For each language, the source messages its committed catalogue lacks, or has untranslated or fuzzy.

    A message whose plural changed counts as missing: makemessages would mark it fuzzy.
    """
    problems = {}
    for lang in LANGUAGES:
        committed = {(e.msgctxt, e.msgid): e for e in catalogue(lang) if not e.obsolete}
        for entry in source_entries:
            found = committed.get((entry.msgctxt, entry.msgid))
            if found is None or (found.msgid_plural or "") != (entry.msgid_plural or ""):
                problems.setdefault(f"{lang}, missing", []).append(entry.msgid)
            elif "fuzzy" in found.flags or not all(forms(found)):
                problems.setdefault(f"{lang}, untranslated or fuzzy", []).append(entry.msgid)
    return problems


@pytest.fixture(scope="module")
def source_entries(tmp_path_factory):
    return msgids_in_the_source(copy_of_the_source(tmp_path_factory.mktemp("source") / "tree"))


def test_catalogues_are_up_to_date_with_the_source(source_entries):
    """Every string marked for translation in the code and templates is in both catalogues, translated."""
    assert len(source_entries) > 100
    problems = behind_the_source(source_entries)
    report = "\n".join(f"{kind} ({len(msgids)}): {msgids}" for kind, msgids in problems.items())
    assert not problems, (
        "the catalogues are behind the source: run `manage.py makemessages -l gd -l pl --ignore=.venv "
        f"--ignore=node_modules --ignore=var --no-obsolete`, translate, then compilemessages\n{report}"
    )


# xgettext copies these Python escapes into the msgid as written ("\\u201c"), so the msgid never matches
# the string at run time and it stays in English: write the character itself (“ ” ’ …) in the source.
UNREAD_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{)")
# Source strings written with such escapes that are knowingly left as they are. There are none; keep it so.
KNOWN_UNREAD_ESCAPES: set[str] = set()


def written_with_escapes(source_entries):
    """The msgids xgettext copied with an escape it cannot read, less the known ones."""
    escaped = [e.msgid for e in source_entries if UNREAD_ESCAPE.search(e.msgid)]
    return [msgid for msgid in escaped if msgid not in KNOWN_UNREAD_ESCAPES]


def test_no_source_string_is_written_with_an_escape_xgettext_cannot_read(source_entries):
    unexpected = written_with_escapes(source_entries)
    assert not unexpected, f"these would never be translated (write the characters, not escapes): {unexpected}"


def test_source_checks_notice_a_new_string(tmp_path):
    """The checks above fail when a template or a module gains a string the catalogues do not have, or a
    string written with an escape xgettext cannot read."""
    tree = copy_of_the_source(tmp_path / "tree")
    (tree / "templates" / "zz_scratch.html").write_text(
        '{% load i18n %}<p>{% translate "A brand new scratch string" %}</p>\n'
        "{% blocktranslate count counter=n %}{{ counter }} scratch item{% plural %}{{ counter }} scratch items"
        "{% endblocktranslate %}\n"
    )
    (tree / "home" / "zz_scratch.py").write_text(
        "from django.utils.translation import gettext_lazy as _\n\n"
        'SCRATCH = _("Another scratch string")\n'
        'ESCAPED = _("A \\u201cquoted\\u201d scratch string")\n'
    )
    entries = msgids_in_the_source(tree)
    new = {"A brand new scratch string", "%(counter)s scratch item", "Another scratch string"}
    problems = behind_the_source(entries)
    for lang in LANGUAGES:
        assert new <= set(problems.get(f"{lang}, missing", [])), lang
    assert "A \\u201cquoted\\u201d scratch string" in written_with_escapes(entries)


# --- The translations at run time ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(lang):
    """Every entry comes out of Django's gettext as written in the .po file (catches a stale .mo)."""
    stale = []
    with translation.override(lang):
        for entry in catalogue(lang):
            if entry.msgid_plural or not entry.msgstr:
                continue
            if translation.gettext(entry.msgid) != entry.msgstr:
                stale.append(entry.msgid)
    assert not stale, f"{lang}: run compilemessages; these come out differently: {stale}"


def test_polish_search_results_use_three_plural_forms():
    entry = search_results_entry(catalogue("pl"))
    with translation.override("pl"):
        results = {
            n: translation.ngettext(entry.msgid, entry.msgid_plural, n) % {"counter": n, "query": "rada"}
            for n in (1, 2, 5, 12, 22)
        }
    assert results[1].startswith("1 wynik ")
    assert results[2].startswith("2 wyniki ")
    assert results[5].startswith("5 wyników ")
    assert results[12].startswith("12 wyników ")  # 12 to 14 take the "many" form
    assert results[22].startswith("22 wyniki ")
    assert len({results[1][2:], results[2][2:], results[5][2:]}) == 3
    assert all("rada" in text for text in results.values())


def test_gaelic_search_results_use_four_plural_forms():
    entry = search_results_entry(catalogue("gd"))
    with translation.override("gd"):
        results = {
            n: translation.ngettext(entry.msgid, entry.msgid_plural, n) % {"counter": n, "query": "comhairle"}
            for n in (1, 2, 3, 20)
        }
    assert results[1].startswith("1 toradh ")
    assert results[2].startswith("2 thoradh ")
    assert results[3].startswith("3 toraidhean ")
    assert results[20].startswith("20 toradh ")
    assert all("comhairle" in text for text in results.values())


# "Menu" is also the Polish word for a menu, so Polish keeps it.
SAME_AS_ENGLISH = {("pl", "Menu")}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("msgid", ["Skip to main content", "Menu", "Search", "Choose a language", "Page not found"])
def test_key_interface_strings_are_translated(lang, msgid):
    po = catalogue(lang)
    entry = po.find(msgid)
    assert entry is not None and entry.msgstr, f"{msgid!r} is not in the {lang} catalogue or not translated"
    with translation.override(lang):
        translated = translation.gettext(msgid)
    assert translated == entry.msgstr
    if (lang, msgid) not in SAME_AS_ENGLISH:
        assert translated != msgid, f"{msgid!r} comes out in English in {lang}"


# --- The demo's Gaelic and Polish content ------------------------------------------------------


def run_load_demo(capture):
    out = io.StringIO()
    with capture(execute=True):  # run on-commit callbacks, as a real commit would
        call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def translated_demo(db, django_capture_on_commit_callbacks):
    """The output of load_demo, which ends by translating part of the demo into Gaelic and Polish."""
    return run_load_demo(django_capture_on_commit_callbacks)


def english_sources():
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=en)
    return {
        "home": home,
        "vision": StandardPage.objects.child_of(home).get(slug="our-vision"),
        "formats": ContactPage.objects.child_of(home).get(slug="other-languages-and-formats"),
        "settings": SiteSettings.objects.get(locale=en),
        "navigation": Navigation.objects.get(locale=en),
    }


def test_demo_translates_every_string_segment(translated_demo):
    assert "WARNING" not in translated_demo, translated_demo
    for name, instance in english_sources().items():
        source = TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale)
        segments = StringSegment.objects.filter(source=source)
        assert segments.exists(), name
        for lang in LANGUAGES:
            locale = Locale.objects.get(language_code=lang)
            assert Translation.objects.filter(source=source, target_locale=locale).exists(), (name, lang)
            untranslated = [
                s.string.data
                for s in segments.select_related("string")
                if not StringTranslation.objects.filter(
                    translation_of=s.string, context=s.context, locale=locale, has_error=False
                ).exists()
            ]
            assert not untranslated, f"{name} ({lang}): no translation for {untranslated}"


def test_demo_accordion_sections_are_translatable(translated_demo):
    """The vision page's principles are accordion list items: they must be segments too."""
    vision = english_sources()["vision"]
    source = TranslationSource.objects.get(object_id=vision.translation_key, locale=vision.locale)
    texts = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert {"Bold vision", "Enabling", "Partnership", "Kindness"} <= texts


def test_demo_translations_are_live_and_translated(client, translated_demo):
    sources = english_sources()
    for lang in LANGUAGES:
        locale = Locale.objects.get(language_code=lang)
        home = sources["home"].get_translation(locale)
        vision = sources["vision"].get_translation(locale)
        assert home.live and vision.live
        assert vision.get_parent().specific == home
        formats = sources["formats"].get_translation(locale)
        hub = ConsultationIndexPage.objects.get(locale=locale)  # translated by consultations/demo_translations.py
        news = StoryIndexPage.objects.get(locale=locale)  # translated by stories/demo_translations.py
        # The tree's child count is right: every translated child is found under the translated home.
        assert list(home.get_children().live()) == [vision.page_ptr, formats.page_ptr, hub.page_ptr, news.page_ptr]
        assert home.title != sources["home"].title and vision.slug != "our-vision"
        assert home.tagline != sources["home"].tagline
        site_settings = sources["settings"].get_translation(locale)
        assert site_settings.site_name != "Perth and Kinross Offer"
        assert site_settings.phone == sources["settings"].phone  # synchronised, not translated
        navigation = sources["navigation"].get_translation(locale)
        assert navigation.footer_text != sources["navigation"].footer_text
    assert sources["vision"].get_translation(Locale.objects.get(language_code="pl")).slug == "nasza-wizja"


def test_demo_translations_are_served(client, translated_demo):
    response = client.get("/pl/nasza-wizja/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl"' in html
    assert "Nasza wizja" in html and "Odważna wizja" in html and "Pięć celów strategicznych" in html
    assert "Oferta Perth and Kinross" in html  # the Polish site name in the header
    gaelic = client.get("/gd/").content.decode()
    assert '<html lang="gd"' in gaelic and "Tairgse Pheairt agus Cheann Rois" in gaelic


def test_demo_translation_is_idempotent(translated_demo, django_capture_on_commit_callbacks):
    counts = (Page.objects.count(), StringTranslation.objects.count(), Translation.objects.count())
    second = run_load_demo(django_capture_on_commit_callbacks)
    for lang in LANGUAGES:
        assert f"Home page ({lang}): created" in translated_demo
        assert f"Home page ({lang}): already there" in second
        assert f"Page 'Our vision' ({lang}): already there" in second
        assert f"Page 'Other languages and formats' ({lang}): already there" in second
        assert f"Navigation and footer ({lang}): already there" in second
    assert (Page.objects.count(), StringTranslation.objects.count(), Translation.objects.count()) == counts
    for model in (HomePage, SiteSettings, Navigation):
        assert model.objects.count() == 3, model
    assert Page.objects.filter(slug__in=["our-vision", "ar-leirsinn", "nasza-wizja"]).count() == 3
