"""With JavaScript on, a consultation draft is also kept in the browser (static/js/consultation-draft.js).

A resident on a flaky connection types answers, the submit never reaches the server, and when they
come back to the step the answers are put back, with a message saying so and a button to remove
them. Later pages of the journey forget the steps the server has, the receipt forgets the whole
consultation, drafts older than 7 days go, and without JavaScript (or without localStorage)
everything works as before.
"""

import datetime
import json
import time

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Locale

from consultations.models import ConsultationPage, Response
from tests.test_consultations import ConsultationIndexPageFactory, make_consultation

from .helpers import format_violations, run_axe, stylesheet_loaded

VISION_SLUG = "proposed-vision-and-principles"  # the demo's open consultation, three steps
PREFIX = "pkoffer-draft:"
RESTORED = "We have put back the answers you typed earlier on this device."
REMOVED = "We have removed the answers you typed earlier from this device."
SCRIPT = "js/consultation-draft.js"

STEP1_LIKERT = "The vision describes the Perth and Kinross I want to live in"
STEP1_TEXT = "What would you change in the vision, and why?"
STEP2_CHOICES = "Which of these should the Offer focus on first?"
STEP2_RANKING = [
    "Economy and entrepreneurship",
    "Environment",
    "Equalities",
    "Education and learning",
    "Empowerment",
]
STEP2_INVOLVED = "Would you like to get involved in a community project?"


def vision():
    return ConsultationPage.objects.get(slug=VISION_SLUG, locale=Locale.get_default())


def about_you(consultation):
    """The number in the URL of the "About you" step (a step shown only to some residents comes before it)."""
    titles = [section.value["title"] for section in consultation.sections]
    return titles.index("About you") + 1


def draft_key(consultation, step):
    """The browser's key for a step's draft: the consultation's translation key and the step's first question."""
    first_question = consultation.sections[step - 1].value["questions"][0].id
    return f"{PREFIX}{consultation.translation_key}:{first_question}"


def step_url(base, consultation, step):
    return base + consultation.url + consultation.reverse_subpage("step", args=[step])


def group(page, name):
    return page.get_by_role("group", name=name, exact=True)


# The design system's radios and checkboxes are styled labels over the inputs: a resident clicks
# the label (so do these tests); get_by_label finds the input itself, to read its state.


def answer_step1(page, text="Say more about rural buses."):
    group(page, STEP1_LIKERT).get_by_text("Agree", exact=True).click()
    for principle in ("Bold vision", "Enabling", "Partnership", "Kindness"):
        group(page, principle).get_by_text("Strongly agree", exact=True).click()
    page.get_by_label(STEP1_TEXT).fill(text)


def answer_step2(page):
    choices = page.get_by_role("group", name=STEP2_CHOICES)
    choices.get_by_text("Poverty", exact=True).click()
    choices.get_by_text("Rural transport", exact=True).click()
    for place, option in enumerate(reversed(STEP2_RANKING), start=1):
        page.get_by_label(option, exact=True).select_option(str(place))
    page.get_by_role("group", name=STEP2_INVOLVED).get_by_text("Maybe", exact=True).click()


def answer_step3(page):
    page.get_by_label("Your postcode").fill("PH1 5PH")
    page.get_by_label("How many people live in your home?").fill("3")
    page.get_by_role("group", name="Your age").get_by_text("45 to 64", exact=True).click()
    page.get_by_label("Are you answering for a group or organisation? If so, which?").fill("Crieff Hydro walkers")


def submit(page, name="Continue"):
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name=name, exact=True).click()
    assert "There is a problem" not in page.content(), page.locator("#error-summary").inner_text()


def submit_fails(page, name="Continue"):
    """Press the button while every POST is lost on the way (the resident's connection drops)."""

    def lose_posts(route):
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/*", lose_posts)
    with page.expect_event("requestfailed", predicate=lambda request: request.method == "POST"):
        page.locator("main form").get_by_role("button", name=name, exact=True).click()
    page.unroute("**/*")


def stored(page):
    """{key: draft} of this browser's consultation drafts."""
    return page.evaluate(
        """(prefix) => Object.fromEntries(Object.keys(localStorage)
            .filter((key) => key.startsWith(prefix))
            .map((key) => [key, JSON.parse(localStorage.getItem(key))]))""",
        PREFIX,
    )


def notice(page):
    return page.locator("main [role=status] [data-draft-notice]")


def new_page(browser, errors, **options):
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page


@pytest.mark.browser
def test_answers_come_back_after_a_lost_submit(browser, demo_site):
    consultation = vision()
    errors = []
    context, page = new_page(browser, errors)

    # Step 1 (radios, a matrix of radios, a textarea): the submit never reaches the server.
    page.goto(step_url(demo_site.url, consultation, 1))
    expect(notice(page)).to_be_hidden()
    answer_step1(page)
    assert "website" not in stored(page)[draft_key(consultation, 1)]["v"], "the honeypot is never kept"
    assert "csrfmiddlewaretoken" not in stored(page)[draft_key(consultation, 1)]["v"]
    submit_fails(page)
    page.goto(step_url(demo_site.url, consultation, 1))
    text = page.get_by_label(STEP1_TEXT)
    assert text.evaluate("el => el.defaultValue") == "", "the server should not have had the answers"
    expect(text).to_have_value("Say more about rural buses.")
    expect(group(page, STEP1_LIKERT).get_by_label("Agree", exact=True)).to_be_checked()
    expect(group(page, "Kindness").get_by_label("Strongly agree", exact=True)).to_be_checked()
    expect(notice(page)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text=RESTORED)).to_be_visible()

    # Sent for real: step 2 loads, and step 1's draft goes because the server has it.
    submit(page)
    assert page.url == step_url(demo_site.url, consultation, 2)
    assert draft_key(consultation, 1) not in stored(page)

    # Step 2 (checkboxes, ranking selects, radios): the connection is lost while sending.
    answer_step2(page)
    context.set_offline(True)
    with page.expect_event("requestfailed"):
        page.locator("main form").get_by_role("button", name="Continue", exact=True).click()
    context.set_offline(False)
    page.goto(step_url(demo_site.url, consultation, 2))
    expect(notice(page)).to_be_visible()
    choices = page.get_by_role("group", name=STEP2_CHOICES)
    expect(choices.get_by_label("Poverty", exact=True)).to_be_checked()
    expect(choices.get_by_label("Rural transport", exact=True)).to_be_checked()
    expect(choices.get_by_label("Mental wellbeing", exact=True)).not_to_be_checked()
    for place, option in enumerate(reversed(STEP2_RANKING), start=1):
        expect(page.get_by_label(option, exact=True)).to_have_value(str(place))
    expect(page.get_by_role("group", name=STEP2_INVOLVED).get_by_label("Maybe", exact=True)).to_be_checked()
    submit(page)

    # About you (text inputs and radios; "Maybe" above skips the step on getting involved): the same.
    answer_step3(page)
    submit_fails(page, "Check your answers")
    page.goto(step_url(demo_site.url, consultation, about_you(consultation)))
    expect(notice(page)).to_be_visible()
    expect(page.get_by_label("Your postcode")).to_have_value("PH1 5PH")
    expect(page.get_by_label("How many people live in your home?")).to_have_value("3")
    expect(page.get_by_role("group", name="Your age").get_by_label("45 to 64", exact=True)).to_be_checked()
    submit(page, "Check your answers")
    assert not stored(page), "check your answers: the server has every step"
    # What the server has is what was typed before the connection dropped.
    for answer in ("Say more about rural buses.", "Rural transport", "PH1 5PH", "45 to 64"):
        expect(page.locator("main")).to_contain_text(answer)
    context.close()
    assert not errors, errors


@pytest.mark.browser
def test_receipt_forgets_the_consultation_and_old_drafts_expire(browser, demo_site):
    consultation = vision()
    key = f"{PREFIX}{consultation.translation_key}"
    errors = []
    context, page = new_page(browser, errors)
    page.goto(demo_site.url + consultation.url)
    eight_days_ago = (time.time() - 8 * 24 * 3600) * 1000
    page.evaluate(
        """([old, fresh, t]) => {
            localStorage.setItem(old, JSON.stringify({t: t, v: {a: ["stale"]}}));
            localStorage.setItem(fresh, JSON.stringify({t: Date.now(), v: {a: ["fresh"]}}));
        }""",
        [f"{PREFIX}another-consultation:1", f"{PREFIX}another-consultation:2", eight_days_ago],
    )

    page.goto(step_url(demo_site.url, consultation, 1))
    assert f"{PREFIX}another-consultation:1" not in stored(page), "a draft older than 7 days must go"
    answer_step1(page)
    submit(page)
    answer_step2(page)
    submit(page)
    answer_step3(page)
    submit(page, "Check your answers")
    assert set(stored(page)) == {f"{PREFIX}another-consultation:2"}

    # The resident starts changing an answer about themselves but returns to the summary without sending
    # it: that draft was changed after it was sent, so it stays until the receipt.
    check_url = page.url
    with page.expect_navigation():
        page.get_by_role("link", name="Change Your postcode").click()
    page.get_by_label("Your postcode").fill("PH2 8AB")
    page.goto(check_url)
    assert draft_key(consultation, about_you(consultation)) in stored(page)

    submit(page, "Send response")
    expect(page.locator(".pk_reference")).to_be_visible()
    assert not [k for k in stored(page) if k.startswith(key)], "the receipt must forget the whole consultation"
    assert f"{PREFIX}another-consultation:2" in stored(page), "other consultations' drafts are not this one's"
    context.close()
    assert not errors, errors
    assert Response.objects.filter(consultation=consultation).count() >= 1


@pytest.mark.browser
def test_without_javascript_the_steps_work_and_submit(browser, demo_site):
    consultation = vision()
    before = Response.objects.filter(consultation=consultation).count()
    errors = []
    context, page = new_page(browser, errors, java_script_enabled=False)
    page.goto(step_url(demo_site.url, consultation, 1))
    expect(notice(page)).to_be_hidden()
    answer_step1(page)
    submit(page)
    answer_step2(page)
    submit(page)
    answer_step3(page)
    submit(page, "Check your answers")
    expect(page.locator("main h1")).to_have_text("Check your answers")
    submit(page, "Send response")
    expect(page.locator(".pk_reference")).to_be_visible()
    context.close()
    assert not errors, errors
    response = Response.objects.filter(consultation=consultation).order_by("-pk").first()
    assert Response.objects.filter(consultation=consultation).count() == before + 1
    assert "Say more about rural buses." in json.dumps(response.answers)


@pytest.mark.browser
def test_without_local_storage_nothing_breaks(browser, demo_site):
    """Private mode or storage switched off: the script stays quiet and the form works."""
    consultation = vision()
    errors = []
    context, page = new_page(browser, errors)
    context.add_init_script(
        """Object.defineProperty(window, "localStorage", {
            get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
        });"""
    )
    page.goto(step_url(demo_site.url, consultation, 1))
    answer_step1(page)
    submit(page)
    assert page.url == step_url(demo_site.url, consultation, 2)
    expect(notice(page)).to_be_hidden()
    context.close()
    assert not errors, errors


@pytest.mark.browser
def test_restored_message_is_accessible_and_can_be_removed(browser, axe_source, demo_site):
    consultation = vision()
    errors = []
    context, page = new_page(browser, errors)
    page.goto(step_url(demo_site.url, consultation, 1))
    answer_step1(page, text="Typed on the bus.")
    page.goto(step_url(demo_site.url, consultation, 1))  # left without sending
    expect(notice(page)).to_be_visible()
    expect(page.get_by_label(STEP1_TEXT)).to_have_value("Typed on the bus.")
    assert stylesheet_loaded(page)
    violations = run_axe(page, axe_source, javascript_enabled=True)
    assert not violations, "axe found problems on the step page with the message shown:\n" + format_violations(
        violations
    )

    page.get_by_role("button", name="Remove these answers").click()
    expect(page.get_by_label(STEP1_TEXT)).to_have_value("")
    expect(group(page, STEP1_LIKERT).get_by_label("Agree", exact=True)).not_to_be_checked()
    expect(page.get_by_role("status").filter(has_text=REMOVED)).to_be_visible()
    expect(page.get_by_role("button", name="Remove these answers")).to_be_hidden()
    expect(page.locator("[data-draft-message]")).to_be_focused()
    assert not stored(page)
    violations = run_axe(page, axe_source, javascript_enabled=True)
    assert not violations, "axe found problems after removing the answers:\n" + format_violations(violations)
    context.close()
    assert not errors, errors


@pytest.mark.browser
def test_a_script_arriving_late_does_not_overwrite_new_typing(browser, demo_site):
    """On a slow connection the resident may start typing before the script arrives: that wins."""
    consultation = vision()
    errors = []
    context, page = new_page(browser, errors)
    page.goto(step_url(demo_site.url, consultation, 1))
    answer_step1(page, text="Typed last week.")

    held = []
    page.route("**/js/consultation-draft.js", lambda route: held.append(route))  # the script is on its way, slowly
    page.goto(step_url(demo_site.url, consultation, 1), wait_until="commit")
    page.get_by_label(STEP1_TEXT).fill("Typed just now.")
    for _ in range(100):  # the parser reaches the script tag at the end of the page
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the page should have asked for the script"
    held[0].continue_()
    page.wait_for_load_state("load")
    expect(page.get_by_label(STEP1_TEXT)).to_have_value("Typed just now.")
    # The untouched radios get last week's answers back.
    expect(group(page, STEP1_LIKERT).get_by_label("Agree", exact=True)).to_be_checked()
    expect(notice(page)).to_be_visible()
    context.close()
    assert not errors, errors


@pytest.mark.browser
def test_embedded_first_step_keeps_a_draft_too(browser, demo_site):
    """The home page shows the vision consultation's first step inline; it keeps and restores the same draft."""
    consultation = vision()
    errors = []
    context, page = new_page(browser, errors)
    page.goto(demo_site.url + "/")
    embed = page.locator(f"form[data-draft='{consultation.translation_key}']")
    expect(embed).to_have_count(1)
    embed.get_by_label(STEP1_TEXT).fill("Typed on the home page.")
    page.goto(step_url(demo_site.url, consultation, 1))  # the same draft on the step's own page
    expect(page.get_by_label(STEP1_TEXT)).to_have_value("Typed on the home page.")
    expect(notice(page)).to_be_visible()
    page.goto(demo_site.url + "/")
    expect(embed.get_by_label(STEP1_TEXT)).to_have_value("Typed on the home page.")
    expect(embed.locator("[data-draft-notice]")).to_be_visible()
    context.close()
    assert not errors, errors


# --- Without a browser: the markup the script relies on -------------------------------------------


@pytest.fixture
def consultation(home):
    hub = ConsultationIndexPageFactory(parent=home)
    day = datetime.timedelta(days=1)
    return make_consultation(hub, timezone.now() - day, timezone.now() + day)


def test_step_page_loads_the_draft_script_and_configures_the_form(client, consultation):
    response = client.get(consultation.url + consultation.reverse_subpage("step", args=[1]))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    scripts = html.find_all("script")
    assert [script.get("src") for script in scripts] == [f"/static/{SCRIPT}"]
    assert scripts[0].has_attr("defer") and not scripts[0].string, "no inline script (CSP)"
    form = html.select_one("main form[method=post]")
    assert form["data-draft"] == str(consultation.translation_key)
    assert form["data-draft-step"] == consultation.sections[0].value["questions"][0].id
    status = form.select_one("[role=status]")
    notice = status.select_one("[data-draft-notice]")
    assert notice.has_attr("hidden"), "the message shows only when answers were put back"
    assert notice.select_one("[data-draft-message]").get_text(strip=True) == RESTORED
    assert notice.select_one("button[type=button][data-draft-clear]")
    assert not html.select("[style]") and not any(
        attr.startswith("on") for tag in html.find_all(True) for attr in tag.attrs
    ), "no inline style or event handlers (CSP)"


def test_draft_script_is_served(client, consultation):
    response = client.get(f"/static/{SCRIPT}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"localStorage" in body
