"""A resident answers a consultation: steps, errors, check your answers, one stored response."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from consultations.models import ConsultationPage, Response
from tests.test_consultations import ConsultationIndexPageFactory, make_consultation


def q(block_type, label, **value):
    return {"type": block_type, "value": {"label": label, "help_text": "", "required": True, **value}}


SECTIONS = [
    {
        "type": "section",
        "value": {
            "title": "The vision",
            "intro": "",
            "questions": [
                q("single_choice", "Do you agree with the vision?", options=["Yes", "No"]),
                q("multiple_choice", "Which principles matter most?", options=["Bold vision", "Enabling", "Kindness"]),
                q("likert", "Kindness should guide the council"),
                q("matrix", "How far do you agree?", statements=["Partnership", "Enabling"]),
                q("long_text", "Anything else?", max_length=100, required=False),
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "About you",
            "intro": "",
            "questions": [
                q("ranking", "Rank these", options=["Jobs", "Transport", "Greenspace"]),
                q("rating", "Rate the site", scale_max=5),
                q("number", "How many people live in your home?", min_value=1, max_value=20),
                q("email", "Email", required=False),
                q("postcode", "Postcode"),
                q("short_text", "Your community group", required=False),
                q("about_you", "Your age", options=["Under 25", "25 to 64", "65 or over"]),
            ],
        },
    },
]


@pytest.fixture
def consultation(home):
    hub = ConsultationIndexPageFactory(parent=home)
    now = timezone.now()
    return make_consultation(
        hub, now - datetime.timedelta(days=1), now + datetime.timedelta(days=30), sections=SECTIONS
    )


def ids(consultation):
    """{label: (question id, {option label: option id})} from the stored blocks."""
    out = {}
    for _step, qid, _type, value in consultation.questions():
        options = {}
        for key in ("options", "statements"):
            if key in value:
                options = {item.value: item.id for item in value[key].bound_blocks}
        out[value["label"]] = (qid, options)
    return out


def step1_data(c):
    m = ids(c)
    agree, agree_opts = m["Do you agree with the vision?"]
    principles, principle_opts = m["Which principles matter most?"]
    matrix, statements = m["How far do you agree?"]
    return {
        agree: agree_opts["Yes"],
        principles: [principle_opts["Kindness"], principle_opts["Enabling"]],
        m["Kindness should guide the council"][0]: "strongly-agree",
        f"{matrix}__{statements['Partnership']}": "agree",
        f"{matrix}__{statements['Enabling']}": "dont-know",
        m["Anything else?"][0]: "Better buses, please.",
    }


def step2_data(c):
    m = ids(c)
    rank, rank_opts = m["Rank these"]
    age, age_opts = m["Your age"]
    return {
        f"{rank}__{rank_opts['Transport']}": "1",
        f"{rank}__{rank_opts['Jobs']}": "2",
        f"{rank}__{rank_opts['Greenspace']}": "3",
        m["Rate the site"][0]: "4",
        m["How many people live in your home?"][0]: "3",
        m["Email"][0]: "",
        m["Postcode"][0]: "ph1 5ph",
        m["Your community group"][0]: "",
        age: "prefer-not-to-say",
    }


def test_full_journey_stores_one_response_keyed_by_ids(client, consultation):
    base = consultation.url
    start = client.get(base)
    assert 'href="/consultations/proposed-vision/step/1/"' in start.content.decode()

    page1 = client.get(f"{base}step/1/")
    assert page1["Cache-Control"].count("no-store") and "private" in page1["Cache-Control"]
    html = BeautifulSoup(page1.content, "html.parser")
    assert "Step 1 of 2" in html.get_text()
    assert "(optional)" in html.find("label", string=lambda s: s and "Anything else?" in s).get_text()

    response = client.post(f"{base}step/1/", step1_data(consultation))
    assert response.status_code == 302 and response["Location"].endswith("/step/2/")
    response = client.post(f"{base}step/2/", step2_data(consultation))
    assert response["Location"].endswith("/check-your-answers/")

    check = BeautifulSoup(client.get(f"{base}check-your-answers/").content, "html.parser")
    summary = {dt.get_text(strip=True): dt.find_next("dd").get_text(" ", strip=True) for dt in check.select("dt")}
    assert summary["Do you agree with the vision?"] == "Yes"
    assert summary["Rank these"] == "1. Transport 2. Jobs 3. Greenspace"
    assert summary["Postcode"] == "PH1 5PH"
    assert summary["Your age"] == "Prefer not to say"
    token = check.find("input", attrs={"name": "token"})["value"]

    sent = client.post(f"{base}check-your-answers/", {"token": token})
    assert sent.status_code == 302 and "/received/" in sent["Location"]
    again = client.post(f"{base}check-your-answers/", {"token": token})  # double click
    assert again["Location"] == sent["Location"]
    assert Response.objects.count() == 1

    stored = Response.objects.get()
    m = ids(consultation)
    assert stored.language == "en" and stored.consultation == consultation
    assert stored.answers[m["Do you agree with the vision?"][0]] == m["Do you agree with the vision?"][1]["Yes"]
    assert stored.answers[m["Rank these"][0]] == [m["Rank these"][1][x] for x in ("Transport", "Jobs", "Greenspace")]
    assert stored.answers[m["Rate the site"][0]] == 4
    assert m["Email"][0] not in stored.answers  # left empty
    assert stored.labels[m["Postcode"][0]] == "Postcode"

    receipt = BeautifulSoup(client.get(sent["Location"]).content, "html.parser")
    assert receipt.select_one(".pk_reference").get_text() == stored.reference
    # Another browser cannot read the receipt.
    from django.test import Client

    assert Client().get(sent["Location"]).status_code == 404


def test_errors_are_listed_linked_and_keep_what_was_typed(client, consultation):
    base = consultation.url
    data = step1_data(consultation)
    agree_id = ids(consultation)["Do you agree with the vision?"][0]
    data.pop(agree_id)
    long_id = ids(consultation)["Anything else?"][0]
    data[long_id] = "x" * 101
    response = client.post(f"{base}step/1/", data)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.title.get_text().startswith("Error: ")
    links = {a["href"]: a.get_text() for a in html.select(".ds_error-summary a")}
    assert links[f"#id_{agree_id}"] == "Answer the question: Do you agree with the vision?"
    assert f"#id_{long_id}" in links
    assert html.find(id=f"id_{agree_id}") is not None and html.find(id=f"id_{long_id}") is not None
    assert html.find("textarea").get_text() == "x" * 101  # kept
    assert Response.objects.count() == 0


def test_invalid_postcode_number_and_option(client, consultation):
    base = consultation.url
    client.post(f"{base}step/1/", step1_data(consultation))
    data = step2_data(consultation)
    m = ids(consultation)
    data[m["Postcode"][0]] = "NOT A CODE"
    data[m["How many people live in your home?"][0]] = "99"
    data[m["Your age"][0]] = m["Rank these"][1]["Jobs"]  # an option of another question
    html = BeautifulSoup(client.post(f"{base}step/2/", data).content, "html.parser")
    messages = [a.get_text() for a in html.select(".ds_error-summary a")]
    assert "Enter a real postcode, like PH1 5PH." in messages
    assert any("20" in message for message in messages)
    assert any("valid choice" in message for message in messages)
    assert html.find("input", attrs={"name": m["Postcode"][0]})["value"] == "NOT A CODE"


def test_steps_cannot_be_skipped_by_url(client, consultation):
    response = client.get(f"{consultation.url}step/2/")
    assert response.status_code == 302 and response["Location"].endswith("/step/1/")
    response = client.get(f"{consultation.url}check-your-answers/")
    assert response["Location"].endswith("/step/1/")


def test_closed_consultation_refuses_answers_and_stores_nothing(client, consultation):
    base = consultation.url
    client.post(f"{base}step/1/", step1_data(consultation))
    client.post(f"{base}step/2/", step2_data(consultation))
    token = BeautifulSoup(client.get(f"{base}check-your-answers/").content, "html.parser").find(
        "input", attrs={"name": "token"}
    )["value"]
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save_revision().publish()
    response = client.post(f"{base}check-your-answers/", {"token": token})
    assert response.status_code == 403
    assert "has closed" in response.content.decode()
    assert Response.objects.count() == 0
    assert client.post(f"{base}step/1/", step1_data(consultation)).status_code == 403


def test_polish_answers_pool_into_the_english_consultation(client, consultation, locales):
    home = consultation.get_parent().get_parent()
    home.copy_for_translation(locales["pl"]).save_revision().publish()
    consultation.get_parent().copy_for_translation(locales["pl"]).save_revision().publish()
    polish = consultation.copy_for_translation(locales["pl"])
    polish.save_revision().publish()
    polish = ConsultationPage.objects.get(pk=polish.pk)
    base = polish.url
    assert base.startswith("/pl/")
    client.post(f"{base}step/1/", step1_data(polish))
    client.post(f"{base}step/2/", step2_data(polish))
    token = BeautifulSoup(client.get(f"{base}check-your-answers/").content, "html.parser").find(
        "input", attrs={"name": "token"}
    )["value"]
    client.post(f"{base}check-your-answers/", {"token": token})
    stored = Response.objects.get()
    assert stored.consultation == consultation and stored.language == "pl"
    english = ids(consultation)
    question_id, options = english["Do you agree with the vision?"]
    assert stored.answers[question_id] == options["Yes"]  # the English option id: counts pool
    assert set(stored.answers) <= {qid for _s, qid, _t, _v in consultation.questions()}


def completed_draft(client, consultation):
    base = consultation.url
    client.post(f"{base}step/1/", step1_data(consultation))
    client.post(f"{base}step/2/", step2_data(consultation))
    page = BeautifulSoup(client.get(f"{base}check-your-answers/").content, "html.parser")
    return page.find("input", attrs={"name": "token"})["value"]


def test_honeypot_filled_by_a_bot_stores_nothing(client, consultation):
    data = {**step1_data(consultation), "website": "http://spam.example"}
    response = client.post(f"{consultation.url}step/1/", data)
    assert response.status_code == 302 and response["Location"].endswith("/step/1/")
    assert client.get(f"{consultation.url}step/2/")["Location"].endswith("/step/1/")  # nothing kept
    assert Response.objects.count() == 0


def test_a_response_sent_too_fast_is_held_back_with_a_friendly_page(client, consultation, settings):
    settings.PKOFFER_MIN_FILL_SECONDS = 60
    token = completed_draft(client, consultation)
    response = client.post(f"{consultation.url}check-your-answers/", {"token": token})
    assert response.status_code == 429
    assert "Your answers are kept" in response.content.decode()
    assert Response.objects.count() == 0
    settings.PKOFFER_MIN_FILL_SECONDS = 0
    assert client.post(f"{consultation.url}check-your-answers/", {"token": token}).status_code == 302
    assert Response.objects.count() == 1


def test_rate_limit_per_client(client, consultation, settings):
    settings.PKOFFER_RESPONSES_PER_10_MINUTES = 2
    statuses = []
    for _ in range(3):
        token = completed_draft(client, consultation)
        statuses.append(client.post(f"{consultation.url}check-your-answers/", {"token": token}).status_code)
    assert statuses == [302, 302, 429]
    assert Response.objects.count() == 2


def test_missing_csrf_token_gets_a_friendly_page_and_stores_nothing(consultation):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"{consultation.url}step/1/", step1_data(consultation))
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert Response.objects.count() == 0


def test_get_only_urls_and_post_only_actions(client, consultation):
    assert client.put(f"{consultation.url}step/1/").status_code == 405


def test_embedded_first_step_on_any_page_continues_on_the_consultation(client, consultation, home):
    from tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=home, slug="vision", body=[("consultation", {"consultation": consultation})])
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    form = html.select_one(".pk_consultation-embed form")
    assert form["action"] == f"{consultation.url}step/1/"
    assert "Step 1 of 2" in html.select_one(".pk_consultation-embed").get_text()
    question_id = ids(consultation)["Do you agree with the vision?"][0]
    assert form.find("input", attrs={"name": question_id}) is not None
    response = client.post(form["action"], step1_data(consultation))
    assert response["Location"].endswith("/step/2/")


def test_embedded_closed_consultation_shows_its_status(client, consultation, home):
    from tests.factories import StandardPageFactory

    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save_revision().publish()
    page = StandardPageFactory(parent=home, slug="vision", body=[("consultation", {"consultation": consultation})])
    embed = BeautifulSoup(client.get(page.url).content, "html.parser").select_one(".pk_consultation-embed")
    assert embed.find("form") is None
    assert "Closed" in embed.get_text()
