"""Every channel in one dataset: staff enter paper, phone, event, email and translated responses in
the admin through the public form's questions and checks; the list filters and names channels; the
groups that may do it."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone

from consultations.apps import ANALYSTS, RECORDS_OFFICERS
from consultations.exports import UK
from consultations.models import Channel, Response
from tests.factories import question
from tests.test_consultations import ConsultationIndexPageFactory, make_consultation

BASE = "/admin/consultation-responses"
DAY = datetime.timedelta(days=1)


SECTIONS = [
    {
        "type": "section",
        "value": {
            "title": "Your views",
            "intro": "",
            "questions": [
                question("single_choice", "Would you like to get involved?", required=True, options=["Yes", "No"]),
                question("long_text", "Tell us more", max_length=1500, personal=True),
                question("matrix", "How far do you agree?", statements=["Parks", "Buses"]),
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "Getting involved",
            "intro": "",
            "show_if": {"question": "Would you like to get involved?", "answer": "Yes"},
            "questions": [question("short_text", "Where would you help?", required=True)],
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
                question("about_you", "Your age", options=["Under 25", "25 to 64", "65 and over"]),
            ],
        },
    },
]


def user_in(django_user_model, group, username):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "not-a-real-password-1", first_name="Ailsa", last_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def analyst(django_user_model):
    return user_in(django_user_model, ANALYSTS, "analyst")


@pytest.fixture
def hub(home):
    return ConsultationIndexPageFactory(parent=home)


@pytest.fixture
def consultation(hub):
    return make_consultation(hub, timezone.now() - 10 * DAY, timezone.now() + 10 * DAY, sections=SECTIONS)


def ids(consultation):
    """{question label: (field name without the step prefix, {option label: id})}."""
    found = {}
    for step, question_id, _kind, value in consultation.questions():
        items = {}
        for name in ("options", "statements"):
            if name in value:
                items |= {item.value: item.id for item in value[name].bound_blocks}
        found[value["label"]] = (f"step{step}-{question_id}", question_id, items)
    return found


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def enter_url(consultation):
    return f"{BASE}/{consultation.pk}/enter/"


def form_data(client, consultation, **answers):
    """The entry page's hidden token and defaults, with the given fields filled in."""
    page = soup(client.get(enter_url(consultation)))
    data = {"token": page.select_one("input[name=token]")["value"], "language": "en"}
    data["received"] = page.select_one("input[name=received]")["value"]
    data.update(answers)
    return data


def test_staff_enter_a_paper_response_through_the_public_questions(client, consultation, analyst):
    client.force_login(analyst)
    q = ids(consultation)
    involved, involved_id, options = q["Would you like to get involved?"]
    matrix, matrix_id, statements = q["How far do you agree?"]
    page = soup(client.get(f"{BASE}/{consultation.pk}/"))
    assert page.find("a", href=enter_url(consultation)).get_text(strip=True) == "Enter a response"

    page = soup(client.get(enter_url(consultation)))
    channels = [label.get_text(" ", strip=True) for label in page.select("#id_channel label")]
    assert channels == [
        "Paper form",
        "Phone",
        "Event or drop-in",
        "Email or letter",
        "Other language, translated by staff",
    ]
    assert page.select_one("input[name=received]")["value"] == timezone.localdate(timezone=UK).isoformat()
    assert "Only if the answer to “Would you like to get involved?” is “Yes”" in page.get_text(" ")

    two_days_ago = timezone.localdate(timezone=UK) - 2 * DAY
    data = form_data(
        client,
        consultation,
        channel="paper",
        language="pl",
        received=two_days_ago.isoformat(),
        outcome_email="Ola@Example.org",
        **{
            involved: options["Yes"],
            q["Tell us more"][0]: "Więcej autobusów",
            f"{matrix}__{statements['Buses']}": "agree",
            q["Where would you help?"][0]: "Crieff",
            q["Postcode"][0]: "ph2 8ng",
        },
    )
    response = client.post(enter_url(consultation), data, follow=True)
    stored = Response.objects.get()
    assert response.redirect_chain[-1][0] == f"{BASE}/{consultation.pk}/"
    text = soup(response).get_text(" ")
    assert f"Response {stored.reference} entered (Paper form)." in text
    assert soup(response).find("a", href=f"{BASE}/{consultation.pk}/{stored.pk}/") is not None

    assert stored.consultation_id == consultation.pk
    assert (stored.channel, stored.language, stored.entered_by, stored.outcome_email) == (
        "paper",
        "pl",
        analyst,
        "Ola@Example.org",
    )
    assert stored.submitted_at.astimezone(UK).date() == two_days_ago
    assert stored.answers == {
        involved_id: options["Yes"],
        q["Tell us more"][1]: "Więcej autobusów",
        matrix_id: {statements["Buses"]: "agree"},
        q["Where would you help?"][1]: "Crieff",
        q["Postcode"][1]: "PH2 8NG",  # the public form's checks and clean-up
    }
    assert stored.labels[involved_id] == "Would you like to get involved?"

    # Sent twice (a double click): one response.
    client.post(enter_url(consultation), data)
    assert Response.objects.count() == 1


def test_a_step_its_condition_hides_is_neither_required_nor_stored(client, consultation, analyst):
    client.force_login(analyst)
    q = ids(consultation)
    involved, _id, options = q["Would you like to get involved?"]
    data = form_data(
        client,
        consultation,
        channel="phone",
        **{involved: options["No"], q["Where would you help?"][0]: "Typed by mistake"},
    )
    client.post(enter_url(consultation), data)
    stored = Response.objects.get()
    assert stored.answers == {q["Would you like to get involved?"][1]: options["No"]}
    assert stored.channel == "phone"

    # Said yes: the step is shown, so its required question must be answered.
    data = form_data(client, consultation, channel="phone", **{involved: options["Yes"]})
    page = soup(client.post(enter_url(consultation), data))
    assert "Answer the question: Where would you help?" in page.get_text(" ")
    assert Response.objects.count() == 1


def test_errors_are_shown_with_the_typed_values_kept_and_nothing_stored(client, consultation, analyst):
    client.force_login(analyst)
    q = ids(consultation)
    tomorrow = timezone.localdate(timezone=UK) + DAY
    data = form_data(
        client,
        consultation,
        received=tomorrow.isoformat(),
        outcome_email="not an email",
        **{q["Tell us more"][0]: "Keep the library open", q["Postcode"][0]: "PH 99"},
    )
    response = client.post(enter_url(consultation), data)
    page = soup(response)
    text = page.get_text(" ")
    assert "The response could not be saved. Correct the errors below." in text
    summary = page.select_one("#entry-errors").get_text(" ")
    for message in (
        "This field is required.",  # the channel
        "The date received cannot be in the future.",
        "Enter a valid email address.",
        "Answer the question: Would you like to get involved?",
        "Enter a real postcode, like PH1 5PH.",
    ):
        assert message in summary, message
    # Each error links to its field.
    assert page.select_one(f'#entry-errors a[href="#id_{q["Postcode"][0]}"]') is not None
    # What was typed is still there.
    assert page.select_one(f'textarea[name="{q["Tell us more"][0]}"]').get_text().strip() == "Keep the library open"
    assert page.select_one(f'input[name="{q["Postcode"][0]}"]')["value"] == "PH 99"
    assert page.select_one("input[name=outcome_email]")["value"] == "not an email"
    assert not Response.objects.exists()


def test_a_date_before_the_consultation_opened_is_refused(client, consultation, analyst):
    client.force_login(analyst)
    q = ids(consultation)
    involved, _id, options = q["Would you like to get involved?"]
    early = consultation.opens_at.astimezone(UK).date() - DAY
    data = form_data(client, consultation, channel="event", received=early.isoformat(), **{involved: options["No"]})
    assert "The date received cannot be before the consultation opened." in soup(
        client.post(enter_url(consultation), data)
    ).get_text(" ")
    assert not Response.objects.exists()


def test_late_paper_responses_can_be_entered_on_a_closed_consultation(client, hub, analyst):
    closed = make_consultation(
        hub, timezone.now() - 30 * DAY, timezone.now() - DAY, sections=SECTIONS, slug="closed", title="Closed one"
    )
    client.force_login(analyst)
    q = ids(closed)
    involved, _id, options = q["Would you like to get involved?"]
    page = soup(client.get(enter_url(closed)))
    assert "This consultation has closed." in page.get_text(" ")
    client.post(enter_url(closed), form_data(client, closed, channel="paper", **{involved: options["No"]}))
    assert Response.objects.get().consultation_id == closed.pk


def test_a_translation_s_entry_page_goes_to_the_source(client, consultation, analyst, locales, home):
    home.copy_for_translation(locales["pl"]).save_revision().publish()
    consultation.get_parent().copy_for_translation(locales["pl"]).save_revision().publish()
    polish = consultation.copy_for_translation(locales["pl"])
    polish.save_revision().publish()
    client.force_login(analyst)
    response = client.get(enter_url(polish))
    assert response.status_code == 302 and response["Location"] == enter_url(consultation)


# --- Who may enter responses -------------------------------------------------------------------------


@pytest.mark.parametrize("group", ["Editors", "Moderators", "Translators (Scottish Gaelic)", "Translators (Polish)"])
def test_editors_and_translators_cannot_enter_or_see_responses(client, consultation, django_user_model, group):
    client.force_login(user_in(django_user_model, group, "someone"))
    assert client.get(enter_url(consultation)).status_code == 403
    assert client.post(enter_url(consultation), {"channel": "paper"}).status_code == 403
    assert not Response.objects.exists()
    assert "Enter a response" not in client.get(f"{BASE}/{consultation.pk}/").content.decode()


def test_records_officers_see_responses_but_do_not_enter_them(client, consultation, django_user_model):
    client.force_login(user_in(django_user_model, RECORDS_OFFICERS, "officer"))
    page = client.get(f"{BASE}/{consultation.pk}/")
    assert page.status_code == 200 and "Enter a response" not in page.content.decode()
    assert client.get(enter_url(consultation)).status_code == 403


def test_residents_are_sent_to_log_in(client, consultation):
    response = client.get(enter_url(consultation))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def perms(name):
    return set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))


def test_the_groups_and_what_they_may_do(db):
    assert perms(ANALYSTS) == {
        ("wagtailadmin", "access_admin"),
        ("consultations", "view_response"),
        ("consultations", "add_response"),
        ("consultations", "change_response"),
        ("consultations", "add_populationshare"),
        ("consultations", "change_populationshare"),
        ("consultations", "delete_populationshare"),
        ("consultations", "view_populationshare"),
    }
    assert perms(RECORDS_OFFICERS) == {
        ("wagtailadmin", "access_admin"),
        ("consultations", "view_response"),
        ("consultations", "view_respondent_email"),
        ("consultations", "delete_response"),
    }
    for name in ("Editors", "Moderators", "Translators (Scottish Gaelic)", "Translators (Polish)"):
        assert not {codename for app, codename in perms(name) if app == "consultations"}, name


def test_the_groups_are_kept_on_every_migrate(db):
    from django.apps import apps

    from consultations.apps import ensure_analysts_group

    Group.objects.get(name=RECORDS_OFFICERS).delete()
    Group.objects.get(name=ANALYSTS).permissions.clear()
    ensure_analysts_group(apps.get_app_config("consultations"))
    ensure_analysts_group(apps.get_app_config("consultations"))  # twice: nothing doubled
    assert Group.objects.filter(name=RECORDS_OFFICERS).count() == 1
    assert ("consultations", "add_response") in perms(ANALYSTS)
    assert ("consultations", "delete_response") in perms(RECORDS_OFFICERS)


# --- Channels in the list and the detail ----------------------------------------------------------


def make_response(consultation, channel, reference, **kwargs):
    return Response.objects.create(
        consultation=consultation, reference=reference, language="en", channel=channel, answers={}, **kwargs
    )


def test_the_list_names_and_filters_every_channel_present(client, consultation, analyst):
    make_response(consultation, Channel.WEB, "WEBONE22")
    make_response(consultation, Channel.PAPER, "PAPER222", entered_by=analyst)
    make_response(consultation, Channel.TRANSLATED, "TRANSL22", entered_by=analyst)
    client.force_login(analyst)
    page = soup(client.get(f"{BASE}/{consultation.pk}/"))
    filter_labels = [label.get_text(" ", strip=True) for label in page.select("#id_channel label")]
    assert filter_labels == ["All", "Paper form", "Other language, translated by staff", "Website"]
    cells = {
        row.select("td")[0].get_text(strip=True): row.select("td")[-1].get_text(strip=True)
        for row in page.select("tbody tr")
    }
    assert cells == {"WEBONE22": "Website", "PAPER222": "Paper form", "TRANSL22": "Other language, translated by staff"}

    page = soup(client.get(f"{BASE}/{consultation.pk}/?channel=paper"))
    assert [row.select("td")[0].get_text(strip=True) for row in page.select("tbody tr")] == ["PAPER222"]


def facts(page):
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in page.select("dl dt")}


def test_the_detail_shows_channel_who_entered_it_and_the_email_only_with_permission(
    client, consultation, analyst, django_user_model
):
    paper = make_response(consultation, Channel.PAPER, "PAPER222", entered_by=analyst, outcome_email="ola@example.org")
    paper.answers = {ids(consultation)["Email address"][1]: "ola.answer@example.org"}
    paper.save()
    web = make_response(consultation, Channel.WEB, "WEBONE22")
    client.force_login(analyst)
    shown = facts(soup(client.get(f"{BASE}/{consultation.pk}/{paper.pk}/")))
    assert shown["Channel"] == "Paper form"
    assert shown["Entered by"] == "Ailsa Analyst"
    assert "Email for the outcome" not in shown
    html = client.get(f"{BASE}/{consultation.pk}/{paper.pk}/").content.decode()
    assert "ola@example.org" not in html and "ola.answer@example.org" not in html
    assert "Hidden: only for staff who may see respondents" in html  # the answer to the email question
    shown = facts(soup(client.get(f"{BASE}/{consultation.pk}/{web.pk}/")))
    assert shown["Channel"] == "Website" and "Entered by" not in shown

    client.force_login(user_in(django_user_model, RECORDS_OFFICERS, "officer"))
    html = soup(client.get(f"{BASE}/{consultation.pk}/{paper.pk}/"))
    assert facts(html)["Email for the outcome"] == "ola@example.org"
    assert facts(html)["Email address"] == "ola.answer@example.org"


# --- Demo content --------------------------------------------------------------------------------------


def test_the_demo_s_closed_consultation_has_paper_phone_and_event_responses(db):
    import io

    from django.core.management import call_command

    from consultations.models import ConsultationPage

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    closed = ConsultationPage.objects.get(slug="discover-phase-survey", locale__language_code="en")
    assert closed.status == ConsultationPage.CLOSED
    entered = Response.objects.filter(consultation=closed).exclude(channel="web")
    assert sorted(entered.values_list("channel", flat=True)) == ["event", "paper", "paper", "phone", "phone"]
    assert all(response.submitted_at < closed.closes_at for response in entered)
    assert "5 paper, phone and event responses" in out.getvalue()

    call_command("load_demo", stdout=io.StringIO())  # run again: nothing added twice
    assert Response.objects.filter(consultation=closed).exclude(channel="web").count() == 5
