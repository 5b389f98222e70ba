"""A resident answers the open consultation in a real browser, in every language, with and without JavaScript.

From the consultation's page they press "Start", send the first step empty (the error state:
an error summary at the top, in focus, linking to each question that needs an answer, and
"Error:" before the page title), answer every question by clicking labels, typing and choosing
places in the ranking, say "Yes" to getting involved so that the conditional "Getting involved"
step appears, check their answers, change one through its change link, send, and get a
receipt with a reference. axe-core checks every page on the way (each step, the error state,
check your answers, the receipt) and must find nothing; with JavaScript off it inspects the
no-JavaScript rendering itself (see helpers.NO_JS_TIMER_SHIM).

The words the test expects come from the same places the site takes them from, never typed
here: interface strings from the gettext catalogue (translation.override), questions and
options from the consultation's own translated page (found through the block ids every
translation shares with the English page).

Staff then log in to the admin and find the responses of every language pooled in the English
consultation's one list and one CSV export. A last test answers the first step where the home
page embeds it, with JavaScript off, and finishes on the consultation's own pages.

Each test loads the demo once (load_demo), so the English and Polish journeys share a test: their
responses must end up in the same list.
"""

import csv
import io
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from wagtail.models import Locale

from consultations.blocks import LIKERT_SCALE
from consultations.forms import step_questions
from consultations.models import ConsultationPage, Response
from home.chrome import LANGUAGE_NAMES
from home.models import HomePage

from .helpers import DESKTOP, format_violations, run_axe, stylesheet_loaded

VISION_SLUG = "proposed-vision-and-principles"
PHONE = {"width": 375, "height": 740}
ADMIN_RESPONSES = "/admin/consultation-responses"

# The resident's answers, in the English wording of the demo (the test finds each one's
# translation through its block id). Free text is typed in the resident's own language.
LIKERT = "The vision describes the Perth and Kinross I want to live in"
MATRIX = "How far do you agree with each proposed principle?"
MATRIX_ANSWERS = {"Bold vision": "agree", "Enabling": "strongly-agree", "Partnership": "neither", "Kindness": "agree"}
CHANGE = "What would you change in the vision, and why?"
FOCUS = "Which of these should the Offer focus on first?"
FOCUS_ANSWERS = ["Poverty", "Rural transport"]
RANKING = "Put the five key areas in order of importance to you"
RANKING_ORDER = [  # most important first
    "Empowerment",
    "Education and learning",
    "Environment",
    "Economy and entrepreneurship",
    "Equalities",
]
INVOLVED = "Would you like to get involved in a community project?"
RATING = "How useful is this website to you?"
HELP = "How would you like to help?"
HELP_ANSWERS = ["Volunteering with a local group", "Offering a skill, a space or equipment"]
WHERE = "Which town, village or community would you like to help in?"
POSTCODE = "Your postcode"
HOUSEHOLD = "How many people live in your home?"
AGE = "Your age"
GROUP = "Are you answering for a group or organisation? If so, which?"
EMAIL = "Your email address"
CONDITIONAL_STEP = "Getting involved"

TEXTS = {  # (first answer, the answer changed from check your answers, the place)
    "en": ("More buses to the glens.", "More buses to the glens, and on Sundays.", "Aberfeldy"),
    "gd": ("Barrachd bhusaichean dha na glinn.", "Barrachd bhusaichean, Didòmhnaich cuideachd.", "Obar Pheallaidh"),
    "pl": ("Więcej autobusów na wsi.", "Więcej autobusów na wsi, także w niedziele – zażółć gęślą jaźń.", "Pitlochry"),
}


@dataclass
class Journey:
    lang: str
    javascript: bool
    viewport: dict
    axe_viewports: tuple = ()  # extra widths axe checks every page at

    @property
    def name(self):
        width = "phone" if self.viewport == PHONE else "desktop"
        return f"{self.lang}, JavaScript {'on' if self.javascript else 'off'}, {width}"


@dataclass
class Sent:
    """What a finished journey sent: for the staff side."""

    lang: str
    reference: str
    text: str


def tr(lang, message):
    """The catalogue's translation of an interface string, as the site shows it in `lang`.

    A string missing from the Gaelic or Polish catalogue would come back in English and the page
    would match it all the same, so that fails here.
    """
    with translation.override(lang):
        translated = gettext(message)
    assert lang == "en" or translated != message, f"locale/{lang} has no translation of {message!r}"
    return translated


def step_label(lang, number, count):
    return tr(lang, "Step %(step)s of %(count)s") % {"step": number, "count": count}


def likert_label(lang, key):
    with translation.override(lang):
        label = str(dict(LIKERT_SCALE)[key])
    assert lang == "en" or label != str(dict(LIKERT_SCALE)[key]), f"locale/{lang} has no translation of {label!r}"
    return label


def english_vision():
    return ConsultationPage.objects.get(slug=VISION_SLUG, locale=Locale.get_default())


def vision_in(lang):
    english = english_vision()
    if lang == "en":
        return english
    translated = english.get_translation_or_none(Locale.objects.get(language_code=lang))
    assert translated is not None and translated.live, f"load_demo made no live {lang} version of {english.url}"
    return translated.specific


class Wording:
    """The consultation's questions in one language, looked up by their English wording.

    Every translation keeps the English page's block ids, so an English label or option leads
    to the id, and the id to the words the resident sees in their language.
    """

    def __init__(self, lang):
        self.lang = lang
        self.page = vision_in(lang)
        english = english_vision()
        self.english = {q.label: q for section in english.sections for q in step_questions(section.value)}
        self.here = {q.id: q for section in self.page.sections for q in step_questions(section.value)}
        english_by_id = {q.id: q for q in self.english.values()}
        assert self.here.keys() == english_by_id.keys(), "a translation must keep the English question ids"
        self.step_titles = {
            en.value["title"]: here.value["title"]
            for en, here in zip(english.sections, self.page.sections, strict=True)
        }
        self.optional = tr(lang, "(optional)")
        if lang != "en":
            untranslated = [q.label for qid, q in self.here.items() if q.label == english_by_id[qid].label]
            assert not untranslated, f"questions of {self.page.url} left in English: {untranslated}"

    def question(self, english_label):
        return self.here[self.english[english_label].id]

    def label(self, english_label):
        return self.question(english_label).label

    def name(self, english_label):
        """The question's accessible name: its label, with "(optional)" when it is."""
        q = self.question(english_label)
        return q.label if q.required else f"{q.label} {self.optional}"

    def option(self, english_label, english_option):
        english = self.english[english_label]
        option_id = next(oid for oid, text in english.options if text == english_option)
        return dict(self.question(english_label).options)[option_id]

    def statement(self, english_statement):
        english = self.english[MATRIX]
        statement_id = next(sid for sid, text in english.statements if text == english_statement)
        return dict(self.question(MATRIX).statements)[statement_id]

    def statement_id(self, english_statement):
        return next(sid for sid, text in self.english[MATRIX].statements if text == english_statement)


class Visit:
    """One resident's browser: opens and checks pages, runs axe on each, collects what is wrong."""

    def __init__(self, browser, base_url, axe_source, journey):
        self.base = base_url
        self.axe_source = axe_source
        self.journey = journey
        self.lang = journey.lang
        self.context = browser.new_context(java_script_enabled=journey.javascript, viewport=journey.viewport)
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.errors = []
        if journey.javascript:
            self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.problems = []
        self.audited = []

    def tr(self, message):
        return tr(self.lang, message)

    def path(self):
        return urlsplit(self.page.url).path

    def audit(self, what):
        """The page must be in the resident's language, styled, and free of axe violations."""
        page = self.page
        run = f"{what} ({self.journey.name}) {self.path()}"
        self.audited.append(what)
        lang = page.evaluate("document.documentElement.lang")
        if lang != self.lang:
            self.problems.append(f"{run}: <html lang={lang!r}>, expected {self.lang!r}")
        if not stylesheet_loaded(page):
            self.problems.append(f"{run}: the site's stylesheet did not load")
        for viewport in (self.journey.viewport, *self.journey.axe_viewports):
            if viewport != self.journey.viewport:
                page.set_viewport_size(viewport)
            violations = run_axe(page, self.axe_source, self.journey.javascript)
            if violations:
                self.problems.append(
                    f"{run} at {viewport['width']}px: {len(violations)} rule(s) violated\n{format_violations(violations)}"
                )
        if page.viewport_size != self.journey.viewport:
            page.set_viewport_size(self.journey.viewport)

    def goto(self, path):
        response = self.page.goto(self.base + path)
        assert response.status == 200, f"{path}: HTTP {response.status}"

    def follow(self, element):
        """Click a link or a button that loads a new page (redirects followed); the page must load."""
        with self.page.expect_navigation() as navigation:
            element.click()
        response = navigation.value
        assert response is not None and response.status == 200, f"{self.page.url}: HTTP {response and response.status}"

    def button(self, message):
        return self.page.locator("main form").get_by_role("button", name=self.tr(message), exact=True)

    def group(self, name):
        return self.page.get_by_role("group", name=name, exact=True)

    def close(self):
        self.context.close()

    def report(self):
        problems = list(self.problems)
        if self.errors:
            problems.append(f"JavaScript errors ({self.journey.name}): {self.errors}")
        return problems


# --- Checks shared by every step -----------------------------------------------------------------


def check_step_page(visit, words, english_step_title, number, count, error=False):
    """The step's heading, its "Step n of m" in the resident's language, grouped options in
    fieldsets with legends and every hint tied to its question."""
    page = visit.page
    title = words.step_titles[english_step_title]
    expect(page.locator("main h1")).to_have_text(title)
    expect(page.locator("main .ds_page-header__label")).to_contain_text(step_label(visit.lang, number, count))
    prefix = f"{visit.tr('Error')}: " if error else ""
    assert page.title().startswith(f"{prefix}{title} – {words.page.title}"), page.title()
    back = page.locator("main a.ds_back-link")
    expect(back).to_have_text(visit.tr("Back"))
    form_problems = page.evaluate(
        """() => {
            const form = document.querySelector("main form");
            const problems = [];
            form.querySelectorAll("input[type=radio], input[type=checkbox]").forEach((input) => {
                const fieldset = input.closest("fieldset");
                if (!fieldset || !fieldset.querySelector(":scope > legend")) problems.push(`${input.id} is not in a fieldset with a legend`);
            });
            const described = new Set();
            form.querySelectorAll("[aria-describedby]").forEach((el) =>
                el.getAttribute("aria-describedby").split(/\\s+/).forEach((id) => {
                    if (id && !document.getElementById(id)) problems.push(`${el.id || el.tagName}: aria-describedby names a missing #${id}`);
                    described.add(id);
                }));
            form.querySelectorAll(".ds_hint-text, .ds_question__error-message").forEach((hint) => {
                if (!hint.id || !described.has(hint.id)) problems.push(`hint or error not tied to its question by aria-describedby: "${hint.textContent.trim()}"`);
            });
            return problems;
        }"""
    )
    assert not form_problems, "\n".join(form_problems)


def continue_to(visit, button_message, expected_path):
    visit.follow(visit.button(button_message))
    assert visit.path() == expected_path, f"expected {expected_path}, at {visit.page.url}: " + (
        visit.page.locator("#error-summary").inner_text() if visit.page.locator("#error-summary").count() else ""
    )


# --- The steps ---------------------------------------------------------------------------------------


def focus_moves_to(page, element_id, seconds=3):
    """True once the element with this id has the focus (polled from here: with JavaScript off the
    page's own timers, which wait_for_function would use, never run)."""
    deadline = time.monotonic() + seconds
    while True:
        if page.evaluate("document.activeElement ? document.activeElement.id : ''") == element_id:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def check_error_state(visit, words):
    """Step 1 sent empty: the error summary, its links, the title and the messages, in the language."""
    page = visit.page
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text(visit.tr("There is a problem"))
    prefix = f"{visit.tr('Error')}: "
    assert page.title().startswith(prefix + words.step_titles["The proposed vision"]), page.title()
    assert focus_moves_to(page, "error-summary"), "focus is not on the error summary when the page loads"

    likert = words.question(LIKERT)
    matrix = words.question(MATRIX)
    with translation.override(visit.lang):
        expected = [(f"#id_{likert.id}", gettext("Answer the question: %(question)s") % {"question": likert.label})]
        for statement in MATRIX_ANSWERS:
            expected.append(
                (
                    f"#id_{matrix.id}__{words.statement_id(statement)}",
                    gettext("Answer the statement: %(statement)s") % {"statement": words.statement(statement)},
                )
            )
    links = summary.locator("a")
    shown = [(link.get_attribute("href"), link.inner_text().strip()) for link in links.all()]
    assert shown == expected, f"error summary links {shown}, expected {expected}"
    # The optional question has no error.
    assert not page.locator(f"#error-id_{words.question(CHANGE).id}").count()

    for index, (href, message) in enumerate(expected):
        target = page.locator(href)
        # The message by the question too, "Error:" (for screen readers) before it, tied to the fieldset.
        described = (target.get_attribute("aria-describedby") or "").split()
        inline = [re.sub(r"\s+", " ", page.locator(f"#{i}").text_content()).strip() for i in described]
        assert f"{prefix}{message}" in inline, f"{href}: described by {inline}, expected {prefix}{message!r}"
        if visit.journey.javascript or index == 0:
            links.nth(index).click()
            assert focus_moves_to(page, href[1:]), f"the link to {href} did not move focus there"
            expect(target).to_be_in_viewport()
    visit.audit("step 1, error state")


def answer_step_1(visit, words, text):
    page = visit.page
    visit.group(words.name(LIKERT)).get_by_text(likert_label(visit.lang, "agree"), exact=True).click()
    for statement, answer in MATRIX_ANSWERS.items():
        visit.group(words.statement(statement)).get_by_text(likert_label(visit.lang, answer), exact=True).click()
    textarea = page.get_by_label(words.name(CHANGE), exact=True)
    expect(textarea).to_have_attribute("maxlength", "1500")
    textarea.fill(text)
    expect(visit.group(words.name(LIKERT)).get_by_label(likert_label(visit.lang, "agree"), exact=True)).to_be_checked()


def answer_step_2(visit, words):
    page = visit.page
    focus = visit.group(words.name(FOCUS))
    for option in FOCUS_ANSWERS:
        focus.get_by_text(words.option(FOCUS, option), exact=True).click()
    ranking = visit.group(words.name(RANKING))
    expect(ranking).to_contain_text(visit.tr("Give each option a number: 1 for the most important."))
    for place, option in enumerate(RANKING_ORDER, start=1):
        ranking.get_by_label(words.option(RANKING, option), exact=True).select_option(str(place))
    visit.group(words.name(INVOLVED)).get_by_text(words.option(INVOLVED, "Yes"), exact=True).click()
    visit.group(words.name(RATING)).get_by_text("4", exact=True).click()
    for option in FOCUS_ANSWERS:
        expect(focus.get_by_label(words.option(FOCUS, option), exact=True)).to_be_checked()
    expect(page.get_by_label(words.option(RANKING, RANKING_ORDER[0]), exact=True)).to_have_value("1")


def answer_step_3(visit, words, place):
    helping = visit.group(words.name(HELP))
    for option in HELP_ANSWERS:
        helping.get_by_text(words.option(HELP, option), exact=True).click()
    visit.page.get_by_label(words.name(WHERE), exact=True).fill(place)


def answer_step_4(visit, words):
    page = visit.page
    postcode = page.get_by_label(words.name(POSTCODE), exact=True)
    email = page.get_by_label(words.name(EMAIL), exact=True)
    expect(postcode).to_have_attribute("autocomplete", "postal-code")
    expect(email).to_have_attribute("autocomplete", "email")
    expect(email).to_have_attribute("type", "email")
    expect(page.get_by_label(words.name(HOUSEHOLD), exact=True)).to_have_attribute("inputmode", "numeric")
    postcode.fill("ph2 8ng")  # the site writes it properly: PH2 8NG
    page.get_by_label(words.name(HOUSEHOLD), exact=True).fill("3")
    visit.group(words.name(AGE)).get_by_text(words.option(AGE, "45 to 64"), exact=True).click()
    page.get_by_label(words.name(GROUP), exact=True).fill("Strathtay walkers")
    email.fill("resident@example.org")


def summary_value(page, label):
    row = page.locator(".ds_summary-list__item").filter(
        has=page.locator("dt", has_text=re.compile(f"^{re.escape(label)}$"))
    )
    expect(row).to_have_count(1)
    return row.locator(".ds_summary-list__value")


def check_answers(visit, words, text, place):
    """Every answer (the conditional step's too), in the resident's language."""
    page = visit.page
    expect(page.locator("main h1")).to_have_text(visit.tr("Check your answers"))
    assert page.title().startswith(visit.tr("Check your answers")), page.title()
    expect(summary_value(page, words.label(CHANGE))).to_have_text(text)
    expect(summary_value(page, words.label(LIKERT))).to_have_text(likert_label(visit.lang, "agree"))
    for option in FOCUS_ANSWERS:
        expect(summary_value(page, words.label(FOCUS))).to_contain_text(words.option(FOCUS, option))
    expect(summary_value(page, words.label(RANKING))).to_contain_text(f"1. {words.option(RANKING, RANKING_ORDER[0])}")
    expect(summary_value(page, words.label(INVOLVED))).to_have_text(words.option(INVOLVED, "Yes"))
    expect(summary_value(page, words.label(HELP))).to_contain_text(words.option(HELP, HELP_ANSWERS[0]))
    expect(summary_value(page, words.label(WHERE))).to_have_text(place)
    expect(summary_value(page, words.label(POSTCODE))).to_have_text("PH2 8NG")
    expect(summary_value(page, words.label(AGE))).to_have_text(words.option(AGE, "45 to 64"))
    questions = sum(len(list(section.value["questions"])) for section in words.page.sections)
    rows = page.locator(".ds_summary-list__item")
    # every question of every shown step: the matrix is one row
    expect(rows).to_have_count(questions)
    expect(page.get_by_role("link", name=re.compile(f"^{re.escape(visit.tr('Change'))} "))).to_have_count(questions)


# --- A whole journey ----------------------------------------------------------------------------------


def answer_the_consultation(browser, base_url, axe_source, journey, start_from_embed=False):
    """From the consultation's page (or the home page's embedded first step) to the receipt."""
    visit = Visit(browser, base_url, axe_source, journey)
    words = Wording(journey.lang)
    consultation = words.page
    first, changed, place = TEXTS[journey.lang]
    step = consultation.url + "step/{}/"
    try:
        if start_from_embed:
            home = HomePage.objects.get(locale__language_code=journey.lang)
            visit.goto(home.url)
            embed = visit.page.locator("section.pk_consultation-embed")
            expect(embed).to_have_count(1)
            expect(embed.get_by_role("heading", level=2)).to_have_text(consultation.title)
            # Counted as on the consultation's own pages: the conditional step only once it applies.
            expect(embed.locator(".ds_content-label")).to_have_text(
                f"{step_label(journey.lang, 1, 3)} · {words.step_titles['The proposed vision']}"
            )
            visit.audit("home page with the embedded first step")
            answer_step_1(visit, words, first)
            visit.follow(embed.get_by_role("button", name=visit.tr("Continue"), exact=True))
            assert visit.path() == step.format(2), f"the embedded step led to {visit.page.url}"
        else:
            visit.goto(consultation.url)
            expect(visit.page.locator("main h1")).to_have_text(consultation.title)
            visit.audit("consultation page")
            visit.follow(visit.page.get_by_role("link", name=visit.tr("Start"), exact=True))
            assert visit.path() == step.format(1)
            check_step_page(visit, words, "The proposed vision", 1, 3)
            visit.audit("step 1")

            # Sent empty: the error state.
            continue_to(visit, "Continue", step.format(1))
            check_error_state(visit, words)
            check_step_page(visit, words, "The proposed vision", 1, 3, error=True)
            answer_step_1(visit, words, first)
            continue_to(visit, "Continue", step.format(2))

        # Step 2 of 3: "Getting involved" is not counted until the resident says yes.
        check_step_page(visit, words, "Priorities", 2, 3)
        visit.audit("step 2")
        answer_step_2(visit, words)
        continue_to(visit, "Continue", step.format(3))

        # The conditional step, now step 3 of 4.
        check_step_page(visit, words, CONDITIONAL_STEP, 3, 4)
        expect(visit.page.locator(f"#hint-{words.question(HELP).id}")).to_have_text(words.question(HELP).help_text)
        visit.audit("step 3 (conditional)")
        answer_step_3(visit, words, place)
        continue_to(visit, "Continue", step.format(4))

        check_step_page(visit, words, "About you", 4, 4)
        visit.audit("step 4")
        answer_step_4(visit, words)
        continue_to(visit, "Check your answers", consultation.url + "check-your-answers/")

        check_answers(visit, words, first, place)
        visit.audit("check your answers")

        # Change an answer: back to its step, and straight back to the check page.
        change = visit.page.get_by_role("link", name=f"{visit.tr('Change')} {words.label(CHANGE)}", exact=True)
        visit.follow(change)
        assert visit.path() == step.format(1) and urlsplit(visit.page.url).query == "return=check", visit.page.url
        textarea = visit.page.get_by_label(words.name(CHANGE), exact=True)
        expect(textarea).to_have_value(first)
        visit.audit("step 1, changing an answer")
        textarea.fill(changed)
        continue_to(visit, "Continue", consultation.url + "check-your-answers/")
        check_answers(visit, words, changed, place)

        visit.follow(visit.button("Send response"))
        match = re.fullmatch(re.escape(consultation.url) + r"received/([^/]+)/", visit.path())
        assert match, f"not a receipt: {visit.page.url}"
        reference = match.group(1)
        receipt = visit.page.locator("main")
        expect(receipt.locator("h1")).to_have_text(visit.tr("Thank you: your response has been received"))
        expect(receipt.locator(".pk_reference")).to_have_text(reference)
        expect(receipt).to_contain_text(visit.tr("Your reference is"))
        expect(summary_value(visit.page, words.label(CHANGE))).to_have_text(changed)
        expect(summary_value(visit.page, words.label(WHERE))).to_have_text(place)
        visit.audit("receipt")
    except Exception as error:
        # Stopped half-way: still report what axe and the other checks found before that.
        found = visit.report()
        if found:
            raise AssertionError(f"{error}\n\nFound before that:\n" + "\n".join(found)) from error
        raise
    finally:
        visit.close()

    expected_pages = [
        *(
            ["home page with the embedded first step"]
            if start_from_embed
            else ["consultation page", "step 1", "step 1, error state"]
        ),
        "step 2",
        "step 3 (conditional)",
        "step 4",
        "check your answers",
        "step 1, changing an answer",
        "receipt",
    ]
    assert visit.audited == expected_pages, f"axe checked {visit.audited}"
    problems = visit.report()
    assert not problems, f"{len(problems)} problem(s) in the journey ({journey.name}):\n" + "\n".join(problems)

    response = Response.objects.get(reference=reference)
    assert response.consultation_id == english_vision().pk, (
        "every language's answers belong to the English consultation"
    )
    assert response.language == journey.lang
    assert response.answers[words.question(CHANGE).id] == changed
    assert response.answers[words.question(WHERE).id] == place
    assert response.answers[words.question(POSTCODE).id] == "PH2 8NG"
    return Sent(journey.lang, reference, changed)


# --- Staff ---------------------------------------------------------------------------------------------


def staff_see_the_responses(browser, base_url, django_user_model, sent):
    """One list (the English consultation's) and one CSV, with every language's new responses."""
    english = english_vision()
    password = "a-test-only-password-Q7!"  # noqa: S105 - made here, in the test database only
    django_user_model.objects.create_superuser("journey-staff", "staff@example.org", password)
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/admin/login/")
        page.get_by_label("Username").fill("journey-staff")
        page.get_by_label("Password").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        assert urlsplit(page.url).path == "/admin/", f"login failed: {page.url}"

        list_path = f"{ADMIN_RESPONSES}/{english.pk}/"
        for lang in {item.lang for item in sent} - {"en"}:
            # A translation's own id leads to the same, pooled list.
            response = page.goto(f"{base_url}{ADMIN_RESPONSES}/{vision_in(lang).pk}/")
            assert response.status == 200 and urlsplit(page.url).path == list_path, page.url
        response = page.goto(base_url + list_path)
        assert response.status == 200
        rows = page.locator("table tbody tr")
        for item in sent:
            row = rows.filter(has=page.get_by_role("link", name=item.reference, exact=True))
            expect(row).to_have_count(1)
            expect(row).to_contain_text(LANGUAGE_NAMES[item.lang])
        export = page.request.get(f"{base_url}{ADMIN_RESPONSES}/{english.pk}/export/")
        assert export.status == 200 and export.headers["content-type"].startswith("text/csv")
        body = export.body()
    finally:
        context.close()

    assert body.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    by_reference = {row["Reference"]: row for row in table}
    assert len(table) == Response.objects.filter(consultation=english).count()
    for item in sent:
        assert item.reference in by_reference, f"{item.reference} ({item.lang}) is not in the CSV"
        row = by_reference[item.reference]
        assert row["Language"] == item.lang
        # Free text as typed; choices in the consultation's own (English) words, whatever the language.
        assert row[CHANGE] == item.text
        assert row[INVOLVED] == "Yes"
        assert row[POSTCODE] == "PH2 8NG"
        assert HELP_ANSWERS[0] in row[HELP]


# --- The tests --------------------------------------------------------------------------------------------


@pytest.fixture
def no_rate_limit(settings):
    """These tests send more responses from 127.0.0.1 than one resident may in 10 minutes."""
    settings.PKOFFER_RESPONSES_PER_10_MINUTES = 1000


JOURNEYS = {
    # English and Polish with JavaScript on and off at phone width (issue 5's "done when"), each
    # page also checked by axe at desktop width once per language; Gaelic at both widths.
    "en": [Journey("en", True, PHONE, axe_viewports=(DESKTOP,)), Journey("en", False, PHONE)],
    "pl": [Journey("pl", True, PHONE), Journey("pl", False, PHONE, axe_viewports=(DESKTOP,))],
    "gd": [Journey("gd", True, DESKTOP), Journey("gd", False, PHONE)],
}


@pytest.mark.browser
@pytest.mark.parametrize("languages", [pytest.param(("en", "pl"), id="en+pl"), pytest.param(("gd",), id="gd")])
def test_journey_in_every_language_with_and_without_javascript(
    browser, axe_source, demo_site, no_rate_limit, django_user_model, languages
):
    sent = []
    for lang in languages:
        for journey in JOURNEYS[lang]:
            sent.append(answer_the_consultation(browser, demo_site.url, axe_source, journey))
    assert len({item.reference for item in sent}) == len(sent)
    staff_see_the_responses(browser, demo_site.url, django_user_model, sent)


@pytest.mark.browser
def test_first_step_answered_on_the_home_page_without_javascript(browser, axe_source, demo_site, no_rate_limit):
    journey = Journey("en", False, PHONE)
    sent = answer_the_consultation(browser, demo_site.url, axe_source, journey, start_from_embed=True)
    response = Response.objects.get(reference=sent.reference)
    words = Wording("en")
    assert response.answers[words.question(LIKERT).id] == "agree", "the home page's answers were kept"
