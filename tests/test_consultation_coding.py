"""Coding free-text answers: codes per consultation, tagging answers (a plain form), searching them,
counts per code; view-only staff can read but not tag."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from consultations.models import AnswerCode, CodedAnswer, Response
from tests.test_consultation_staff import analyst, setup, soup  # noqa: F401 (fixtures)

BASE = "/admin/consultation-responses"
UTC = datetime.UTC


@pytest.fixture
def reader(django_user_model):
    """Someone who may read responses, not change them."""
    user = django_user_model.objects.create_user("reader", "reader@example.org", "not-a-real-password-1")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_response")
    )
    return user


def free_text_url(data, label="Tell us more"):
    return f"{BASE}/{data['consultation'].pk}/free-text/{data['ids'][label][0]}/"


def more_answers(data):
    consultation, q = data["consultation"], data["ids"]
    texts = ["ŻÓŁW crossing on the A9", "More BROADBAND in Rannoch", "broadband please", "="]
    for n, text in enumerate(texts):
        Response.objects.create(
            consultation=consultation,
            reference=f"TEXT{n:04d}",
            language="en",
            submitted_at=datetime.datetime(2026, 3, 1 + n, tzinfo=UTC),
            answers={q["Tell us more"][0]: text},
        )


def references(html):
    return [li["data-reference"] for li in html.select("#answers li")]


def test_analyst_defines_renames_and_deletes_codes(client, setup, analyst):  # noqa: F811
    client.force_login(analyst)
    codes_url = f"{BASE}/{setup['consultation'].pk}/codes/"
    response = client.post(codes_url, {"name": "Transport", "description": "Buses, trains, roads"})
    assert response.status_code == 302
    client.post(codes_url, {"name": "Broadband"})
    # The same name twice (whatever the case) is refused with a message.
    html = soup(client.post(codes_url, {"name": "  transport "}))
    assert "already has a code called “transport”" in html.get_text()
    assert list(AnswerCode.objects.values_list("name", flat=True)) == ["Broadband", "Transport"]
    transport = AnswerCode.objects.get(name="Transport")
    client.post(f"{codes_url}{transport.pk}/", {"name": "Travel", "description": "Buses"})
    assert AnswerCode.objects.filter(name="Travel", description="Buses").exists()
    html = soup(client.get(f"{codes_url}{transport.pk}/delete/"))
    assert "is given to 0 answers" in html.get_text(" ", strip=True)
    client.post(f"{codes_url}{transport.pk}/delete/")
    assert list(AnswerCode.objects.values_list("name", flat=True)) == ["Broadband"]


def test_tagging_answers_keeps_the_filters_and_shows_counts(client, setup, analyst):  # noqa: F811
    more_answers(setup)
    consultation = setup["consultation"]
    broadband = AnswerCode.objects.create(consultation=consultation, name="Broadband")
    transport = AnswerCode.objects.create(consultation=consultation, name="Transport")
    client.force_login(analyst)
    address = free_text_url(setup)
    html = soup(client.get(address))
    assert references(html) == ["TEXT0000", "TEXT0001", "TEXT0002", "TEXT0003", "ENGLISH1"]  # oldest first

    # Case-insensitive search, non-ASCII letters included (SQLite's LIKE would miss "żółw").
    html = soup(client.get(address, {"q": "żółw"}))
    assert references(html) == ["TEXT0000"]
    html = soup(client.get(address, {"q": "broadband"}))
    assert references(html) == ["TEXT0001", "TEXT0002"]

    ids = {r.reference: r.pk for r in Response.objects.all()}
    response = client.post(
        address,
        {
            "shown": [ids["TEXT0001"], ids["TEXT0002"]],
            f"codes-{ids['TEXT0001']}": [broadband.pk],
            f"codes-{ids['TEXT0002']}": [broadband.pk, transport.pk],
            "next": "?q=broadband",
        },
    )
    assert response.status_code == 302 and response["Location"] == address + "?q=broadband"
    assert CodedAnswer.objects.filter(code=broadband).count() == 2
    assert CodedAnswer.objects.get(code=transport).coded_by == analyst

    # Untick one: the code comes off that answer only.
    client.post(address, {"shown": [ids["TEXT0002"]], f"codes-{ids['TEXT0002']}": [broadband.pk]})
    assert not CodedAnswer.objects.filter(code=transport).exists()

    html = soup(client.get(address, {"code": "none"}))
    assert references(html) == ["TEXT0000", "TEXT0003", "ENGLISH1"]
    html = soup(client.get(address, {"code": broadband.pk}))
    assert references(html) == ["TEXT0001", "TEXT0002"]
    counts = {
        tr.find("th").get_text(strip=True): tr.find("td").get_text(strip=True)
        for tr in html.select("#code-counts tbody tr")
    }
    assert counts == {"Broadband": "2", "Transport": "0", "Not yet coded": "3", "Answered the question": "5"}
    # The checkboxes show what each answer has.
    box = html.find("input", attrs={"name": f"codes-{ids['TEXT0001']}", "value": str(broadband.pk)})
    assert box.has_attr("checked")

    # The codes table and the results page count them too.
    html = soup(client.get(f"{BASE}/{consultation.pk}/codes/"))
    row = [c.get_text(strip=True) for c in html.select("#code-counts tbody tr")[0].find_all(["th", "td"])]
    assert row[:3] == ["Broadband", "0", "2"]  # "Your name", "Tell us more"
    html = soup(client.get(f"{BASE}/{consultation.pk}/summary/"))
    rows = {
        tr.find("th").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in html.select("#free-text tbody tr")
    }
    assert rows["Tell us more"] == ["5", "Broadband: 2"]
    assert rows["Your name"] == ["2", "–"]


def test_tagging_ignores_other_consultations_codes_and_responses(client, setup, analyst, home):  # noqa: F811
    from tests.test_consultations import make_consultation

    consultation = setup["consultation"]
    other = make_consultation(setup["hub"], consultation.opens_at, consultation.closes_at, slug="other")
    foreign_code = AnswerCode.objects.create(consultation=other, name="Elsewhere")
    foreign = Response.objects.create(consultation=other, language="en", answers={})
    client.force_login(analyst)
    english = setup["english"]
    client.post(
        free_text_url(setup),
        {"shown": [english.pk, foreign.pk], f"codes-{english.pk}": [foreign_code.pk], f"codes-{foreign.pk}": [1]},
    )
    assert not CodedAnswer.objects.exists()


def test_view_only_staff_read_answers_but_cannot_tag(client, setup, reader):  # noqa: F811
    code = AnswerCode.objects.create(consultation=setup["consultation"], name="Transport")
    client.force_login(reader)
    html = soup(client.get(free_text_url(setup)))
    assert references(html) == ["ENGLISH1"]
    assert not html.find("input", attrs={"type": "checkbox"})
    english = setup["english"]
    response = client.post(free_text_url(setup), {"shown": [english.pk], f"codes-{english.pk}": [code.pk]})
    assert response.status_code == 403
    assert not CodedAnswer.objects.exists()
    assert client.post(f"{BASE}/{setup['consultation'].pk}/codes/", {"name": "Mine"}).status_code == 403
    assert client.get(f"{BASE}/{setup['consultation'].pk}/codes/{code.pk}/").status_code == 403
    assert list(AnswerCode.objects.values_list("name", flat=True)) == ["Transport"]


@pytest.mark.parametrize("group", ["Editors", "Translators (Polish)"])
def test_editors_and_translators_see_no_answers(client, setup, django_user_model, group):  # noqa: F811
    from tests.test_consultation_staff import user_in

    client.force_login(user_in(django_user_model, group, "someone"))
    assert client.get(free_text_url(setup)).status_code == 403
    assert client.get(f"{BASE}/{setup['consultation'].pk}/codes/").status_code == 403


def test_answers_are_paginated(client, setup, analyst):  # noqa: F811
    consultation, qid = setup["consultation"], setup["ids"]["Tell us more"][0]
    Response.objects.bulk_create(
        Response(consultation=consultation, reference=f"PAGE{n:04d}", language="en", answers={qid: f"Answer {n}"})
        for n in range(30)
    )
    client.force_login(analyst)
    first = soup(client.get(free_text_url(setup)))
    assert len(references(first)) == 25
    second = soup(client.get(free_text_url(setup), {"p": 2}))
    assert len(references(second)) == 6
    assert "Page 2 of 2" in second.get_text()
