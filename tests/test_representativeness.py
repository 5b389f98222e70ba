"""Representativeness: responses by area (postcode district) and age band beside the population
shares staff enter, with under-represented groups flagged in words; works while the consultation is open."""

import datetime

import pytest

from consultations.models import PopulationShare, Response
from consultations.representativeness import band_key, postcode_district
from tests.test_consultation_staff import analyst, soup  # noqa: F401 (fixtures)
from tests.test_consultations import hub, make_consultation  # noqa: F401 (fixture)

BASE = "/admin/consultation-responses"

SECTIONS = [
    {
        "type": "section",
        "value": {
            "title": "About you",
            "intro": "",
            "questions": [
                {"type": "postcode", "value": {"label": "Postcode", "help_text": "", "required": False}},
                {
                    "type": "about_you",
                    "value": {
                        "label": "Your age",
                        "help_text": "",
                        "required": False,
                        "options": ["Under 25", "25 - 44", "45–64", "65 AND OVER"],
                    },
                },
            ],
        },
    }
]


def rows(html, table_id):
    return [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in html.select(f"#{table_id} tbody tr")
    ]


@pytest.fixture
def open_consultation(hub):  # noqa: F811
    now = datetime.datetime.now(datetime.UTC)
    consultation = make_consultation(
        hub, now - datetime.timedelta(days=1), now + datetime.timedelta(days=9), sections=SECTIONS
    )
    questions = {value["label"]: (qid, value) for _s, qid, _k, value in consultation.questions()}
    postcode_id = questions["Postcode"][0]
    age_id, age = questions["Your age"]
    options = {item.value: item.id for item in age["options"].bound_blocks}
    answers = [
        ("PH1 5PH", "Under 25"),
        ("PH2 7AA", "25 - 44"),
        ("ph15ph", "25 - 44"),  # typed without the space, in lower case
        ("PH10 6AB", "45–64"),
        ("EH1 1AA", "prefer-not-to-say"),  # Edinburgh: outside Perth and Kinross
        (None, None),
        ("PH2 8BB", "65 AND OVER"),
        ("PH1 1AB", "45–64"),
        ("PH1 2CD", "45–64"),
        ("PH1 3EF", "45–64"),
    ]
    for postcode, age_answer in answers:
        given = {}
        if postcode:
            given[postcode_id] = postcode
        if age_answer:
            given[age_id] = options.get(age_answer, age_answer)
        Response.objects.create(consultation=consultation, language="en", answers=given)
    PopulationShare.objects.bulk_create(
        [
            PopulationShare(dimension="area", name="Perth City", postcode_districts="PH1, ph2", share=30, sort_order=1),
            PopulationShare(
                dimension="area", name="Highland Perthshire", postcode_districts="PH10", share=20, sort_order=2
            ),
            PopulationShare(dimension="area", name="Kinross-shire", postcode_districts="KY13", share=10, sort_order=3),
            PopulationShare(dimension="age", name="Under 25", share=25, sort_order=1, source="Example data"),
            PopulationShare(dimension="age", name="25–44", share=25, sort_order=2),
            PopulationShare(dimension="age", name="45-64", share=25, sort_order=3),
            PopulationShare(dimension="age", name="65 and over", share=25, sort_order=4),
        ]
    )
    return consultation


def test_helpers():
    assert postcode_district("ph15ph") == "PH1"
    assert postcode_district("PH10 6AB") == "PH10"
    assert band_key("25 – 44") == band_key("25-44") == band_key("25—44")


def test_responses_by_area_and_age_beside_the_population(client, open_consultation, analyst):  # noqa: F811
    client.force_login(analyst)
    html = soup(client.get(f"{BASE}/{open_consultation.pk}/representativeness/"))
    assert rows(html, "by-area") == [
        ["Perth City", "7", "70.0%", "30.0%", "+40.0", ""],
        ["Highland Perthshire", "1", "10.0%", "20.0%", "-10.0", "Under-represented"],
        ["Kinross-shire", "0", "0.0%", "10.0%", "-10.0", "Under-represented"],
        ["Outside Perth and Kinross / not given", "2", "20.0%", "–", "–", ""],
    ]
    assert rows(html, "by-age") == [
        ["Under 25", "1", "10.0%", "25.0%", "-15.0", "Under-represented"],
        ["25–44", "2", "20.0%", "25.0%", "-5.0", ""],  # 20 ≥ 0.8 × 25
        ["45-64", "4", "40.0%", "25.0%", "+15.0", ""],
        ["65 and over", "1", "10.0%", "25.0%", "-15.0", "Under-represented"],
        ["Prefer not to say / not given", "2", "20.0%", "–", "–", ""],
    ]
    assert "Example data" in html.get_text()


def test_representativeness_needs_the_permission(client, open_consultation, django_user_model):
    from tests.test_consultation_staff import user_in

    client.force_login(user_in(django_user_model, "Editors", "editor"))
    assert client.get(f"{BASE}/{open_consultation.pk}/representativeness/").status_code == 403


def test_analysts_manage_population_shares_as_snippets(client, analyst):  # noqa: F811
    client.force_login(analyst)
    response = client.post(
        "/admin/snippets/consultations/populationshare/add/",
        {
            "dimension": "age",
            "name": "16–24",
            "postcode_districts": "",
            "share": "11.5",
            "source": "Census",
            "sort_order": 1,
        },
    )
    assert response.status_code == 302
    assert PopulationShare.objects.get(name="16–24").share == 11.5
    listing = client.get("/admin/snippets/consultations/populationshare/")
    assert listing.status_code == 200
    assert "Age band" in listing.content.decode() and "16–24" in listing.content.decode()


def test_demo_has_example_population_shares_codes_and_coded_answers(client, analyst):  # noqa: F811
    """load_demo: population shares stated as example data; codes on the closed consultation's free text."""
    import io

    from django.core.management import call_command

    from consultations.models import AnswerCode, CodedAnswer, ConsultationPage

    call_command("load_demo", stdout=io.StringIO())
    assert PopulationShare.objects.filter(dimension="area").count() == 6
    assert all("Example data" in share.source for share in PopulationShare.objects.all())
    closed = ConsultationPage.objects.get(slug="discover-phase-survey", locale__language_code="en")
    assert AnswerCode.objects.filter(consultation=closed).count() == 5
    assert CodedAnswer.objects.filter(response__consultation=closed).count() > 10
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    assert PopulationShare.objects.count() == 12 and AnswerCode.objects.count() == 5
    # The open consultation asks postcode and age: the view matches them to the shares.
    vision = ConsultationPage.objects.get(slug="proposed-vision-and-principles", locale__language_code="en")
    client.force_login(analyst)
    html = soup(client.get(f"{BASE}/{vision.pk}/representativeness/"))
    by_age = rows(html, "by-age")
    assert [r[0] for r in by_age][:3] == ["Under 16", "16 to 24", "25 to 44"]
    assert sum(int(r[1]) for r in by_age) == 240
    assert int(by_age[-1][1]) < 240  # most gave an age
    by_area = {r[0]: int(r[1]) for r in rows(html, "by-area")}
    assert by_area["Perth City"] > 0 and by_area["Kinross-shire"] > 0
