"""Reporting back: the outcome page ("We asked, you said, we did") with live results, the embargo on
results until the consultation closes, the hub's "Outcome published" tag, the opt-in email at
submission and the outcome email with its unsubscribe link."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from consultations.models import Channel, ConsultationOutcomePage, Response
from consultations.outcomes import unsubscribe_token
from tests.test_consultations import ConsultationIndexPageFactory, make_consultation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
POLISH_OPTIONS = {"Yes": "Tak", "No": "Nie", "Not sure": "Nie wiem"}


def now():
    return timezone.now()


def question_ids(consultation):
    """{label: (question id, {option label: option id})}."""
    out = {}
    for _step, qid, _kind, value in consultation.questions():
        options = {item.value: item.id for item in value["options"].bound_blocks} if "options" in value else {}
        out[value["label"]] = (qid, options)
    return out


def answer(consultation, vision, kindness, language="en", channel=Channel.WEB, email=""):
    ids = question_ids(consultation)
    qid, options = ids["Do you agree with the vision?"]
    return Response.objects.create(
        consultation=consultation,
        language=language,
        channel=channel,
        answers={qid: options[vision], ids["Kindness matters"][0]: kindness},
        outcome_email=email,
    )


def chart(consultation, label, heading="", commentary=""):
    qid = question_ids(consultation)[label][0]
    return ("results_chart", {"question": qid, "heading": heading, "commentary": commentary})


def make_outcome(consultation, blocks=None, publish=True, **kwargs):
    outcome = ConsultationOutcomePage(
        title=kwargs.pop("title", "What we did with your views"),
        slug=kwargs.pop("slug", "outcome"),
        we_asked="<p>We asked whether the vision describes the place you want to live in.</p>",
        you_said=blocks if blocks is not None else [chart(consultation, "Do you agree with the vision?")],
        we_did=[("paragraph", "<p>We rewrote the vision with community groups.</p>")],
        live=publish,
        **kwargs,
    )
    consultation.add_child(instance=outcome)
    revision = outcome.save_revision()
    if publish:
        revision.publish()
    return ConsultationOutcomePage.objects.get(pk=outcome.pk)


@pytest.fixture
def hub(home):
    return ConsultationIndexPageFactory(parent=home)


@pytest.fixture
def closed(hub):
    return make_consultation(hub, now() - 30 * DAY, now() - DAY)


@pytest.fixture
def polish_tree(hub, locales):
    home = hub.get_parent()
    home.copy_for_translation(locales["pl"]).save_revision().publish()
    hub.copy_for_translation(locales["pl"]).save_revision().publish()


def translate(page, locale, title, relabel=None):
    """A published Polish copy of `page`, with the option labels renamed by `relabel`."""
    copy = page.copy_for_translation(locale)
    copy.title = title
    if relabel:
        data = copy.sections.get_prep_value()
        for section in data:
            for question in section["value"]["questions"]:
                for option in question["value"].get("options", []):
                    option["value"] = relabel.get(option["value"], option["value"])
        copy.sections = data
    copy.save_revision().publish()
    return type(page).objects.get(pk=copy.pk)


def table_rows(figure):
    return [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in figure.select("table tbody tr")
    ]


# --- The outcome page ---------------------------------------------------------------------------
def test_outcome_page_reports_back_with_charts_from_every_response(client, closed):
    answer(closed, "Yes", "agree")
    answer(closed, "Yes", "agree", language="pl")
    answer(closed, "No", "disagree", channel=Channel.PAPER)
    outcome = make_outcome(
        closed,
        [
            chart(closed, "Do you agree with the vision?", heading="Most agreed with the vision"),
            ("paragraph", "<p>Two in three agreed.</p>"),
            chart(closed, "Kindness matters", commentary="Kindness came first."),
        ],
    )
    html = BeautifulSoup(client.get(outcome.url).content, "html.parser")

    assert [h.get_text(strip=True) for h in html.select("main h2")][:3] == ["We asked", "You said", "We did"]
    figures = html.select("#you-said ~ figure, section[aria-labelledby=you-said] figure")
    assert len(figures) == 2
    assert figures[0].find("h3").get_text(strip=True) == "Most agreed with the vision"
    assert figures[0].find("svg") is not None
    assert table_rows(figures[0])[:2] == [["Yes", "2", "66.7%"], ["No", "1", "33.3%"]]
    assert "Kindness came first." in html.get_text()
    assert "3 responses, from every language and channel." in html.get_text()
    assert "We rewrote the vision with community groups." in html.get_text()
    back = html.find("a", string=lambda s: s and s.startswith("Read the consultation"))
    assert back["href"] == closed.url


def test_polish_outcome_shows_the_polish_option_labels(client, closed, polish_tree, locales):
    answer(closed, "Yes", "agree", language="pl")
    answer(closed, "Not sure", "agree")
    outcome = make_outcome(closed)
    translate(closed, locales["pl"], "Proponowana wizja", POLISH_OPTIONS)
    polish = outcome.copy_for_translation(locales["pl"])
    polish.title = "Co zrobiliśmy z Twoimi opiniami"
    polish.save_revision().publish()

    polish_url = ConsultationOutcomePage.objects.get(pk=polish.pk).url
    assert polish_url.startswith("/pl/")
    html = BeautifulSoup(client.get(polish_url).content, "html.parser")
    rows = table_rows(html.select("figure")[0])
    assert [row[0] for row in rows] == ["Tak", "Nie", "Nie wiem"]
    assert [row[1] for row in rows] == ["1", "0", "1"]  # pooled: both responses, whatever their language
    with translation.override("pl"):
        assert gettext("You said") in html.get_text()


def test_a_chart_of_another_consultations_question_is_refused(hub, closed):
    other = make_consultation(hub, now() - 30 * DAY, now() - DAY, title="Other", slug="other")
    outcome = make_outcome(closed)
    outcome.you_said = [chart(other, "Do you agree with the vision?")]
    with pytest.raises(ValidationError):
        outcome.full_clean()


# --- Embargo ------------------------------------------------------------------------------------
@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "not-a-real-password-1")
    client.force_login(user)
    return client


def outcome_form(**overrides):
    data = {
        "title": "What we did with your views",
        "slug": "outcome",
        "summary": "",
        "we_asked": rich_text("<p>We asked about the vision.</p>"),
        "you_said": streamfield([]),
        "we_did": streamfield([("paragraph", rich_text("<p>We changed it.</p>"))]),
        "listing_image_alt": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_publishing_an_outcome_is_refused_while_the_consultation_is_open(editor_client, hub):
    consultation = make_consultation(hub, now() - DAY, now() + 7 * DAY)
    draft = make_outcome(consultation, blocks=[], publish=False)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])

    response = editor_client.post(edit_url, outcome_form(**{"action-publish": "publish"}), follow=True)

    draft.refresh_from_db()
    assert not draft.live
    assert "cannot be published while the consultation is open" in response.content.decode()
    assert draft.latest_revision.content["we_did"]  # the draft itself was kept
    # A go-live date before closing is refused too; one after closing is a schedule, accepted.
    before = (consultation.closes_at - DAY).strftime("%Y-%m-%d %H:%M")
    response = editor_client.post(
        edit_url, outcome_form(go_live_at=before, **{"action-publish": "publish"}), follow=True
    )
    assert "cannot go live before the consultation closes" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live and draft.latest_revision.approved_go_live_at is None
    after = (timezone.localtime(consultation.closes_at) + DAY).strftime("%Y-%m-%d %H:%M")
    response = editor_client.post(edit_url, outcome_form(go_live_at=after, **{"action-publish": "publish"}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live and draft.latest_revision.approved_go_live_at is not None  # scheduled


def test_creating_and_publishing_an_outcome_of_a_forthcoming_consultation_is_refused(editor_client, hub):
    consultation = make_consultation(hub, now() + DAY, now() + 7 * DAY)
    add_url = reverse("wagtailadmin_pages:add", args=["consultations", "consultationoutcomepage", consultation.pk])

    response = editor_client.post(add_url, outcome_form(**{"action-publish": "publish"}), follow=True)

    outcome = ConsultationOutcomePage.objects.get()
    assert not outcome.live
    assert "cannot be published while the consultation is open or forthcoming" in response.content.decode()


def test_publishing_an_outcome_of_a_closed_consultation_through_the_admin(editor_client, closed):
    draft = make_outcome(closed, blocks=[], publish=False)
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), outcome_form(**{"action-publish": "publish"})
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_every_other_way_of_publishing_is_refused_too(hub):
    consultation = make_consultation(hub, now() - DAY, now() + 7 * DAY)
    draft = make_outcome(consultation, blocks=[], publish=False)
    with pytest.raises(ValidationError):
        draft.latest_revision.publish()  # wagtail-localize, workflows and bulk actions publish this way
    draft.refresh_from_db()
    assert not draft.live


def test_the_closed_consultation_links_to_its_outcome_in_the_readers_language(
    client, hub, closed, polish_tree, locales
):
    make_consultation(hub, now() - 30 * DAY, now() - 2 * DAY, title="No outcome yet", slug="no-outcome")
    outcome = make_outcome(closed)
    polish_consultation = translate(closed, locales["pl"], "Proponowana wizja")

    html = BeautifulSoup(client.get(hub.url).content, "html.parser")
    closed_section = html.find("section", attrs={"aria-labelledby": "closed-heading"})
    items = {li.find("h3").get_text(strip=True): li for li in closed_section.select("li")}
    assert "Outcome published" in items["The proposed vision"].get_text()
    assert items["The proposed vision"].find("a", href=outcome.url) is not None
    assert "Outcome published" not in items["No outcome yet"].get_text()

    page = BeautifulSoup(client.get(closed.url).content, "html.parser")
    assert page.find("a", string="What we did with your views")["href"] == outcome.url

    # Polish readers: the English outcome until a Polish one is live, then the Polish one.
    polish_hub = BeautifulSoup(client.get("/pl" + hub.url).content, "html.parser")
    assert polish_hub.find("a", href=outcome.url) is not None
    polish_outcome = outcome.copy_for_translation(locales["pl"])
    polish_outcome.save_revision().publish()
    polish_outcome = ConsultationOutcomePage.objects.get(pk=polish_outcome.pk)
    polish_page = BeautifulSoup(client.get(polish_consultation.url).content, "html.parser")
    with translation.override("pl"):
        link_text = gettext("What we did with your views")
    assert polish_page.find("a", string=link_text)["href"] == polish_outcome.url


def test_no_link_while_the_outcome_is_a_draft(client, closed):
    make_outcome(closed, publish=False)
    assert "What we did with your views" not in client.get(closed.url).content.decode()


# --- Opting in on "Check your answers" -----------------------------------------------------------
@pytest.fixture
def open_consultation(hub, settings):
    settings.PKOFFER_MIN_FILL_SECONDS = 0
    return make_consultation(hub, now() - DAY, now() + 7 * DAY)


def answered(client, consultation):
    ids = question_ids(consultation)
    qid, options = ids["Do you agree with the vision?"]
    client.post(f"{consultation.url}step/1/", {qid: options["Yes"], ids["Kindness matters"][0]: "agree"})
    page = BeautifulSoup(client.get(f"{consultation.url}check-your-answers/").content, "html.parser")
    return page, page.find("input", attrs={"name": "token"})["value"]


def test_the_outcome_email_is_optional_and_explained(client, open_consultation):
    page, token = answered(client, open_consultation)
    field = page.find("input", attrs={"name": "outcome_email"})
    label = page.find("label", attrs={"for": field["id"]})
    assert label.get_text(strip=True) == "Email me when the outcome is published (optional)"
    hint = page.find(id=field["aria-describedby"])
    assert "only use it" in hint.get_text() and "retention period" in hint.get_text()

    client.post(f"{open_consultation.url}check-your-answers/", {"token": token})
    assert Response.objects.get().outcome_email == ""


def test_a_valid_email_is_stored_with_the_response(client, open_consultation):
    _page, token = answered(client, open_consultation)
    response = client.post(
        f"{open_consultation.url}check-your-answers/", {"token": token, "outcome_email": "resident@example.org"}
    )
    assert response.status_code == 302
    assert Response.objects.get().outcome_email == "resident@example.org"


@pytest.mark.parametrize("language", ["en", "pl"])
def test_an_invalid_email_is_shown_with_the_error_and_nothing_is_stored(
    client, open_consultation, polish_tree, locales, language
):
    consultation = open_consultation if language == "en" else translate(open_consultation, locales["pl"], "Wizja")
    _page, token = answered(client, consultation)
    response = client.post(f"{consultation.url}check-your-answers/", {"token": token, "outcome_email": "not-an-email"})

    assert response.status_code == 200
    assert Response.objects.count() == 0
    html = BeautifulSoup(response.content, "html.parser")
    with translation.override(language):
        message = gettext("Enter an email address in the correct format, like name@example.com")
    summary = html.find(class_="ds_error-summary")
    assert summary.find("a", href="#id_outcome_email").get_text(strip=True) == message
    field = html.find("input", attrs={"name": "outcome_email"})
    assert field["value"] == "not-an-email" and field["aria-invalid"] == "true"
    assert message in html.find(id="error-outcome_email").get_text()
    # Put right, the same answers go.
    client.post(f"{consultation.url}check-your-answers/", {"token": token, "outcome_email": "a@example.org"})
    assert Response.objects.get().outcome_email == "a@example.org"


# --- The outcome email --------------------------------------------------------------------------
def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_respondents_who_asked_are_emailed_once_in_their_language(
    closed, polish_tree, locales, django_capture_on_commit_callbacks
):
    polish_consultation = translate(closed, locales["pl"], "Proponowana wizja")
    answer(closed, "Yes", "agree", email="english@example.org")
    answer(closed, "No", "agree", language="pl", email="polish@example.org")
    answer(closed, "No", "agree")  # did not ask
    outcome = make_outcome(closed, publish=False)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        outcome.save_revision().publish()
        assert mail.outbox == []  # nothing before the commit

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"english@example.org", "polish@example.org"}
    english, polish = by_address["english@example.org"], by_address["polish@example.org"]
    assert english.subject == "What we did with your views: The proposed vision"
    with translation.override("pl"):
        assert polish.subject == gettext("What we did with your views: %(title)s") % {"title": "Proponowana wizja"}
        assert gettext("Read what people said and what we did:") in polish.body
    # No Polish outcome: both link to the English one; each unsubscribes on their consultation.
    assert outcome.get_full_url() in english.body and outcome.get_full_url() in polish.body
    assert f"{closed.get_full_url()}outcome-email/stop/" in english.body
    assert f"{polish_consultation.get_full_url()}outcome-email/stop/" in polish.body
    assert "/pl/" in polish_consultation.get_full_url()
    assert Response.objects.filter(outcome_emailed_at__isnull=False).count() == 2

    publish(outcome, django_capture_on_commit_callbacks)  # published again: nobody hears twice
    assert len(mail.outbox) == 2


def test_no_email_when_the_publishing_transaction_rolls_back(closed, django_capture_on_commit_callbacks):
    answer(closed, "Yes", "agree", email="english@example.org")
    outcome = make_outcome(closed, publish=False)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        outcome.save_revision().publish()
        raise RuntimeError
    assert callbacks == [] and mail.outbox == []
    assert Response.objects.get().outcome_emailed_at is None


def test_a_translated_outcome_emails_its_language_when_it_is_published(
    closed, polish_tree, locales, django_capture_on_commit_callbacks
):
    translate(closed, locales["pl"], "Proponowana wizja")
    answer(closed, "Yes", "agree", email="english@example.org")
    answer(closed, "No", "agree", language="pl", email="polish@example.org")
    outcome = make_outcome(closed, publish=False)
    polish_outcome = outcome.copy_for_translation(locales["pl"])  # a draft, being translated
    polish_outcome.save_revision()

    publish(outcome, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["english@example.org"]]  # Polish readers wait for Polish

    publish(ConsultationOutcomePage.objects.get(pk=polish_outcome.pk), django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["english@example.org"], ["polish@example.org"]]
    polish_url = ConsultationOutcomePage.objects.get(pk=polish_outcome.pk).get_full_url()
    assert "/pl/" in polish_url and polish_url in mail.outbox[1].body


def test_unsubscribing_needs_a_confirmation(client, closed):
    response = answer(closed, "Yes", "agree", email="resident@example.org")
    url = f"{closed.url}outcome-email/stop/{unsubscribe_token(response)}/"

    page = client.get(url)  # what a mail scanner does
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert BeautifulSoup(page.content, "html.parser").find("button", string="Delete my email address")
    response.refresh_from_db()
    assert response.outcome_email == "resident@example.org"

    done = client.post(url)
    assert "Your email address has been deleted" in done.content.decode()
    response.refresh_from_db()
    assert response.outcome_email == ""
    assert response.answers  # the response still counts


def test_a_forged_or_foreign_unsubscribe_link_does_nothing(client, hub, closed):
    response = answer(closed, "Yes", "agree", email="resident@example.org")
    other = make_consultation(hub, now() - 30 * DAY, now() - DAY, title="Other", slug="other")
    token = unsubscribe_token(response)
    assert client.post(f"{closed.url}outcome-email/stop/{token[:-2]}xx/").status_code == 404
    assert client.post(f"{other.url}outcome-email/stop/{token}/").status_code == 404
    response.refresh_from_db()
    assert response.outcome_email == "resident@example.org"


def test_email_addresses_are_never_logged(closed, caplog, django_capture_on_commit_callbacks):
    answer(closed, "Yes", "agree", email="english@example.org")
    outcome = make_outcome(closed, publish=False)
    with caplog.at_level("DEBUG"):
        publish(outcome, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert "english@example.org" not in caplog.text


def test_nothing_is_sent_for_an_outcome_of_a_consultation_that_has_not_closed(hub):
    from consultations.outcomes import send_outcome_emails_now

    consultation = make_consultation(hub, now() - DAY, now() + DAY)
    answer(consultation, "Yes", "agree", email="english@example.org")
    outcome = make_outcome(consultation, publish=False)
    # Even a live outcome (an editor moved the closing date after publishing) sends nothing early.
    ConsultationOutcomePage.objects.filter(pk=outcome.pk).update(live=True)
    assert send_outcome_emails_now(outcome.pk) == 0
    assert mail.outbox == []


def test_a_batch_that_cannot_be_sent_is_tried_again_and_no_address_is_logged(closed, caplog, monkeypatch):
    import smtplib

    from consultations import outcomes

    answer(closed, "Yes", "agree", email="english@example.org")
    outcome = make_outcome(closed, publish=False)
    outcome.save_revision().publish()  # outside a transaction's commit hook: nothing sent yet
    mail.outbox.clear()
    Response.objects.update(outcome_emailed_at=None)

    class Refusing:
        def send_messages(self, messages):
            raise smtplib.SMTPRecipientsRefused({"english@example.org": (550, b"no")})

    monkeypatch.setattr("django.core.mail.get_connection", lambda: Refusing())
    with caplog.at_level("DEBUG"), pytest.raises(OSError) as raised:
        outcomes.send_outcome_emails_now(outcome.pk)
    assert "english@example.org" not in caplog.text and "english@example.org" not in str(raised.value)
    assert Response.objects.get().outcome_emailed_at is None  # released for the next attempt

    monkeypatch.undo()
    assert outcomes.send_outcome_emails_now(outcome.pk) == 1
    assert mail.outbox[0].to == ["english@example.org"]


def test_a_preview_while_the_consultation_is_open_shows_no_figures(hub):
    consultation = make_consultation(hub, now() - DAY, now() + 7 * DAY)
    answer(consultation, "Yes", "agree")
    draft = make_outcome(consultation, publish=False)

    html = BeautifulSoup(draft.make_preview_request().render().content, "html.parser")

    assert html.find("figure") is None and html.find("table") is None
    assert "The results are shown here once the consultation has closed." in html.get_text()
    assert "1 response" not in html.get_text()
