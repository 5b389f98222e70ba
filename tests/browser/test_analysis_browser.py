"""Issue 8, "done when", analysis: an analyst filters the results by channel, tags a free-text answer
with a code, and downloads the XLSX export, in Chromium through the real admin pages."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from consultations.apps import ANALYSTS
from consultations.models import AnswerCode, CodedAnswer, ConsultationPage, Response

from .helpers import DESKTOP, format_violations, log_in, run_axe

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
CLOSED = "Discover: how has the pandemic affected you?"
FREE_TEXT = "What would help your group do this?"


@pytest.fixture
def admin_page(browser, demo_site):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()  # before the live server stops


def no_violations(page, axe_source):
    violations = run_axe(page, axe_source, javascript_enabled=True)
    assert not violations, f"axe on {page.url}:\n{format_violations(violations)}"


def test_analyst_filters_results_by_channel_tags_an_answer_and_downloads_xlsx(
    admin_page, demo_site, django_user_model, axe_source
):
    base = demo_site.url
    user = django_user_model.objects.create_user("ailsa", "ailsa@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=ANALYSTS))
    closed = ConsultationPage.objects.get(title=CLOSED, locale__language_code="en")
    paper = Response.objects.filter(consultation=closed, channel="paper").count()
    assert paper > 0
    page = admin_page

    log_in(page, base, "ailsa", PASSWORD)

    page.get_by_role("link", name="Consultation responses").click()
    page.get_by_role("link", name=CLOSED).click()
    page.get_by_role("link", name="Results").click()
    page.wait_for_url(f"{base}/admin/consultation-responses/{closed.pk}/summary/")
    total = Response.objects.filter(consultation=closed).count()
    expect(page.locator("#totals-heading")).to_have_text(f"{total} responses")
    expect(page.locator("figure svg[role=img]").first).to_be_visible()
    no_violations(page, axe_source)

    # Filter by channel: only the paper responses are counted.
    page.get_by_role("radio", name="Paper form").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/summary/?*channel=paper*")
    expect(page.locator("#totals-heading")).to_have_text(f"{paper} response" + ("s" if paper != 1 else ""))
    likert = page.locator("figure").filter(has_text="Community groups should be able to take on council buildings")
    answered = likert.locator("figcaption p").first
    expect(answered).to_contain_text(f"Answered by {paper} respondent")

    # The free-text question, from the results, then tag its first uncoded answer.
    page.get_by_role("link", name="Clear filters").click()
    page.locator("#free-text").get_by_role("link", name=FREE_TEXT).click()
    page.get_by_label("Code", exact=True).select_option(label="Not yet coded")
    page.get_by_role("button", name="Find").click()
    page.wait_for_url("**/free-text/**code=none*")
    expect(page.locator("#answers li").first).to_be_visible()
    no_violations(page, axe_source)
    first = page.locator("#answers li").first
    reference = first.get_attribute("data-reference")
    first.get_by_label("Advice and funding").check()
    page.get_by_role("button", name="Save codes").click()
    expect(page.locator(".messages")).to_contain_text("Codes saved: 1 added, 0 removed.")
    assert "code=none" in page.url  # back on the same filters
    response = Response.objects.get(reference=reference)
    coded = CodedAnswer.objects.get(
        response=response, code=AnswerCode.objects.get(consultation=closed, name="Advice and funding")
    )
    assert coded.coded_by == user

    # The codes and the representativeness pages pass axe too.
    page.goto(f"{base}/admin/consultation-responses/{closed.pk}/codes/")
    no_violations(page, axe_source)
    vision = ConsultationPage.objects.get(slug="proposed-vision-and-principles", locale__language_code="en")
    page.goto(f"{base}/admin/consultation-responses/{vision.pk}/representativeness/")
    expect(page.locator("#by-age")).to_contain_text("Under-represented")
    no_violations(page, axe_source)

    # The XLSX export, with the code in its column.
    page.get_by_role("link", name="Consultation responses").first.click()
    page.get_by_role("link", name=CLOSED).click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download XLSX").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == total + 1
    column = rows[0].index(f"Codes: {FREE_TEXT}")
    (row,) = [r for r in rows if r[0] == reference]
    assert "Advice and funding" in row[column]
