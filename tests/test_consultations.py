"""Consultations groundwork: status from dates, stable question and option ids, one source."""

import datetime

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.utils import timezone

from consultations.models import ConsultationIndexPage, ConsultationPage, new_reference


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Consultations"
    slug = "consultations"

    class Meta:
        model = ConsultationIndexPage


DEFAULT_SECTIONS = [
    {
        "type": "section",
        "value": {
            "title": "Your views",
            "intro": "",
            "questions": [
                {
                    "type": "single_choice",
                    "value": {
                        "label": "Do you agree with the vision?",
                        "help_text": "",
                        "required": True,
                        "options": ["Yes", "No", "Not sure"],
                    },
                },
                {"type": "likert", "value": {"label": "Kindness matters", "help_text": "", "required": True}},
            ],
        },
    }
]


def make_consultation(parent, opens, closes, **kwargs):
    """A published consultation under `parent` (a hub), with DEFAULT_SECTIONS unless given `sections`."""
    page = ConsultationPage(
        title=kwargs.pop("title", "The proposed vision"),
        slug=kwargs.pop("slug", "proposed-vision"),
        opens_at=opens,
        closes_at=closes,
        sections=kwargs.pop("sections", DEFAULT_SECTIONS),
        **kwargs,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


@pytest.fixture
def hub(home):
    return ConsultationIndexPageFactory(parent=home)


def now():
    return timezone.now()


def test_status_follows_the_dates(hub):
    day = datetime.timedelta(days=1)
    consultation = make_consultation(hub, now() - day, now() + day)
    assert consultation.status == ConsultationPage.OPEN
    assert consultation.status_at(now() - 2 * day) == ConsultationPage.FORTHCOMING
    assert consultation.status_at(consultation.closes_at) == ConsultationPage.CLOSED


def test_closing_must_follow_opening(hub):
    from django.core.exceptions import ValidationError

    page = ConsultationPage(title="x", slug="x", opens_at=now(), closes_at=now() - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "closes_at" in error.value.message_dict


def option_ids(consultation):
    (question,) = [q for q in consultation.questions() if q[2] == "single_choice"]
    return question[1], [item.id for item in question[3]["options"].bound_blocks]


def test_question_and_option_ids_survive_editing_the_wording_and_reordering(hub):
    consultation = make_consultation(hub, now(), now() + datetime.timedelta(days=7))
    question_id, ids = option_ids(consultation)
    assert question_id and all(ids)

    # An editor rewords the question, renames an option and moves the options around.
    raw = consultation.sections.raw_data
    question = raw[0]["value"]["questions"][0]
    question["value"]["label"] = "How far do you agree with the vision?"
    options = question["value"]["options"]
    options[0]["value"] = "Yes, I agree"
    options.reverse()
    consultation.sections = raw
    consultation.save_revision().publish()

    edited = ConsultationPage.objects.get(pk=consultation.pk)
    new_question_id, new_ids = option_ids(edited)
    assert new_question_id == question_id
    assert sorted(new_ids) == sorted(ids) and new_ids == list(reversed(ids))


def test_translations_keep_the_ids_and_answer_into_the_source(hub, locales):
    consultation = make_consultation(hub, now(), now() + datetime.timedelta(days=7))
    home = hub.get_parent()
    home.copy_for_translation(locales["pl"]).save_revision().publish()
    hub.copy_for_translation(locales["pl"]).save_revision().publish()
    polish = consultation.copy_for_translation(locales["pl"])
    polish.save_revision().publish()
    polish = ConsultationPage.objects.get(pk=polish.pk)
    assert option_ids(polish) == option_ids(consultation)
    assert polish.get_source() == consultation
    assert consultation.get_source() == consultation


def test_hub_groups_consultations_by_status(client, hub):
    day = datetime.timedelta(days=1)
    make_consultation(hub, now() - day, now() + day, title="Open one", slug="open-one")
    make_consultation(hub, now() + day, now() + 2 * day, title="Coming one", slug="coming-one")
    make_consultation(hub, now() - 3 * day, now() - 2 * day, title="Closed one", slug="closed-one")
    html = BeautifulSoup(client.get(hub.url).content, "html.parser")
    for heading, title in [
        ("open-heading", "Open one"),
        ("forthcoming-heading", "Coming one"),
        ("closed-heading", "Closed one"),
    ]:
        section = html.find("section", attrs={"aria-labelledby": heading})
        assert [a.get_text(strip=True) for a in section.select("h3 a")] == [title]


def test_dates_are_shown_in_uk_time(client, hub):
    summer = datetime.datetime(2026, 7, 1, 9, 0, tzinfo=datetime.UTC)  # 10:00 BST
    consultation = make_consultation(hub, summer, summer + datetime.timedelta(days=30))
    html = BeautifulSoup(client.get(consultation.url).content, "html.parser")
    opens = html.find("dt", string="Opens").find_next("time")
    assert opens.get_text(strip=True) == "1 July 2026, 10:00"


def test_references_are_short_and_unambiguous():
    references = {new_reference() for _ in range(500)}
    assert len(references) == 500
    assert all(len(r) == 8 and not set(r) & set("0O1IL") for r in references)


def test_home_page_lists_open_consultations_only(client, hub):
    day = datetime.timedelta(days=1)
    make_consultation(hub, now() - day, now() + day, title="Open one", slug="open-one")
    make_consultation(hub, now() + day, now() + 2 * day, title="Coming one", slug="coming-one")
    html = BeautifulSoup(client.get("/").content, "html.parser")
    section = html.find("section", attrs={"aria-labelledby": "consultations-heading"})
    assert [a.get_text(strip=True) for a in section.select("h3 a")] == ["Open one"]
