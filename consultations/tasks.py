"""Background tasks of consultations (Django's tasks framework, as Wagtail 7.4 uses it).

Dev and tests run a task at once in the process that enqueues it (ImmediateBackend); production
stores it in the database for `manage.py db_worker` (django-tasks-db, TASKS_BACKEND=database).
Everything a task gets is JSON: no model instance, no lazy string.
"""

import datetime

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task


@task()
def send_draft_link(address, language, message):
    """The "Save and come back later" email: the link, the code and the expiry, in the resident's
    language. `message`: title, code, expires_at (ISO 8601), resume_url and link. The address is
    used for this one message and stored nowhere else (the database queue keeps the task until
    `manage.py prune_db_task_results` removes it)."""
    context = {
        "page": {"title": message["title"]},
        "code": message["code"],
        "expires_at": datetime.datetime.fromisoformat(message["expires_at"]),
        "resume_url": message["resume_url"],
        "link": message["link"],
    }
    with translation.override(language):
        subject = gettext("Your saved answers: %(title)s") % {"title": message["title"]}
        body = render_to_string("consultations/saved_email.txt", context)
    send_mail(subject, body, None, [address])


@task()
def send_outcome_emails(outcome_id):
    """The "what we did with your views" emails for a published outcome page (its id), each in the
    respondent's language with an unsubscribe link; see consultations/outcomes.py."""
    from .outcomes import send_outcome_emails_now

    return send_outcome_emails_now(outcome_id)


@task()
def remove_expired_personal_data():
    """The retention clean-up for a scheduler (the same as `manage.py remove_expired_personal_data`):
    returns what it did, as JSON."""
    from .privacy import remove_expired_personal_data as remove
    from .privacy import report_lines

    reports = remove()
    return {"consultations": len(reports), "report": report_lines(reports)}
