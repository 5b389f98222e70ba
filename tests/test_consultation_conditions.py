"""Conditional steps: "show this step only if question X is Y", decided on the server."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations.models import ConsultationPage, Response
from tests.test_consultations import ConsultationIndexPageFactory, make_consultation


def q(block_type, label, required=True, **value):
    return {"type": block_type, "value": {"label": label, "help_text": "", "required": required, **value}}


def section(title, questions, show_if=None):
    question, answer = show_if or ("", "")
    return {
        "type": "section",
        "value": {
            "title": title,
            "intro": "",
            "show_if": {"question": question, "answer": answer},
            "questions": questions,
        },
    }


LIVE_HERE = "Do you live in Perth and Kinross?"


def sections(condition=(LIVE_HERE, "No")):
    return [
        section("Where you live", [q("single_choice", LIVE_HERE, options=["Yes", "No"])]),
        section("Your connection to the area", [q("short_text", "How are you connected to the area?")], condition),
        section("Your views", [q("likert", "The vision describes the place I want to live in")]),
    ]


def open_consultation(home, steps):
    now = timezone.now()
    hub = ConsultationIndexPageFactory(parent=home)
    return make_consultation(hub, now - datetime.timedelta(days=1), now + datetime.timedelta(days=30), sections=steps)


@pytest.fixture
def consultation(home):
    return open_consultation(home, sections())


def question_ids(page):
    return {value["label"]: (qid, value) for _step, qid, _type, value in page.questions()}


def option_id(page, label, option):
    _qid, value = question_ids(page)[label]
    return next(item.id for item in value["options"].bound_blocks if item.value == option)


def heading(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.h1.get_text(strip=True), soup.select_one(".ds_page-header__label").get_text(" ", strip=True)


def answer_where(client, page, option):
    qid, _value = question_ids(page)[LIVE_HERE]
    return client.post(page.url + "step/1/", {qid: option_id(page, LIVE_HERE, option)})


def test_the_condition_is_stored_by_question_and_option_id(consultation):
    step_two = list(consultation.sections)[1]
    qid, _value = question_ids(consultation)[LIVE_HERE]
    assert consultation.step_conditions == {
        step_two.id: {
            "question": qid,
            "answer": option_id(consultation, LIVE_HERE, "No"),
            "as_written": [LIVE_HERE, "No"],
        }
    }


def test_a_resident_who_lives_here_skips_the_conditional_step(client, consultation):
    response = answer_where(client, consultation, "Yes")
    assert response.status_code == 302 and response["Location"].endswith("/step/3/")
    page = client.get(response["Location"])
    title, label = heading(page)
    assert title == "Your views"
    assert "Step 2 of 2" in label
    # Back goes to the step the resident actually saw.
    back = BeautifulSoup(page.content, "html.parser").select_one("a.ds_back-link")["href"]
    assert back.endswith("/step/1/")
    # Typing the skipped step's address leads on to where the resident should be.
    assert client.get(consultation.url + "step/2/")["Location"].endswith("/step/3/")


def test_a_resident_from_elsewhere_sees_the_conditional_step(client, consultation):
    response = answer_where(client, consultation, "No")
    assert response["Location"].endswith("/step/2/")
    title, label = heading(client.get(response["Location"]))
    assert title == "Your connection to the area"
    assert "Step 2 of 3" in label


def test_changing_an_answer_drops_the_answers_of_a_step_no_longer_shown(client, consultation):
    ids = question_ids(consultation)
    answer_where(client, consultation, "No")
    client.post(consultation.url + "step/2/", {ids["How are you connected to the area?"][0]: "I work in Perth"})
    client.post(consultation.url + "step/3/", {ids["The vision describes the place I want to live in"][0]: "agree"})
    check = client.get(consultation.url + "check-your-answers/")
    assert "I work in Perth" in check.content.decode()

    # Change the first answer from the check page: back to check, the conditional step is gone.
    qid, _value = ids[LIVE_HERE]
    changed = client.post(consultation.url + "step/1/?return=check", {qid: option_id(consultation, LIVE_HERE, "Yes")})
    assert changed["Location"].endswith("/check-your-answers/")
    check = client.get(changed["Location"])
    soup = BeautifulSoup(check.content, "html.parser")
    assert "I work in Perth" not in soup.get_text()
    assert "How are you connected to the area?" not in soup.get_text()

    client.post(consultation.url + "check-your-answers/", {"token": soup.select_one("input[name=token]")["value"]})
    stored = Response.objects.get()
    assert ids["How are you connected to the area?"][0] not in stored.answers
    assert stored.answers[qid] == option_id(consultation, LIVE_HERE, "Yes")


def test_changing_an_answer_to_bring_in_a_step_goes_there_before_the_check_page(client, consultation):
    ids = question_ids(consultation)
    answer_where(client, consultation, "Yes")
    client.post(consultation.url + "step/3/", {ids["The vision describes the place I want to live in"][0]: "agree"})
    qid, _value = ids[LIVE_HERE]
    changed = client.post(consultation.url + "step/1/?return=check", {qid: option_id(consultation, LIVE_HERE, "No")})
    assert changed["Location"].endswith("/step/2/")
    # The check page will not let the resident send without answering it.
    assert client.get(consultation.url + "check-your-answers/")["Location"].endswith("/step/2/")


def test_renaming_the_question_and_option_keeps_the_condition_and_updates_its_wording(consultation):
    raw = consultation.sections.raw_data
    question = raw[0]["value"]["questions"][0]["value"]
    question["label"] = "Is your home in Perth and Kinross?"
    no = next(item for item in question["options"] if item["value"] == "No")
    no["value"] = "No, I live elsewhere"
    consultation.sections = raw
    consultation.full_clean()
    consultation.save_revision().publish()

    page = ConsultationPage.objects.get(pk=consultation.pk)
    step_two = list(page.sections)[1]
    assert page.step_conditions[step_two.id]["answer"] == no["id"]
    assert dict(step_two.value["show_if"]) == {
        "question": "Is your home in Perth and Kinross?",
        "answer": "No, I live elsewhere",
    }


def test_an_editor_gets_a_clear_error_for_a_condition_that_matches_no_earlier_question(home):
    page = open_consultation(home, sections())
    # Rewritten by the editor (not a rename of the question): it must match, the old ids are not used.
    page.sections = sections(condition=("Do you live in Fife?", "No"))
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Step 2" in str(error.value) and "Do you live in Fife?" in str(error.value)


def test_a_condition_cannot_point_at_a_later_step(home):
    steps = sections()
    steps[0]["value"]["show_if"] = {"question": LIVE_HERE, "answer": "No"}
    page = open_consultation(home, sections())
    page.sections = steps
    page.step_conditions = {}
    with pytest.raises(ValidationError, match="Step 1"):
        page.full_clean()


def test_the_consultation_page_counts_the_steps_everyone_sees(client, consultation):
    text = " ".join(BeautifulSoup(client.get(consultation.url).content, "html.parser").get_text().split())
    assert "The questions are in at least 2 steps: some answers lead to more questions." in text
    assert "Step 1 of 2" in " ".join(
        BeautifulSoup(client.get(consultation.url + "step/1/").content, "html.parser").get_text().split()
    )
