"""Every kind of bad input the consultation form meets: a clear message (or refusal), what was
typed is kept, and the number of stored responses does not change."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from consultations.models import Response
from tests.test_consultation_journey import consultation, ids, step1_data, step2_data  # noqa: F401


@pytest.fixture
def base(consultation):  # noqa: F811
    return consultation.url


def errors(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in html.select(".ds_error-summary a")]


def post_step2(client, consultation, **changes):  # noqa: F811
    client.post(f"{consultation.url}step/1/", step1_data(consultation))
    data = {**step2_data(consultation), **changes}
    return client.post(f"{consultation.url}step/2/", data)


def test_missing_required_answer(client, consultation, base):  # noqa: F811
    data = step1_data(consultation)
    data.pop(ids(consultation)["Do you agree with the vision?"][0])
    assert "Answer the question: Do you agree with the vision?" in errors(client.post(f"{base}step/1/", data))
    assert Response.objects.count() == 0


def test_text_over_its_limit(client, consultation, base):  # noqa: F811
    data = {**step1_data(consultation), ids(consultation)["Anything else?"][0]: "x" * 101}
    assert any("100" in message for message in errors(client.post(f"{base}step/1/", data)))


@pytest.mark.parametrize(
    ("label", "value", "expected"),
    [
        ("Email", "not-an-email", "valid email"),
        ("Postcode", "XYZ", "Enter a real postcode, like PH1 5PH."),
        ("How many people live in your home?", "0", "1"),
        ("How many people live in your home?", "lots", "whole number"),
    ],
)
def test_invalid_email_postcode_and_number(client, consultation, label, value, expected):  # noqa: F811
    response = post_step2(client, consultation, **{ids(consultation)[label][0]: value})
    assert any(expected in message for message in errors(response)), errors(response)
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("input", attrs={"name": ids(consultation)[label][0]})["value"] == value  # kept
    assert Response.objects.count() == 0


def test_option_that_does_not_exist_or_belongs_to_another_question(client, consultation, base):  # noqa: F811
    question_id = ids(consultation)["Do you agree with the vision?"][0]
    other_option = ids(consultation)["Which principles matter most?"][1]["Kindness"]
    for value in ("no-such-option", other_option):
        data = {**step1_data(consultation), question_id: value}
        assert any("valid choice" in message for message in errors(client.post(f"{base}step/1/", data)))


@pytest.mark.parametrize("text", ["Hello\x00world", "Hello \ufffd world"])
def test_nul_bytes_and_invalid_utf8_are_refused(client, consultation, base, text):  # noqa: F811
    data = {**step1_data(consultation), ids(consultation)["Anything else?"][0]: text}
    messages = errors(client.post(f"{base}step/1/", data))
    assert messages, "the answer should be refused"


def test_raw_invalid_utf8_body(client, consultation, base):  # noqa: F811
    question = ids(consultation)["Anything else?"][0]
    body = f"{question}=caf".encode() + b"\xc3\x28"
    response = client.post(f"{base}step/1/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and errors(response)
    assert Response.objects.count() == 0


def test_oversized_post_is_refused_and_stores_nothing(client, consultation, base):  # noqa: F811
    data = {**step1_data(consultation), ids(consultation)["Anything else?"][0]: "x" * (3 * 1024 * 1024)}
    response = client.post(f"{base}step/1/", data)
    assert response.status_code == 400
    assert "nothing was stored" in response.content.decode()
    assert Response.objects.count() == 0


def test_skipping_a_step_by_url(client, base):
    assert client.get(f"{base}step/2/")["Location"].endswith("/step/1/")
    assert client.get(f"{base}step/99/")["Location"].endswith("/step/1/")


def test_missing_or_wrong_csrf_token(consultation, base):  # noqa: F811
    strict = Client(enforce_csrf_checks=True)
    strict.get(f"{base}step/1/")
    response = strict.post(f"{base}step/1/", {**step1_data(consultation), "csrfmiddlewaretoken": "wrong"})
    assert response.status_code == 403 and "Your form could not be sent" in response.content.decode()


@pytest.mark.parametrize("state", ["forthcoming", "closed"])
def test_forthcoming_or_closed_consultation_refuses_answers(client, consultation, base, state):  # noqa: F811
    day = datetime.timedelta(days=1)
    if state == "forthcoming":
        consultation.opens_at, consultation.closes_at = timezone.now() + day, timezone.now() + 2 * day
    else:
        consultation.opens_at, consultation.closes_at = timezone.now() - 2 * day, timezone.now() - day
    consultation.save_revision().publish()
    response = client.post(f"{base}step/1/", step1_data(consultation))
    assert response.status_code == 403
    assert "Nothing has been stored" in response.content.decode()
    assert Response.objects.count() == 0


def test_unpublished_consultation_is_not_found(client, consultation, base):  # noqa: F811
    consultation.unpublish()
    assert client.post(f"{base}step/1/", step1_data(consultation)).status_code == 404
    assert Response.objects.count() == 0


def test_wrong_http_method(client, base):
    assert client.put(f"{base}step/1/").status_code == 405
    assert client.delete(f"{base}check-your-answers/").status_code == 405
