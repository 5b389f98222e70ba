"""The staff side of responses: list, filters, one response, counts per option and the CSV export,
for "Consultation analysts" (and superusers) only."""

import copy
import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.http import StreamingHttpResponse

from consultations.apps import ANALYSTS
from consultations.blocks import QuestionStreamBlock
from consultations.models import ConsultationPage, Response
from tests.factories import question
from tests.test_consultations import ConsultationIndexPageFactory

UTC = datetime.UTC
BASE = "/admin/consultation-responses"


SECTIONS = [
    {
        "type": "section",
        "value": {
            "title": "The vision",
            "intro": "",
            "questions": [
                question("short_text", "Your name"),
                question("long_text", "Tell us more", max_length=1500),
                question("single_choice", "Do you agree with the vision?", options=["Yes", "No", "Not sure"]),
                question("multiple_choice", "Which areas matter to you?", options=["Children", "Jobs", "Housing"]),
                question("likert", "Kindness matters"),
                question("matrix", "How far do you agree?", statements=["Parks", "Buses"]),
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "About you",
            "intro": "",
            "questions": [
                question("ranking", "Put these in order", options=["Health", "Schools", "Roads"]),
                question("rating", "Rate the plan", scale_max=5),
                question("number", "How many people live with you?", min_value=None, max_value=None),
                question("email", "Email address"),
                question("postcode", "Postcode"),
                question("about_you", "Your age", options=["Under 25", "25 to 64", "65 and over"]),
                question("single_choice", "Old question", options=["Red", "Blue"]),
            ],
        },
    },
]

# The headings of the export, in order: the removed question last, under the label its answers were given to.
HEADINGS = [
    "Reference",
    "Submitted at (UK time)",
    "Language",
    "Channel",
    "Your name",
    "Tell us more",
    "Do you agree with the vision?",
    "Which areas matter to you?",
    "Kindness matters",
    "How far do you agree? – Parks",
    "How far do you agree? – Buses",
    "Put these in order",
    "Rate the plan",
    "How many people live with you?",
    # "Email address" only for users who may see respondents' email addresses (test_consultation_exports_xlsx.py)
    "Postcode",
    "Your age",
    "Old question as answered",
]


def ids(consultation):
    """{question label: (question id, {option or statement label: id})} of the live page."""
    found = {}
    for _step, question_id, _kind, value in consultation.questions():
        items = {}
        for name in ("options", "statements"):
            if name in value:
                items |= {item.value: item.id for item in value[name].bound_blocks}
        found[value["label"]] = (question_id, items)
    return found


def user_in(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "not-a-real-password-1")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def analyst(django_user_model):
    return user_in(django_user_model, ANALYSTS, "analyst")


@pytest.fixture
def setup(home, locales):
    """A consultation with every question type, in English and Polish, answered once in each; then
    an editor removes "Old question" and the option "Not sure", which the answers still use."""
    assert set(QuestionStreamBlock.base_blocks) == {q["type"] for s in SECTIONS for q in s["value"]["questions"]}
    hub = ConsultationIndexPageFactory(parent=home)
    page = ConsultationPage(
        title="The proposed vision",
        slug="proposed-vision",
        opens_at=datetime.datetime(2026, 1, 1, tzinfo=UTC),
        closes_at=datetime.datetime(2026, 12, 1, tzinfo=UTC),
        sections=SECTIONS,
    )
    hub.add_child(instance=page)
    page.save_revision().publish()
    consultation = ConsultationPage.objects.get(pk=page.pk)

    # The Polish translation: same ids, Polish wording.
    home.copy_for_translation(locales["pl"]).save_revision().publish()
    hub.copy_for_translation(locales["pl"]).save_revision().publish()
    polish = consultation.copy_for_translation(locales["pl"])
    raw = copy.deepcopy(list(polish.sections.raw_data))  # the copy shares its stream data with the source
    for section in raw:
        for q in section["value"]["questions"]:
            q["value"]["label"] = "PL " + q["value"]["label"]
            for item in q["value"].get("options", []):
                item["value"] = "PL " + item["value"]
    polish.sections = raw
    polish.save_revision().publish()
    polish = ConsultationPage.objects.get(pk=polish.pk)

    q = ids(consultation)
    labels = {question_id: label for label, (question_id, _items) in q.items()}
    labels[q["Old question"][0]] = "Old question as answered"

    def qid(label):
        return q[label][0]

    def oid(label, item):
        return q[label][1][item]

    english = Response.objects.create(
        consultation=consultation,
        reference="ENGLISH1",
        language="en",
        channel="web",
        submitted_at=datetime.datetime(2026, 6, 30, 23, 30, tzinfo=UTC),  # 1 July, 00:30 in the UK
        labels=labels,
        answers={
            qid("Your name"): "Morag",
            qid("Tell us more"): "Buses to Pitlochry,\nplease.",
            qid("Do you agree with the vision?"): oid("Do you agree with the vision?", "Yes"),
            qid("Which areas matter to you?"): [
                oid("Which areas matter to you?", "Children"),
                oid("Which areas matter to you?", "Housing"),
            ],
            qid("Kindness matters"): "strongly-agree",
            qid("How far do you agree?"): {
                oid("How far do you agree?", "Parks"): "agree",
                oid("How far do you agree?", "Buses"): "disagree",
            },
            qid("Put these in order"): [
                oid("Put these in order", "Schools"),
                oid("Put these in order", "Health"),
                oid("Put these in order", "Roads"),
            ],
            qid("Rate the plan"): 4,
            qid("How many people live with you?"): 3,
            qid("Email address"): "morag@example.org",
            qid("Postcode"): "PH1 5PH",
            qid("Your age"): oid("Your age", "25 to 64"),
            qid("Old question"): oid("Old question", "Red"),
        },
    )
    polish_response = Response.objects.create(
        consultation=consultation,  # stored against the source, as every translation's responses are
        reference="POLISH22",
        language="pl",
        channel="paper",
        submitted_at=datetime.datetime(2026, 1, 15, 12, 0, tzinfo=UTC),
        labels=labels,
        answers={
            qid("Your name"): "Zażółć Gęślą",
            qid("Do you agree with the vision?"): oid("Do you agree with the vision?", "Not sure"),
            qid("Which areas matter to you?"): [oid("Which areas matter to you?", "Children")],
            qid("Kindness matters"): "disagree",
            qid("How far do you agree?"): {oid("How far do you agree?", "Parks"): "agree"},
            qid("Put these in order"): [
                oid("Put these in order", "Roads"),
                oid("Put these in order", "Health"),
                oid("Put these in order", "Schools"),
            ],
            qid("Rate the plan"): 2,
            qid("Your age"): "prefer-not-to-say",
        },
    )

    # An editor removes a question and an option after people answered them.
    consultation = ConsultationPage.objects.get(pk=consultation.pk)
    raw = copy.deepcopy(list(consultation.sections.raw_data))
    raw[1]["value"]["questions"] = [x for x in raw[1]["value"]["questions"] if x["value"]["label"] != "Old question"]
    choice = raw[0]["value"]["questions"][2]["value"]
    choice["options"] = [item for item in choice["options"] if item["value"] != "Not sure"]
    consultation.sections = raw
    consultation.save_revision().publish()
    consultation = ConsultationPage.objects.get(pk=consultation.pk)
    assert "Old question" not in ids(consultation)

    return {
        "consultation": consultation,
        "polish": polish,
        "english": english,
        "polish_response": polish_response,
        "ids": q,
        "hub": hub,
    }


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def listed_references(html):
    return sorted(a.get_text(strip=True) for a in html.select("table tbody td a"))


def export(client, consultation, query=""):
    response = client.get(f"{BASE}/{consultation.pk}/export/{query}")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="responses-proposed-vision-')
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark, so Excel reads Gaelic and Polish"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# --- The group --------------------------------------------------------------------------------------


def test_analysts_group_can_view_responses_and_no_pages(db):
    group = Group.objects.get(name=ANALYSTS)
    # Issue 8 added entering and coding responses and population shares: tests/test_consultation_channels.py
    assert {("wagtailadmin", "access_admin"), ("consultations", "view_response")} <= set(
        group.permissions.values_list("content_type__app_label", "codename")
    )
    assert not group.page_permissions.exists()
    for name in ("Editors", "Moderators", "Translators (Scottish Gaelic)", "Translators (Polish)"):
        assert not Group.objects.get(name=name).permissions.filter(codename="view_response").exists()


# --- The list ----------------------------------------------------------------------------------------


def test_consultations_index_counts_pooled_responses(client, setup, analyst):
    client.force_login(analyst)
    html = soup(client.get(f"{BASE}/"))
    (row,) = html.select("table tbody tr")  # the source only, not its Polish translation
    link = row.find("a")
    assert link.get_text(strip=True) == "The proposed vision"
    assert link["href"] == f"{BASE}/{setup['consultation'].pk}/"
    assert row.find_all("td")[-1].get_text(strip=True) == "2"


def test_list_pools_every_language(client, setup, analyst):
    client.force_login(analyst)
    html = soup(client.get(f"{BASE}/{setup['consultation'].pk}/"))
    assert listed_references(html) == ["ENGLISH1", "POLISH22"]
    text = html.get_text(" ", strip=True)
    assert "English" in text and "Polski" in text
    assert "1 Jul 2026, 00:30" in text  # UK time (BST), not UTC
    # The Polish page's id leads to the same pooled list.
    response = client.get(f"{BASE}/{setup['polish'].pk}/?language=pl")
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/{setup['consultation'].pk}/?language=pl"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?language=pl", ["POLISH22"]),
        ("?language=en", ["ENGLISH1"]),
        ("?channel=paper", ["POLISH22"]),
        ("?channel=web", ["ENGLISH1"]),
        # 1 July in UK time takes in 23:30 UTC on 30 June.
        ("?submitted_at_from=2026-07-01&submitted_at_to=2026-07-01", ["ENGLISH1"]),
        ("?submitted_at_to=2026-06-30", ["POLISH22"]),
        ("?submitted_at_from=2026-01-01&submitted_at_to=2026-12-31", ["ENGLISH1", "POLISH22"]),
        ("?q=polish", ["POLISH22"]),
        ("?language=en&channel=paper", []),
    ],
)
def test_list_filters(client, setup, analyst, query, expected):
    client.force_login(analyst)
    consultation = setup["consultation"]
    assert listed_references(soup(client.get(f"{BASE}/{consultation.pk}/{query}"))) == expected
    # The results-only view the filters refresh through agrees, and the export follows the filters.
    assert listed_references(soup(client.get(f"{BASE}/{consultation.pk}/results/{query}"))) == expected
    assert sorted(row[0] for row in export(client, consultation, query)[1:]) == expected


def test_list_is_paginated(client, setup, analyst):
    consultation = setup["consultation"]
    Response.objects.bulk_create(
        Response(consultation=consultation, reference=f"BULK{n:04d}", language="gd", answers={}) for n in range(55)
    )
    client.force_login(analyst)
    first = soup(client.get(f"{BASE}/{consultation.pk}/"))
    second = soup(client.get(f"{BASE}/{consultation.pk}/?p=2"))
    assert len(listed_references(first)) == 50
    assert len(listed_references(second)) == 7
    assert not set(listed_references(first)) & set(listed_references(second))


# --- One response ------------------------------------------------------------------------------------


def answers_shown(html):
    shown = {}
    for block in html.select("[data-question-id]"):
        label = block.find("dt").find(string=True, recursive=False).strip()
        items = block.select("dd li")
        shown[label] = [li.get_text(strip=True) for li in items] if items else block.find("dd").get_text(strip=True)
    return shown


def test_detail_shows_every_answer_with_the_source_labels(client, setup, analyst):
    client.force_login(analyst)
    consultation, english = setup["consultation"], setup["english"]
    html = soup(client.get(f"{BASE}/{consultation.pk}/{english.pk}/"))
    shown = answers_shown(html)
    assert shown == {
        "Your name": "Morag",
        "Tell us more": "Buses to Pitlochry,please.",
        "Do you agree with the vision?": "Yes",
        "Which areas matter to you?": ["Children", "Housing"],
        "Kindness matters": "Strongly agree",
        "How far do you agree?": ["Parks: Agree", "Buses: Disagree"],
        "Put these in order": ["Schools", "Health", "Roads"],
        "Rate the plan": "4",
        "How many people live with you?": "3",
        "Email address": "Hidden: only for staff who may see respondents' email addresses",
        "Postcode": "PH1 5PH",
        "Your age": "25 to 64",
        "Old question as answered": "Red",  # removed: the stored label, the option from the page's history
    }
    assert "morag@example.org" not in html.get_text()  # analysts do not see email addresses (issue 8)
    assert html.select_one("[data-question-id] ol"), "a ranking is an ordered list"
    flagged = [block.find("dt").get_text(" ", strip=True) for block in html.select("[data-question-id]")]
    assert [label for label in flagged if "Removed question" in label] == ["Old question as answered Removed question"]
    assert [h.get_text(strip=True) for h in html.select("section h2")][1:] == [
        "The vision",
        "About you",
        "Removed questions",
    ]


def test_detail_of_a_polish_response_reads_in_the_source_language(client, setup, analyst):
    client.force_login(analyst)
    consultation, polish = setup["consultation"], setup["polish_response"]
    html = soup(client.get(f"{BASE}/{consultation.pk}/{polish.pk}/"))
    shown = answers_shown(html)
    assert shown["Do you agree with the vision?"] == "Not sure"  # an option removed since: from the history
    assert shown["Your age"] == "Prefer not to say"
    assert shown["Put these in order"] == ["Roads", "Health", "Schools"]
    assert shown["How far do you agree?"] == ["Parks: Agree"]
    assert shown["Email address"] == "Not answered"
    assert "Old question as answered" not in shown  # not answered by this response
    assert "PL " not in html.get_text()
    assert "Polski" in html.get_text()


def test_detail_is_only_for_the_consultation_s_own_responses(client, setup, analyst, home):
    other = ConsultationPage(
        title="Another",
        slug="another",
        opens_at=datetime.datetime(2026, 1, 1, tzinfo=UTC),
        closes_at=datetime.datetime(2026, 2, 1, tzinfo=UTC),
    )
    setup["hub"].add_child(instance=other)
    client.force_login(analyst)
    assert client.get(f"{BASE}/{other.pk}/{setup['english'].pk}/").status_code == 404
    assert client.get(f"{BASE}/{home.pk}/").status_code == 404  # not a consultation


# --- Counts ------------------------------------------------------------------------------------------


def counts_shown(html, label):
    section = html.find("h2", string=lambda s: s and s.strip() == label).find_parent("figure")
    rows = []
    for tr in section.select("tbody tr"):
        rows.append([cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])])
    return section.find("p").get_text(" ", strip=True), rows


def test_counts_per_option_pool_languages(client, setup, analyst):
    client.force_login(analyst)
    html = soup(client.get(f"{BASE}/{setup['consultation'].pk}/summary/"))
    assert html.find(id="totals-heading").get_text(strip=True) == "2 responses"
    by_language = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in html.select("#responses-by-language tbody tr")
    ]
    assert by_language == [["English", "1"], ["Gàidhlig", "0"], ["Polski", "1"]]
    assert counts_shown(html, "Do you agree with the vision?") == (
        "Answered by 2 respondents",
        [["Yes", "1", "50%"], ["No", "0", "0%"], ["Not sure", "1", "50%"]],
    )
    assert counts_shown(html, "Which areas matter to you?")[1] == [
        ["Children", "2", "100%"],
        ["Jobs", "0", "0%"],
        ["Housing", "1", "50%"],
    ]
    assert counts_shown(html, "Your age")[1] == [
        ["Under 25", "0", "0%"],
        ["25 to 64", "1", "50%"],
        ["65 and over", "0", "0%"],
        ["Prefer not to say", "1", "50%"],
    ]
    likert = counts_shown(html, "Kindness matters")[1]
    assert likert == [
        ["Strongly agree", "1", "50%"],
        ["Agree", "0", "0%"],
        ["Neither agree nor disagree", "0", "0%"],
        ["Disagree", "1", "50%"],
        ["Strongly disagree", "0", "0%"],
        ["Don't know", "0", "0%"],
    ]
    matrix_section = html.find("h2", string=lambda s: s and s.strip() == "How far do you agree?").find_parent("figure")
    assert [th.get_text(strip=True) for th in matrix_section.select("thead th")] == [
        "Statement",
        "Strongly agree",
        "Agree",
        "Neither agree nor disagree",
        "Disagree",
        "Strongly disagree",
        "Don't know",
        "Answered",
    ]
    assert counts_shown(html, "How far do you agree?")[1] == [
        ["Parks", "0 (0%)", "2 (100%)", "0 (0%)", "0 (0%)", "0 (0%)", "0 (0%)", "2"],
        ["Buses", "0 (0%)", "0 (0%)", "0 (0%)", "1 (100%)", "0 (0%)", "0 (0%)", "1"],
    ]
    # Free text and numbers have no chart (free text is listed for coding, further down).
    for label in ("Your name", "How many people live with you?"):
        assert not html.find("h2", string=lambda s, label=label: s and s.strip() == label)


def test_counts_follow_the_list_filters(client, setup, analyst):
    client.force_login(analyst)
    html = soup(client.get(f"{BASE}/{setup['consultation'].pk}/summary/?language=pl"))
    assert html.find(id="totals-heading").get_text(strip=True) == "1 response"
    assert counts_shown(html, "Do you agree with the vision?")[1] == [
        ["Yes", "0", "0%"],
        ["No", "0", "0%"],
        ["Not sure", "1", "100%"],
    ]


# --- The CSV export ----------------------------------------------------------------------------------


def test_csv_has_one_row_per_response_with_readable_answers(client, setup, analyst):
    client.force_login(analyst)
    rows = export(client, setup["consultation"])
    assert rows == [
        HEADINGS,
        [
            "POLISH22",
            "2026-01-15T12:00:00+00:00",
            "pl",
            "paper",
            "Zażółć Gęślą",
            "",
            "Not sure",
            "Children",
            "Disagree",
            "Agree",
            "",
            "1. Roads; 2. Health; 3. Schools",
            "2",
            "",
            "",
            "Prefer not to say",
            "",
        ],
        [
            "ENGLISH1",
            "2026-07-01T00:30:00+01:00",
            "en",
            "web",
            "Morag",
            "Buses to Pitlochry,\nplease.",
            "Yes",
            "Children; Housing",
            "Strongly agree",
            "Agree",
            "Disagree",
            "1. Schools; 2. Health; 3. Roads",
            "4",
            "3",
            "PH1 5PH",
            "25 to 64",
            "Red",
        ],
    ]


def test_csv_without_responses_has_the_headings_only(client, setup, analyst):
    Response.objects.all().delete()
    client.force_login(analyst)
    assert export(client, setup["consultation"]) == [HEADINGS[:-1]]  # no answers: no removed question column


def test_removed_question_keeps_its_column_with_the_latest_stored_label(client, setup, analyst):
    consultation, q = setup["consultation"], setup["ids"]
    old_id, old_options = q["Old question"]
    Response.objects.create(
        consultation=consultation,
        reference="LATER333",
        language="en",
        submitted_at=datetime.datetime(2026, 8, 1, tzinfo=UTC),
        labels={old_id: "Old question, reworded"},
        answers={old_id: old_options["Blue"]},
    )
    client.force_login(analyst)
    rows = export(client, consultation)
    assert rows[0][-1] == "Old question, reworded"
    assert [row[-1] for row in rows[1:]] == ["", "Red", "Blue"]


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"])
def test_csv_cells_cannot_become_formulas(client, setup, analyst, dangerous):
    consultation, q = setup["consultation"], setup["ids"]
    Response.objects.create(
        consultation=consultation,
        reference="FORMULA1",
        language="en",
        channel=dangerous,
        submitted_at=datetime.datetime(2026, 9, 1, tzinfo=UTC),
        answers={q["Your name"][0]: dangerous, q["Email address"][0]: dangerous},
    )
    client.force_login(analyst)
    rows = export(client, consultation)
    (row,) = [r for r in rows if r[0] == "FORMULA1"]
    name, postcode = HEADINGS.index("Your name"), HEADINGS.index("Postcode")
    assert row[name] == row[3] == "'" + dangerous
    assert row[postcode] == ""  # the email question's column is left out for analysts


def test_csv_headings_and_option_labels_cannot_become_formulas(client, setup, analyst):
    consultation = setup["consultation"]
    raw = copy.deepcopy(list(consultation.sections.raw_data))
    raw[0]["value"]["questions"][2]["value"]["label"] = "=cmd|' /C calc'!A0"
    raw[0]["value"]["questions"][2]["value"]["options"][0]["value"] = "@Yes"
    consultation.sections = raw
    consultation.save_revision().publish()
    client.force_login(analyst)
    rows = export(client, ConsultationPage.objects.get(pk=consultation.pk))
    column = HEADINGS.index("Do you agree with the vision?")
    assert rows[0][column] == "'=cmd|' /C calc'!A0"
    assert rows[2][column] == "'@Yes"


def test_csv_numbers_stay_numbers(client, setup, analyst):
    """A negative number is a number, not a formula: it is left as it is."""
    consultation, q = setup["consultation"], setup["ids"]
    Response.objects.create(
        consultation=consultation,
        reference="NUMBER44",
        language="en",
        submitted_at=datetime.datetime(2026, 9, 1, tzinfo=UTC),
        answers={q["How many people live with you?"][0]: -2},
    )
    client.force_login(analyst)
    (row,) = [r for r in export(client, consultation) if r[0] == "NUMBER44"]
    assert row[HEADINGS.index("How many people live with you?")] == "-2"


def test_csv_is_streamed_row_by_row(client, setup, analyst):
    """The rows come from a generator reading the database in chunks, not from a list built first."""
    consultation = setup["consultation"]
    Response.objects.bulk_create(
        Response(consultation=consultation, reference=f"MANY{n:04d}", language="gd", answers={}) for n in range(1200)
    )
    client.force_login(analyst)
    response = client.get(f"{BASE}/{consultation.pk}/export/")
    stream = iter(response.streaming_content)
    first = next(stream)
    assert first.startswith(b"\xef\xbb\xbf") and first.count(b"\r\n") == 1  # the headings alone
    assert sum(1 for _ in stream) == 1202


# --- Who may see responses --------------------------------------------------------------------------


def staff_urls(setup):
    consultation, english = setup["consultation"], setup["english"]
    return [
        f"{BASE}/",
        f"{BASE}/{consultation.pk}/",
        f"{BASE}/{consultation.pk}/results/",
        f"{BASE}/{consultation.pk}/{english.pk}/",
        f"{BASE}/{consultation.pk}/summary/",
        f"{BASE}/{consultation.pk}/export/",
    ]


@pytest.mark.parametrize("group", ["Editors", "Moderators", "Translators (Scottish Gaelic)", "Translators (Polish)"])
def test_editorial_groups_are_refused(client, setup, django_user_model, group):
    client.force_login(user_in(django_user_model, group, "someone"))
    assert client.get("/admin/").status_code == 200  # they are in the admin…
    for address in staff_urls(setup):
        assert client.get(address).status_code == 403, address  # …but not in the responses


def test_analysts_and_superusers_are_let_in(client, setup, analyst, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "not-a-real-password-1")
    for user in (analyst, boss):
        client.force_login(user)
        for address in staff_urls(setup):
            assert client.get(address).status_code == 200, (user, address)


def test_residents_are_sent_to_log_in(client, setup):
    for address in staff_urls(setup):
        response = client.get(address)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_menu_item_and_page_actions_only_for_those_who_may_see_responses(client, setup, analyst, django_user_model):
    consultation = setup["consultation"]
    responses_url = f"{BASE}/{consultation.pk}/"

    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "not-a-real-password-1")
    client.force_login(boss)
    listing = client.get(f"/admin/pages/{setup['hub'].pk}/").content.decode()
    assert responses_url in listing  # the page listing's "More" menu
    assert responses_url in client.get(f"/admin/pages/{consultation.pk}/edit/").content.decode()  # header actions
    assert f"{BASE}/" in client.get("/admin/").content.decode()  # the menu

    moderator = user_in(django_user_model, "Moderators", "moderator")
    client.force_login(moderator)
    assert responses_url not in client.get(f"/admin/pages/{setup['hub'].pk}/").content.decode()
    assert responses_url not in client.get(f"/admin/pages/{consultation.pk}/edit/").content.decode()
    assert f"{BASE}/" not in client.get("/admin/").content.decode()

    client.force_login(analyst)
    assert f"{BASE}/" in client.get("/admin/").content.decode()


def test_no_ip_address_is_stored():
    names = {field.name for field in Response._meta.get_fields()}
    assert not {name for name in names if "ip" in name.split("_") or "address" in name}
