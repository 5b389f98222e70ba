"""Issue 8, "done when", first step: a staff member enters a paper response through the real admin
page in Chromium, finds it in the consultation's responses and filters the list by "Paper form".

The closed demo consultation is used on purpose: late paper responses are entered after closing.
"""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from consultations.apps import ANALYSTS
from consultations.models import ConsultationPage, Response

from .helpers import AXE_RUN, AXE_TAGS, DESKTOP, format_violations, log_in

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
CLOSED = "Discover: how has the pandemic affected you?"


@pytest.fixture
def admin_page(browser, demo_site):
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()  # before the live server stops


def our_violations(page, axe_source):
    """axe-core's violations in what this project adds to the admin page (the error summary and
    the entry form); Wagtail's own chrome is Wagtail's business."""
    page.evaluate(axe_source)
    script = AXE_RUN.replace("axe.run(document,", 'axe.run({include: [["#entry-errors"], ["#enter-response-form"]]},')
    return page.evaluate(script, AXE_TAGS)


def test_staff_enter_a_paper_response_and_filter_the_list_by_channel(
    admin_page, demo_site, django_user_model, axe_source
):
    base = demo_site.url
    user = django_user_model.objects.create_user("morag", "morag@example.org", PASSWORD, first_name="Morag")
    user.groups.add(Group.objects.get(name=ANALYSTS))
    closed = ConsultationPage.objects.get(title=CLOSED, locale__language_code="en")
    page = admin_page

    log_in(page, base, "morag", PASSWORD)

    # Consultation responses → the closed consultation → "Enter a response".
    page.get_by_role("link", name="Consultation responses").click()
    page.get_by_role("link", name=CLOSED).click()
    page.wait_for_url(f"{base}/admin/consultation-responses/{closed.pk}/")
    page.get_by_role("link", name="Enter a response").click()
    page.wait_for_url(f"{base}/admin/consultation-responses/{closed.pk}/enter/")
    expect(page.get_by_text("This consultation has closed.")).to_be_visible()

    # Sent without the required answer: the error is shown, what was typed is kept, nothing stored.
    before = Response.objects.filter(consultation=closed).count()
    page.get_by_label("Paper form").check()
    page.get_by_label("What would help your group do this?").fill("A grant for the hall roof.")
    page.get_by_role("button", name="Save the response").click()
    summary = page.locator("#entry-errors")
    expect(summary).to_contain_text("Answer the question: Community groups should be able to take on")
    expect(page.get_by_label("What would help your group do this?")).to_have_value("A grant for the hall roof.")
    expect(page.get_by_label("Paper form")).to_be_checked()
    assert Response.objects.filter(consultation=closed).count() == before
    violations = our_violations(page, axe_source)
    assert not violations, format_violations(violations)

    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("Problems getting online").check()
    page.get_by_label("Mental wellbeing").check()
    page.get_by_role("button", name="Save the response").click()
    page.wait_for_url(f"{base}/admin/consultation-responses/{closed.pk}/")
    message = page.locator(".messages").get_by_text(re.compile(r"Response \w+ entered \(Paper form\)\."))
    expect(message).to_be_visible()
    reference = re.search(r"Response (\w+) entered", message.inner_text()).group(1)
    stored = Response.objects.get(reference=reference)
    assert (stored.channel, stored.entered_by, stored.consultation_id) == ("paper", user, closed.pk)

    # The list shows it, named by its channel; the channel filter keeps the paper responses only.
    row = page.locator("table.listing tbody tr").filter(has_text=reference)
    expect(row).to_contain_text("Paper form")
    expect(page.locator("table.listing tbody tr").filter(has_text="Website").first).to_be_visible()
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("button", name="Channel").click()  # the filter menu's drill-down
    page.get_by_role("radio", name="Paper form").check()
    page.wait_for_url(re.compile(r"channel=paper"))
    rows = page.locator("table.listing tbody tr")
    expect(rows.filter(has_text=reference)).to_have_count(1)
    expect(rows.filter(has_text="Website")).to_have_count(0)
    assert rows.count() == Response.objects.filter(consultation=closed, channel="paper").count() == 3

    # Its page says who entered it.
    row = rows.filter(has_text=reference)
    row.get_by_role("link", name=reference).click()
    expect(page.locator("dl").first).to_contain_text("Entered by")
    expect(page.locator("dl").first).to_contain_text("Morag")


def test_a_records_officer_downloads_and_erases_a_respondent_s_data(
    admin_page, demo_site, django_user_model, axe_source
):
    from consultations.apps import RECORDS_OFFICERS

    base = demo_site.url
    user = django_user_model.objects.create_user("iain", "iain@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=RECORDS_OFFICERS))
    closed = ConsultationPage.objects.get(title=CLOSED, locale__language_code="en")
    response = Response.objects.filter(consultation=closed, channel="paper").first()
    response.outcome_email = "Respondent@Example.org"
    response.save()
    page = admin_page

    log_in(page, base, "iain", PASSWORD)
    page.get_by_role("link", name="Respondent data").click()
    page.get_by_label("Reference number or email address").fill("respondent@example.org")
    page.get_by_role("button", name="Find").click()
    row = page.locator("#respondent-results tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(response.reference)
    expect(row).to_contain_text("Paper form")
    page.evaluate(axe_source)
    script = AXE_RUN.replace("axe.run(document,", 'axe.run({include: [["#main"]], exclude: [[".messages"]]},')
    violations = page.evaluate(script, AXE_TAGS)
    assert not violations, format_violations(violations)

    with page.expect_download() as download:
        row.get_by_role("button", name=re.compile("Download their data")).click()
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert response.reference in content and "Respondent@Example.org" in content and CLOSED in content

    row.get_by_role("link", name=re.compile("Erase")).click()
    page.get_by_role("button", name="Yes, erase this response").click()
    expect(page.locator(".messages")).to_contain_text(f"Response {response.reference} has been erased.")
    assert not Response.objects.filter(pk=response.pk).exists()
