"""Privacy and records: personal data removed after the retention period (command and task), and a
respondent's data found, downloaded (subject access) or erased by records officers, with audit
entries that hold the reference and nothing personal."""

import copy
import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from consultations.apps import ANALYSTS, RECORDS_OFFICERS
from consultations.models import AnswerCode, CodedAnswer, ConsultationPage, Response
from consultations.privacy import months_later, postcode_district, remove_expired_personal_data
from tests.factories import question
from tests.test_consultations import ConsultationIndexPageFactory, make_consultation

DAY = datetime.timedelta(days=1)
SEARCH = "/admin/respondent-data/"


SECTIONS = [
    {
        "type": "section",
        "value": {
            "title": "Your views",
            "intro": "",
            "questions": [
                question("single_choice", "Do you agree?", options=["Yes", "No"]),
                question("long_text", "Tell us more", max_length=1500, personal=True),
                question("short_text", "Which town?"),
                question("long_text", "Your story", max_length=1500, personal=True),
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "About you",
            "intro": "",
            "questions": [
                question("email", "Email address"),
                question("postcode", "Postcode"),
                question("about_you", "Your age", options=["Under 25", "25 and over"]),
            ],
        },
    },
]


@pytest.fixture
def hub(home):
    return ConsultationIndexPageFactory(parent=home)


def qids(consultation):
    return {value["label"]: question_id for _step, question_id, _kind, value in consultation.questions()}


@pytest.fixture
def expired(hub):
    """Closed 13 months ago, personal data kept 12 months: due. "Your story" (personal) was removed
    by an editor after people answered it."""
    now = timezone.now()
    page = make_consultation(hub, now - 500 * DAY, now - 400 * DAY, sections=SECTIONS, retention_months=12)
    ids = qids(page)
    raw = copy.deepcopy(list(page.sections.raw_data))
    raw[0]["value"]["questions"] = [q for q in raw[0]["value"]["questions"] if q["value"]["label"] != "Your story"]
    page.sections = raw
    page.save_revision().publish()
    page = ConsultationPage.objects.get(pk=page.pk)
    return page, ids


@pytest.fixture
def responses(expired, hub):
    page, q = expired
    agree = page.questions()[0][3]["options"].bound_blocks[0].id
    full = Response.objects.create(
        consultation=page,
        reference="FULLANS2",
        language="pl",
        channel="paper",
        outcome_email="Ola@Example.org",
        answers={
            q["Do you agree?"]: agree,
            q["Tell us more"]: "I live at 3 High Street with my two children",
            q["Which town?"]: "Crieff",
            q["Your story"]: "My name is Ola",
            q["Email address"]: "ola@example.org",
            q["Postcode"]: "PH2 8NG",
            q["Your age"]: "prefer-not-to-say",
        },
    )
    other = Response.objects.create(
        consultation=page, reference="OTHER222", language="en", answers={q["Postcode"]: "PH10 6SG"}
    )
    recent = make_consultation(
        hub, timezone.now() - 60 * DAY, timezone.now() - 30 * DAY, sections=SECTIONS, slug="recent", title="Recent"
    )
    kept = Response.objects.create(
        consultation=recent,
        reference="RECENT22",
        language="en",
        outcome_email="kept@example.org",
        answers={qids(recent)["Email address"]: "kept@example.org", qids(recent)["Postcode"]: "PH1 5PH"},
    )
    return {"page": page, "q": q, "agree": agree, "full": full, "other": other, "kept": kept, "recent": recent}


def run(*args):
    out = io.StringIO()
    call_command("remove_expired_personal_data", *args, stdout=out)
    return out.getvalue()


def test_dry_run_counts_and_changes_nothing(responses):
    before = {r.pk: (r.answers, r.outcome_email) for r in Response.objects.all()}
    output = run("--dry-run")
    assert (
        "The proposed vision" in output
        and "would remove personal data from 2 responses: 1 emails for the outcome, 4 personal answers, "
        "2 postcodes reduced to their district."
        in output
    )
    assert output.strip().endswith(
        "Would remove personal data from 2 responses in 1 consultations: 1 emails for the outcome, "
        "4 personal answers, 2 postcodes reduced to their district."
    )
    assert {r.pk: (r.answers, r.outcome_email) for r in Response.objects.all()} == before
    assert not Response.objects.filter(personal_data_removed_at__isnull=False).exists()


def test_personal_data_is_removed_after_the_retention_period(responses):
    q = responses["q"]
    output = run()
    assert "Removed personal data from 2 responses in 1 consultations: 1 emails for the outcome" in output

    full = Response.objects.get(reference="FULLANS2")
    assert full.outcome_email == ""
    assert full.answers == {
        q["Do you agree?"]: responses["agree"],  # not personal: kept for the record
        q["Which town?"]: "Crieff",  # a short text not marked personal
        q["Postcode"]: "PH2",  # the district still counts by area
    }
    assert full.personal_data_removed_at is not None
    assert Response.objects.get(reference="OTHER222").answers == {q["Postcode"]: "PH10"}

    # The consultation still within its retention period is untouched.
    kept = Response.objects.get(reference="RECENT22")
    assert kept.outcome_email == "kept@example.org" and kept.personal_data_removed_at is None
    assert "kept@example.org" in kept.answers.values() and "PH1 5PH" in kept.answers.values()

    # Idempotent: a second run has nothing left to do and changes nothing.
    done_at = full.personal_data_removed_at
    assert run().strip() == (
        "Removed personal data from 0 responses in 0 consultations: 0 emails for the outcome, "
        "0 personal answers, 0 postcodes reduced to their district."
    )
    assert Response.objects.get(reference="FULLANS2").personal_data_removed_at == done_at


def test_small_batches_do_the_same(responses):
    (report,) = remove_expired_personal_data(batch_size=1)
    assert (report.responses, report.emails, report.answers, report.postcodes) == (2, 1, 4, 2)
    assert Response.objects.filter(personal_data_removed_at__isnull=False).count() == 2


def test_the_scheduled_task_does_the_same(responses):
    from consultations.tasks import remove_expired_personal_data as task

    result = task.enqueue()
    assert result.return_value["consultations"] == 1
    assert "2 responses" in result.return_value["report"][-1]
    assert Response.objects.get(reference="FULLANS2").outcome_email == ""


def test_the_period_starts_when_the_consultation_closes(responses, expired):
    page, _q = expired
    page.retention_months = 24  # 13 months after closing: not yet
    page.save()
    assert remove_expired_personal_data() == []
    assert Response.objects.get(reference="FULLANS2").outcome_email == "Ola@Example.org"


def test_dates_and_districts():
    moment = datetime.datetime(2025, 1, 31, 17, 0, tzinfo=datetime.UTC)
    assert months_later(moment, 1) == datetime.datetime(2025, 2, 28, 17, 0, tzinfo=datetime.UTC)
    assert months_later(moment, 12) == datetime.datetime(2026, 1, 31, 17, 0, tzinfo=datetime.UTC)
    assert [postcode_district(p) for p in ("PH2 8NG", "ph108aa", "KY13", "EH1 1AA ", "not one")] == [
        "PH2",
        "PH10",
        "KY13",
        "EH1",
        None,
    ]


# --- Subject access and erasure --------------------------------------------------------------------------


def user_in(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "not-a-real-password-1")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def officer(django_user_model):
    return user_in(django_user_model, RECORDS_OFFICERS, "officer")


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def found(client, query):
    page = soup(client.get(SEARCH, {"q": query}))
    return [row.select_one("th").get_text(strip=True) for row in page.select("#respondent-results tbody tr")]


def test_records_officers_find_a_respondent_by_reference_or_email(client, responses, officer):
    client.force_login(officer)
    assert found(client, " full ans2 ") == ["FULLANS2"]  # spaces and case ignored
    assert found(client, "FULLANS") == []  # exact, not a part
    assert found(client, "OLA@example.ORG") == ["FULLANS2"]  # the outcome email and the email answer
    assert found(client, "kept@example.org") == ["RECENT22"]
    assert found(client, "ola@example.or") == []
    page = soup(client.get(SEARCH, {"q": "FULLANS2"}))
    row = page.select_one("#respondent-results tbody tr").get_text(" ", strip=True)
    assert "The proposed vision" in row and "Paper form" in row and "Polski" in row


def data_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="respondent-data-FULLANS2.csv"'
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    return dict(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_download_their_data_and_the_audit_entry(client, responses, officer, admin_user):
    client.force_login(officer)
    full = responses["full"]
    address = f"{SEARCH}{full.pk}/download/"
    assert client.get(address).status_code == 405  # only a deliberate POST writes an audit entry
    rows = data_rows(client.post(address))
    assert rows["Reference"] == "FULLANS2"
    assert rows["Consultation"] == "The proposed vision"
    assert rows["Channel"] == "Paper form" and rows["Language"] == "Polski"
    assert rows["Email for the outcome"] == "Ola@Example.org"
    assert rows["Do you agree?"] == "Yes"
    assert rows["Tell us more"] == "I live at 3 High Street with my two children"
    assert rows["Your story"] == "My name is Ola"  # a removed question, with its label
    assert rows["Postcode"] == "PH2 8NG"
    assert rows["Your age"] == "Prefer not to say"

    entry = PageLogEntry.objects.get(action="consultations.subject_access")
    assert entry.page_id == responses["page"].pk and entry.user == officer
    assert entry.data == {"reference": "FULLANS2"}  # never the email or the answers
    client.force_login(admin_user)  # the page's history is read by those with access to the page
    history = client.get(f"/admin/pages/{responses['page'].pk}/history/").content.decode()
    assert "downloaded (subject access): response FULLANS2" in history
    site_history = client.get("/admin/reports/site-history/").content.decode()
    assert "downloaded (subject access): response FULLANS2" in site_history
    assert "Ola@Example.org" not in history + site_history


def test_erase_a_response_with_its_codes_and_the_audit_entry(client, responses, officer, admin_user):
    client.force_login(officer)
    full, page = responses["full"], responses["page"]
    code = AnswerCode.objects.create(consultation=page, name="Housing")
    CodedAnswer.objects.create(response=full, question_id=responses["q"]["Tell us more"], code=code)
    address = f"{SEARCH}{full.pk}/erase/"
    confirm = soup(client.get(address))
    assert "Erase response FULLANS2" in confirm.get_text(" ")
    assert Response.objects.filter(pk=full.pk).exists()  # looking at the confirmation erases nothing

    response = client.post(address, follow=True)
    assert "Response FULLANS2 has been erased." in soup(response).get_text(" ")
    assert not Response.objects.filter(pk=full.pk).exists()
    assert not CodedAnswer.objects.exists()
    assert AnswerCode.objects.filter(pk=code.pk).exists()  # the consultation's codes stay
    entry = PageLogEntry.objects.get(action="consultations.erase")
    assert entry.page_id == page.pk and entry.data == {"reference": "FULLANS2"}
    client.force_login(admin_user)  # the page's history is read by those with access to the page
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Response FULLANS2 erased at the respondent" in history
    assert "Response FULLANS2 erased at the respondent" in client.get("/admin/reports/site-history/").content.decode()


@pytest.mark.parametrize(
    "group", [ANALYSTS, "Editors", "Moderators", "Translators (Scottish Gaelic)", "Translators (Polish)"]
)
def test_only_records_officers_reach_respondent_data(client, responses, django_user_model, group):
    client.force_login(user_in(django_user_model, group, "someone"))
    full = responses["full"]
    assert client.get(SEARCH, {"q": "FULLANS2"}).status_code == 403
    assert client.post(f"{SEARCH}{full.pk}/download/").status_code == 403
    assert client.get(f"{SEARCH}{full.pk}/erase/").status_code == 403
    assert client.post(f"{SEARCH}{full.pk}/erase/").status_code == 403
    assert Response.objects.filter(pk=full.pk).exists()
    assert not PageLogEntry.objects.filter(action__startswith="consultations.").exists()
    assert SEARCH not in client.get("/admin/").content.decode()


def test_the_menu_item_is_shown_to_records_officers_and_superusers(client, responses, officer, django_user_model):
    client.force_login(officer)
    assert SEARCH in client.get("/admin/").content.decode()
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "not-a-real-pw-1"))
    assert SEARCH in client.get("/admin/").content.decode()


def test_residents_are_sent_to_log_in(client, responses):
    response = client.get(SEARCH)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
