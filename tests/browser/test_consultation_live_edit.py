"""Issue 5, "done when": an editor renames a question and reorders and renames options on the live
consultation in the admin, and every earlier answer still reads right in the staff views and export."""

import csv
import io
from collections import Counter

import pytest

from consultations.models import ConsultationPage, Response

pytestmark = pytest.mark.browser

QUESTION = "Would you like to get involved in a community project?"
RENAMED = "Would you like to help with a community project?"


def option_ids(page, label):
    for _step, qid, _type, value in page.questions():
        if value["label"] == label:
            return qid, [(item.id, item.value) for item in value["options"].bound_blocks]
    raise AssertionError(f"no question {label!r}")


def test_renaming_and_reordering_a_live_question_keeps_every_earlier_answer(demo_site, browser, django_user_model):
    page = ConsultationPage.objects.get(slug="proposed-vision-and-principles", locale__language_code="en")
    qid, options = option_ids(page, QUESTION)
    (yes_id, _), (maybe_id, _), (no_id, _) = options
    before = Counter(r.answers.get(qid) for r in Response.objects.filter(consultation=page))
    assert before[yes_id] and before[maybe_id] and before[no_id], "the demo should have answers for every option"
    conditions_before = dict(page.step_conditions)
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = context.new_page()
    admin.goto(f"{demo_site.url}/admin/login/")
    admin.fill("#id_username", "editor")
    admin.fill("#id_password", "a-long-test-password")
    admin.click("button[type=submit]")
    admin.goto(f"{demo_site.url}/admin/pages/{page.pk}/edit/")

    # Rename the question, rename "Maybe" and move "Yes" below it, as an editor does in the form.
    name = admin.evaluate(
        "(text) => [...document.querySelectorAll(\"input[name$='-value-label']\")].find(i => i.value === text).name",
        QUESTION,
    )
    admin.fill(f"input[name='{name}']", RENAMED)
    prefix = name.removesuffix("-label")
    admin.locator(f"[data-contentpath='{maybe_id}'] input[name^='{prefix}-options-'][name$='-value']").fill(
        "Perhaps later"
    )
    admin.locator(f"[data-contentpath='{yes_id}'] button[title='Move down']").first.click()
    admin.get_by_role("button", name="More actions").click()
    admin.locator("button[name=action-publish]").click()
    admin.wait_for_url("**/admin/pages/*/")

    page.refresh_from_db()
    new_qid, new_options = option_ids(page, RENAMED)
    assert new_qid == qid
    assert new_options == [(maybe_id, "Perhaps later"), (yes_id, "Yes"), (no_id, "No")]
    # The step shown only to residents who said yes still follows the same question and option.
    assert {k: (v["question"], v["answer"]) for k, v in page.step_conditions.items()} == {
        k: (v["question"], v["answer"]) for k, v in conditions_before.items()
    }

    # Staff: the export reads every earlier answer under the new wording, with the same counts.
    export = admin.request.get(f"{demo_site.url}/admin/consultation-responses/{page.pk}/export/")
    assert export.ok
    rows = list(csv.DictReader(io.StringIO(export.text().lstrip("\ufeff"))))
    assert RENAMED in rows[0] and QUESTION not in rows[0]
    after = Counter(row[RENAMED] for row in rows)
    assert after["Yes"] == before[yes_id]
    assert after["Perhaps later"] == before[maybe_id]
    assert after["No"] == before[no_id]
    context.close()
