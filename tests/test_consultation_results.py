"""Results: counts, percentages, distributions, ranking scores and rating means, pooled across
languages and channels, with their accessible SVG charts and tables; the admin's "Results" page and
its filters."""

from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from consultations.models import Response
from consultations.results import question_results
from tests.test_consultation_staff import analyst, setup, soup  # noqa: F401 (fixtures)

BASE = "/admin/consultation-responses"


def by_label(results):
    return {r["label"]: r for r in results}


def test_results_pool_languages_and_channels(setup):  # noqa: F811
    consultation = setup["consultation"]
    results = by_label(question_results(consultation, Response.objects.filter(consultation=consultation)))
    # Only the choice-like questions, in the page's order (free text, numbers, email and postcode left out).
    assert list(results) == [
        "Do you agree with the vision?",
        "Which areas matter to you?",
        "Kindness matters",
        "How far do you agree?",
        "Put these in order",
        "Rate the plan",
        "Your age",
    ]
    vision = results["Do you agree with the vision?"]
    assert vision["answered"] == 2
    # "Not sure" was removed after a Polish paper response chose it: still counted, under its old label.
    assert vision["rows"] == [("Yes", 1, 50.0), ("No", 0, 0.0), ("Not sure", 1, 50.0)]
    # Multiple choice: the percentages are of respondents, so they add up to more than 100.
    assert results["Which areas matter to you?"]["rows"] == [
        ("Children", 2, 100.0),
        ("Jobs", 0, 0.0),
        ("Housing", 1, 50.0),
    ]
    assert results["Your age"]["rows"][-1] == ("Prefer not to say", 1, 50.0)
    matrix = results["How far do you agree?"]
    assert [(s["label"], s["answered"]) for s in matrix["statements"]] == [("Parks", 2), ("Buses", 1)]
    assert matrix["statements"][0]["rows"][1] == ("Agree", 2, 100.0)
    assert matrix["statements"][1]["rows"][3] == ("Disagree", 1, 100.0)
    # Ranking: first place worth 3 points, second 2, last 1. Schools, Health, Roads + Roads, Health, Schools.
    ranking = results["Put these in order"]
    assert [(o["label"], o["score"], o["mean_position"], o["first"]) for o in ranking["options"]] == [
        ("Health", 4, 2.0, 0),
        ("Schools", 4, 2.0, 1),
        ("Roads", 4, 2.0, 1),
    ]
    rating = results["Rate the plan"]
    assert rating["mean"] == 3.0
    assert rating["rows"] == [("1", 0, 0.0), ("2", 1, 50.0), ("3", 0, 0.0), ("4", 1, 50.0), ("5", 0, 0.0)]


def test_results_follow_the_responses_given_and_the_questions_asked(setup):  # noqa: F811
    consultation = setup["consultation"]
    vision_id = setup["ids"]["Do you agree with the vision?"][0]
    paper = Response.objects.filter(consultation=consultation, channel="paper")
    results = question_results(consultation, paper, question_ids=[vision_id])
    assert [r["label"] for r in results] == ["Do you agree with the vision?"]
    assert results[0]["answered"] == 1 and results[0]["responses"] == 1
    assert results[0]["rows"][2] == ("Not sure", 1, 100.0)


def test_a_translation_shows_its_own_labels(setup):  # noqa: F811
    """The Polish outcome page passes the Polish page: Polish wording, the source's counts."""
    responses = Response.objects.filter(consultation=setup["consultation"])
    results = by_label(question_results(setup["polish"], responses, language="pl"))
    vision = results["PL Do you agree with the vision?"]
    assert vision["rows"][:2] == [("PL Yes", 1, 50.0), ("PL No", 0, 0.0)]
    assert results["PL Kindness matters"]["rows"][0][0] == "Zdecydowanie się zgadzam"


def render_figure(result, **extra):
    request = RequestFactory().get("/")
    return BeautifulSoup(
        render_to_string(
            "consultations/includes/results_figure.html", {"result": result, "heading_level": 2, **extra}, request
        ),
        "html.parser",
    )


def test_figure_has_an_accessible_chart_and_a_table_of_the_figures(setup):  # noqa: F811
    consultation = setup["consultation"]
    result = by_label(question_results(consultation, Response.objects.filter(consultation=consultation)))[
        "Do you agree with the vision?"
    ]
    html = render_figure(result)
    figure = html.find("figure")
    assert figure.find("h2").get_text(strip=True) == "Do you agree with the vision?"
    svg = figure.find("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find(id=title_id).get_text() == "Do you agree with the vision?"
    assert svg.find(id=desc_id).get_text() == "Answered by 2 respondents. Yes: 1 (50%); No: 0 (0%); Not sure: 1 (50%)."
    # The labels and figures are drawn as text, not only as bar lengths.
    assert [t.get_text() for t in svg.find_all("text")] == ["Yes", "1 (50%)", "No", "0 (0%)", "Not sure", "1 (50%)"]
    assert not svg.find(attrs={"style": True}) and not svg.find("style")
    table = figure.find("details").find("table")
    assert table.find("caption").get_text(strip=True) == "Do you agree with the vision?"
    assert [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")] == [
        ["Yes", "1", "50%"],
        ["No", "0", "0%"],
        ["Not sure", "1", "50%"],
    ]
    assert len(str(figure).encode()) < 6000


def test_labels_are_escaped_in_the_chart():
    result = {
        "id": "q1",
        "kind": "single_choice",
        "label": 'Buses <script>alert("x")</script>',
        "removed": False,
        "answered": 3,
        "responses": 3,
        "rows": [("<b>Yes</b> & more", 3, 100.0)],
    }
    markup = str(render_figure(result))
    assert "<script>" not in markup and "<b>Yes</b>" not in markup
    assert "&lt;b&gt;Yes&lt;/b&gt; &amp; more" in markup
    svg = render_figure(result).find("svg")
    assert svg.find("title").get_text() == 'Buses <script>alert("x")</script>'


def test_figure_in_polish_uses_polish_figures(setup):  # noqa: F811
    responses = Response.objects.filter(consultation=setup["consultation"])
    with translation.override("pl"):
        result = by_label(question_results(setup["polish"], responses))["PL Rate the plan"]
        html = render_figure(result)
    assert "3,00" in html.find("figcaption").get_text()  # the mean, with a Polish decimal comma


# --- The admin's "Results" page ------------------------------------------------------------------------


def shown(html, label):
    figure = html.find("h2", string=lambda s: s and s.strip() == label).find_parent("figure")
    return [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in figure.select("tbody tr")]


def test_results_page_has_a_chart_and_table_for_every_choice_like_question(client, setup, analyst):  # noqa: F811
    client.force_login(analyst)
    html = soup(client.get(f"{BASE}/{setup['consultation'].pk}/summary/"))
    assert html.find("h1").get_text(" ", strip=True).startswith("Results")
    figures = html.select("figure")
    assert len(figures) == 7 and all(f.find("svg", attrs={"role": "img"}) for f in figures)
    assert shown(html, "Put these in order") == [
        ["Health", "4", "2.00", "0"],
        ["Schools", "4", "2.00", "1"],
        ["Roads", "4", "2.00", "1"],
    ]
    ranking = html.find("h2", string=lambda s: s and s.strip() == "Put these in order").find_parent("figure")
    assert "first place is worth 3" in ranking.find("figcaption").get_text()
    rating = html.find("h2", string=lambda s: s and s.strip() == "Rate the plan").find_parent("figure")
    assert "Mean rating: 3.00." in rating.find("figcaption").get_text(" ", strip=True)
    by_channel = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in html.select("#responses-by-channel tbody tr")
    ]
    assert by_channel == [["Website", "1"], ["Paper form", "1"]]


def test_results_filter_by_channel(client, setup, analyst):  # noqa: F811
    client.force_login(analyst)
    html = soup(client.get(f"{BASE}/{setup['consultation'].pk}/summary/", {"channel": "web"}))
    assert html.find(id="totals-heading").get_text(strip=True) == "1 response"
    assert shown(html, "Do you agree with the vision?") == [
        ["Yes", "1", "100%"],
        ["No", "0", "0%"],  # "Not sure", removed from the page, only shows where it was chosen
    ]
    # The channel filter offers the channels by name.
    labels = [label.get_text(strip=True) for label in html.select("label[for^=id_channel_]")]
    assert "Paper form" in labels and "Website" in labels


def test_results_filter_by_answer_to_another_question(client, setup, analyst):  # noqa: F811
    client.force_login(analyst)
    areas_id, areas = setup["ids"]["Which areas matter to you?"]
    url = f"{BASE}/{setup['consultation'].pk}/summary/"
    # Multiple choice: "Housing" was chosen by the English respondent only.
    html = soup(client.get(url, {"answer": f"{areas_id}:{areas['Housing']}"}))
    assert html.find(id="totals-heading").get_text(strip=True) == "1 response"
    assert shown(html, "Kindness matters")[0] == ["Strongly agree", "1", "100%"]
    # Likert: "disagree" was the Polish respondent's.
    kindness = setup["ids"]["Kindness matters"][0]
    html = soup(client.get(url, {"answer": f"{kindness}:disagree"}))
    assert shown(html, "Do you agree with the vision?")[2] == ["Not sure", "1", "100%"]
    # "Children" was chosen by both; combined with a channel, one is left.
    html = soup(client.get(url, {"answer": f"{areas_id}:{areas['Children']}", "channel": "paper"}))
    assert html.find(id="totals-heading").get_text(strip=True) == "1 response"
    options = [o.get_text(strip=True) for o in html.select("#id_answer optgroup[label='Kindness matters'] option")]
    assert options[0] == "Strongly agree"
    selected = html.select_one("#id_answer option[selected]")
    assert selected.get_text(strip=True) == "Children"


def test_results_page_queries_do_not_grow_with_responses(client, setup, analyst):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(analyst)
    url = f"{BASE}/{setup['consultation'].pk}/summary/"
    english = setup["english"]

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    Response.objects.bulk_create(
        Response(consultation=english.consultation, reference=f"MANY{n:04d}", language="en", answers=english.answers)
        for n in range(200)
    )
    assert count() == before
