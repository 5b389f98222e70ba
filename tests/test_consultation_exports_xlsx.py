"""The XLSX export beside the CSV: same columns, filters and formula protection; email addresses
only for users allowed to see them (both formats); codes in a column; every export in the page history."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageLogEntry

from consultations.apps import RECORDS_OFFICERS
from consultations.models import AnswerCode, CodedAnswer, Response
from tests.test_consultation_staff import HEADINGS, analyst, setup, user_in  # noqa: F401 (fixtures)

BASE = "/admin/consultation-responses"
UTC = datetime.UTC


def xlsx(client, consultation, query=""):
    response = client.get(f"{BASE}/{consultation.pk}/export/xlsx/{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="responses-proposed-vision-')
    assert "no-cache" in response["Cache-Control"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return book, [list(row) for row in book.active.iter_rows(values_only=True)]


def csv_export(client, consultation, query=""):
    response = client.get(f"{BASE}/{consultation.pk}/export/{query}")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def officer(django_user_model):
    user = user_in(django_user_model, RECORDS_OFFICERS, "officer")
    user.groups.add(Group.objects.get(name="Consultation analysts"))
    return user


def test_xlsx_has_the_csv_columns_and_values(client, setup, analyst):  # noqa: F811
    client.force_login(analyst)
    book, rows = xlsx(client, setup["consultation"])
    assert book.active.title == "Responses"
    assert rows[0] == HEADINGS
    assert rows[0] == csv_export(client, setup["consultation"])[0]
    polish, english = rows[1], rows[2]
    assert polish[:5] == ["POLISH22", datetime.datetime(2026, 1, 15, 12, 0), "pl", "paper", "Zażółć Gęślą"]
    assert english[1] == datetime.datetime(2026, 7, 1, 0, 30)  # UK time
    assert english[HEADINGS.index("Rate the plan")] == 4  # numbers stay numbers
    assert english[HEADINGS.index("Tell us more")] == "Buses to Pitlochry,\nplease."
    assert english[HEADINGS.index("Put these in order")] == "1. Schools; 2. Health; 3. Roads"
    assert "morag@example.org" not in str(rows)


def test_xlsx_follows_the_filters(client, setup, analyst):  # noqa: F811
    client.force_login(analyst)
    _book, rows = xlsx(client, setup["consultation"], "?channel=paper")
    assert [r[0] for r in rows[1:]] == ["POLISH22"]
    vision = setup["ids"]["Do you agree with the vision?"]
    _book, rows = xlsx(client, setup["consultation"], f"?answer={vision[0]}:{vision[1]['Yes']}")
    assert [r[0] for r in rows[1:]] == ["ENGLISH1"]


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\tTAB"])
def test_xlsx_cells_cannot_become_formulas(client, setup, analyst, dangerous):  # noqa: F811
    consultation, q = setup["consultation"], setup["ids"]
    Response.objects.create(
        consultation=consultation,
        reference="FORMULA1",
        language="en",
        channel=dangerous,
        submitted_at=datetime.datetime(2026, 9, 1, tzinfo=UTC),
        answers={q["Your name"][0]: dangerous + "\x01"},  # a control character XLSX cannot hold is dropped
    )
    client.force_login(analyst)
    book, rows = xlsx(client, consultation)
    (row,) = [r for r in rows if r[0] == "FORMULA1"]
    assert row[HEADINGS.index("Your name")] == row[3] == "'" + dangerous
    for sheet_row in book.active.iter_rows():
        for cell in sheet_row:
            assert cell.data_type != "f"


def test_email_addresses_only_for_those_allowed_in_both_formats(client, setup, analyst, officer):  # noqa: F811
    english = setup["english"]
    english.outcome_email = "morag.outcome@example.org"
    english.save()
    client.force_login(analyst)
    for rows in (xlsx(client, setup["consultation"])[1], csv_export(client, setup["consultation"])):
        assert "Email address" not in rows[0] and "Email for the outcome" not in rows[0]
        assert "example.org" not in str(rows)
    client.force_login(officer)
    for rows in (xlsx(client, setup["consultation"])[1], csv_export(client, setup["consultation"])):
        assert rows[0][-1] == "Email for the outcome"
        by_reference = {row[0]: row for row in rows[1:]}
        assert by_reference["ENGLISH1"][rows[0].index("Email address")] == "morag@example.org"
        assert by_reference["ENGLISH1"][-1] == "morag.outcome@example.org"
        assert by_reference["POLISH22"][-1] in ("", None)


def test_codes_are_a_column_per_free_text_question(client, setup, analyst):  # noqa: F811
    consultation = setup["consultation"]
    for name in ("Transport", "Buses"):
        code = AnswerCode.objects.create(consultation=consultation, name=name)
        CodedAnswer.objects.create(response=setup["english"], question_id=setup["ids"]["Tell us more"][0], code=code)
    client.force_login(analyst)
    for rows in (xlsx(client, consultation)[1], csv_export(client, consultation)):
        column = rows[0].index("Codes: Tell us more")
        assert "Codes: Your name" in rows[0]
        assert {row[0]: row[column] for row in rows[1:]} == {
            "POLISH22": rows[1][column],
            "ENGLISH1": "Buses; Transport",
        }
        assert rows[1][column] in ("", None)


def test_every_export_is_in_the_page_history(client, setup, analyst, django_user_model):  # noqa: F811
    consultation = setup["consultation"]
    client.force_login(analyst)
    csv_export(client, consultation, "?channel=paper&q=POLISH")
    xlsx(client, consultation)
    entries = PageLogEntry.objects.filter(page=consultation, action="consultations.export").order_by("pk")
    assert [(e.data["format"], e.data["rows"], e.user_id) for e in entries] == [
        ("csv", 1, analyst.pk),
        ("xlsx", 2, analyst.pk),
    ]
    assert entries[0].data["filters"] == {"channel": "paper", "reference search": True}
    assert "POLISH" not in str(entries[0].data)  # what was searched for is not kept
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "not-a-real-password-1"))
    history = client.get(f"/admin/pages/{consultation.pk}/history/")
    assert history.status_code == 200
    text = history.content.decode()
    assert "Exported 1 response as CSV (filtered: channel=paper, reference search=True)" in text
    assert "Exported 2 responses as XLSX" in text
