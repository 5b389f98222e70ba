"""Save and come back later: a resume code (or an emailed link) restores a consultation draft."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from consultations import resume, tasks
from consultations.models import ConsultationPage, Response, SavedDraft
from tests.test_consultation_journey import SECTIONS, ids, step1_data, step2_data
from tests.test_consultations import ConsultationIndexPageFactory, make_consultation


@pytest.fixture
def consultation(home):
    hub = ConsultationIndexPageFactory(parent=home)
    now = timezone.now()
    return make_consultation(
        hub, now - datetime.timedelta(days=1), now + datetime.timedelta(days=60), sections=SECTIONS
    )


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def save_mid_journey(client, consultation):
    """Step 1 done; on step 2 some answers valid, the postcode wrong, then "Save and come back later"."""
    base = consultation.url
    client.post(f"{base}step/1/", step1_data(consultation))
    data = {**step2_data(consultation), "action": "save"}
    m = ids(consultation)
    data[m["Postcode"][0]] = "NOT A POSTCODE"
    response = client.post(f"{base}step/2/", data)
    assert response.status_code == 302 and response["Location"] == f"{base}save/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page, html(page).select_one(".pk_reference").get_text(strip=True)


def send(client, consultation):
    token = html(client.get(f"{consultation.url}check-your-answers/")).find("input", attrs={"name": "token"})["value"]
    return client.post(f"{consultation.url}check-your-answers/", {"token": token})


def test_step_has_a_save_button_and_the_consultation_a_resume_link(client, consultation):
    button = html(client.get(f"{consultation.url}step/1/")).find("button", attrs={"name": "action"})
    assert button["value"] == "save" and "ds_button--secondary" in button["class"]
    assert button.get_text() == "Save and come back later"
    link = html(client.get(consultation.url)).find("a", string="Continue a saved response")
    assert link["href"] == f"{consultation.url}resume/"


def test_save_keeps_valid_answers_and_shows_the_code(client, consultation):
    page, shown = save_mid_journey(client, consultation)
    assert re.fullmatch(r"[A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{4}", shown)
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    text = html(page).get_text(" ")
    assert "(UK time)" in text and f"http://testserver{consultation.url}resume/" in text

    saved = SavedDraft.objects.get()
    m = ids(consultation)
    assert saved.done_steps == [1]  # step 2 had an error: not done
    assert saved.answers[m["How many people live in your home?"][0]] == 3  # valid: kept
    assert saved.answers[m["Do you agree with the vision?"][0]] == m["Do you agree with the vision?"][1]["Yes"]
    assert m["Postcode"][0] not in saved.answers  # invalid: not kept
    assert saved.language == "en" and saved.consultation_id == consultation.pk
    # Only a hash of the code is stored.
    code = shown.replace(" ", "")
    assert code not in str(saved.__dict__) and saved.code_hash == resume.code_hash(code)
    expected = timezone.now() + datetime.timedelta(days=28)
    assert abs((saved.expires_at - expected).total_seconds()) < 60

    # Saving again in the same browser keeps the same code and draft.
    client.post(f"{consultation.url}step/2/", {**step2_data(consultation), "action": "save"})
    assert SavedDraft.objects.count() == 1
    assert html(client.get(f"{consultation.url}save/")).select_one(".pk_reference").get_text(strip=True) == shown
    assert SavedDraft.objects.get().done_steps == [1, 2]  # this time the whole step was valid


def test_another_browser_restores_with_the_code_and_sends_once(client, consultation):
    _page, shown = save_mid_journey(client, consultation)
    other = Client()
    typed = f"  {shown.lower().replace(' ', '-')} "  # case, hyphens and spaces do not matter
    restored = other.post(f"{consultation.url}resume/", {"code": typed})
    assert restored.status_code == 302 and restored["Location"] == f"{consultation.url}step/2/"
    step2 = html(other.get(restored["Location"]))
    m = ids(consultation)
    assert step2.find("input", attrs={"name": m["How many people live in your home?"][0]})["value"] == "3"
    assert step2.find("input", attrs={"name": m["Postcode"][0]})["value"] == ""
    assert other.post(f"{consultation.url}step/2/", step2_data(consultation))["Location"].endswith(
        "/check-your-answers/"
    )
    assert send(other, consultation).status_code == 302
    assert Response.objects.count() == 1
    assert not SavedDraft.objects.exists()  # deleted when its response arrived

    # The first browser finishing too sends nothing more: same draft, same response.
    client.post(f"{consultation.url}step/2/", step2_data(consultation))
    assert "/received/" in send(client, consultation)["Location"]
    assert Response.objects.count() == 1

    # The code now says so.
    again = Client().post(f"{consultation.url}resume/", {"code": shown})
    assert "already been sent" in again.content.decode()


def test_emailed_link_in_the_residents_language(client, consultation, locales, django_capture_on_commit_callbacks):
    home = consultation.get_parent().get_parent()
    home.copy_for_translation(locales["pl"]).save_revision().publish()
    consultation.get_parent().copy_for_translation(locales["pl"]).save_revision().publish()
    polish = consultation.copy_for_translation(locales["pl"])
    polish.save_revision().publish()
    polish = ConsultationPage.objects.get(pk=polish.pk)
    assert polish.url.startswith("/pl/")

    _page, shown = save_mid_journey(client, polish)
    with django_capture_on_commit_callbacks(execute=True):  # the email is a task queued on commit
        response = client.post(f"{polish.url}save/", {"email": "resident@example.org"})
    assert response.status_code == 302 and response["Location"] == f"{polish.url}save/?sent=1"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["resident@example.org"]
    code = shown.replace(" ", "")
    link = f"http://testserver{polish.url}resume/{code}/"
    with translation.override("pl"):
        uk_time = gettext(
            "Your answers are kept until %(when)s (UK time). After that they are deleted and cannot be restored."
        )
    assert link in message.body and shown in message.body
    assert uk_time.split("%(when)s")[1].strip() in " ".join(message.body.split())
    assert polish.title in message.subject
    # The address is used for the message only.
    saved = SavedDraft.objects.get()
    assert saved.language == "pl" and "resident@example.org" not in str(saved.__dict__)
    assert "resident@example.org" not in html(client.get(response["Location"])).get_text()

    # Following the link (as a mail scanner would) restores nothing; its button does.
    other = Client()
    confirm = other.get(link)
    assert confirm.status_code == 200 and "no-store" in confirm["Cache-Control"]
    field = html(confirm).find("input", attrs={"name": "code"})
    assert field["value"] == shown and field["autocomplete"] == "off"
    assert field.find_parent("form")["method"] == "post"
    assert other.get(f"{polish.url}step/2/")["Location"].endswith("/step/1/")  # nothing restored yet
    restored = other.post(link, {"code": shown})
    assert restored["Location"] == f"{polish.url}step/2/"


def test_email_address_is_checked(client, consultation):
    save_mid_journey(client, consultation)
    response = client.post(f"{consultation.url}save/", {"email": "not an address"})
    page = html(response)
    assert response.status_code == 200 and page.title.get_text().startswith("Error: ")
    assert page.select_one(".ds_error-summary a")["href"] == "#id_email"
    assert page.find("input", attrs={"name": "email"})["value"] == "not an address"
    assert len(mail.outbox) == 0


def test_wrong_code_is_refused_and_kept(client, consultation):
    save_mid_journey(client, consultation)
    other = Client()
    response = other.post(f"{consultation.url}resume/", {"code": "ABCD EFGH JKMN"})
    page = html(response)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert page.select_one(".ds_error-summary a")["href"] == "#id_code"
    assert "could not find saved answers" in page.select_one(".ds_error-summary").get_text()
    field = page.find("input", attrs={"name": "code"})
    assert field["value"] == "ABCD EFGH JKMN" and field["aria-invalid"] == "true"
    assert field["spellcheck"] == "false" and field["autocomplete"] == "off"
    assert other.get(f"{consultation.url}step/2/")["Location"].endswith("/step/1/")  # nothing restored

    malformed = html(other.post(f"{consultation.url}resume/", {"code": "0OIL"}))
    assert "12 letters and numbers" in malformed.select_one(".ds_error-summary").get_text()
    empty = html(other.post(f"{consultation.url}resume/", {"code": ""}))
    assert "Enter your code" in empty.select_one(".ds_error-summary").get_text()


def test_expired_code_is_refused_and_deleted_by_the_command(client, consultation):
    _page, shown = save_mid_journey(client, consultation)
    SavedDraft.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = Client().post(f"{consultation.url}resume/", {"code": shown})
    assert "has expired" in html(response).select_one(".ds_error-summary").get_text()
    assert client.get(f"{consultation.url}save/")["Location"] == f"{consultation.url}resume/"
    call_command("expire_consultation_drafts", verbosity=0)
    assert not SavedDraft.objects.exists()


def test_command_keeps_drafts_still_usable(client, consultation):
    save_mid_journey(client, consultation)
    call_command("expire_consultation_drafts", verbosity=0)
    assert SavedDraft.objects.count() == 1


def test_wrong_codes_are_rate_limited_per_client(client, consultation, monkeypatch):
    monkeypatch.setattr(resume, "WRONG_CODES_ALLOWED", 3)
    _page, shown = save_mid_journey(client, consultation)
    other = Client()
    statuses = [other.post(f"{consultation.url}resume/", {"code": "ABCD EFGH JKMN"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    locked = other.post(f"{consultation.url}resume/", {"code": shown})  # even the right code, for a while
    assert locked.status_code == 429 and "too many wrong codes" in locked.content.decode()
    assert "no-store" in locked["Cache-Control"]


def test_closed_consultation_refuses_saving_and_resuming(client, consultation):
    _page, shown = save_mid_journey(client, consultation)
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save_revision().publish()
    assert html(client.get(consultation.url)).find("a", string="Continue a saved response") is None
    save = client.post(f"{consultation.url}step/1/", {**step1_data(consultation), "action": "save"})
    assert save.status_code == 403
    assert client.get(f"{consultation.url}save/").status_code == 200
    assert "has closed" in client.get(f"{consultation.url}save/").content.decode()
    assert Client().post(f"{consultation.url}resume/", {"code": shown}).status_code == 403
    assert Client().get(f"{consultation.url}resume/").status_code == 200
    assert not html(Client().get(f"{consultation.url}resume/")).find("input", attrs={"name": "code"})
    call_command("expire_consultation_drafts", verbosity=0)
    assert not SavedDraft.objects.exists()  # no longer usable: deleted


def test_honeypot_on_save_keeps_nothing(client, consultation):
    response = client.post(
        f"{consultation.url}step/1/", {**step1_data(consultation), "action": "save", "website": "http://spam"}
    )
    assert response["Location"].endswith("/step/1/")
    assert not SavedDraft.objects.exists()


def test_resume_page_without_a_saved_draft_and_wrong_methods(client, consultation):
    assert client.get(f"{consultation.url}save/")["Location"] == f"{consultation.url}resume/"
    page = html(client.get(f"{consultation.url}resume/"))
    assert page.find("label", attrs={"for": "id_code"}).get_text() == "Your code"
    assert client.put(f"{consultation.url}resume/").status_code == 405


def test_email_failure_is_explained_and_the_code_still_shown(client, consultation, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(tasks, "send_mail", broken)
    # A real request runs outside any transaction, so the task is enqueued (and, with the immediate
    # backend, run) at once, inside the request; the test's own transaction would defer it.
    monkeypatch.setattr(resume.transaction, "on_commit", lambda func, using=None, robust=False: func())
    _page, shown = save_mid_journey(client, consultation)
    response = client.post(f"{consultation.url}save/", {"email": "resident@example.org"})
    page = html(response)
    assert response.status_code == 503 and "no-store" in response["Cache-Control"]
    assert "could not send the email" in page.select_one(".ds_error-summary").get_text()
    assert page.select_one(".pk_reference").get_text(strip=True) == shown


def test_emails_are_rate_limited_per_client(client, consultation, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(resume, "EMAILS_ALLOWED", 1)
    save_mid_journey(client, consultation)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"{consultation.url}save/", {"email": "resident@example.org"})
        second = client.post(f"{consultation.url}save/", {"email": "resident@example.org"})
    assert first.status_code == 302 and second.status_code == 429
    assert len(mail.outbox) == 1
