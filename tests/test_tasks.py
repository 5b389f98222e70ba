"""Background tasks: the "Save and come back later" email is a task queued only after the
transaction commits; production stores tasks in the database for `manage.py db_worker`."""

import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from consultations import resume
from tests.factories import HomePageFactory

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class Rollback(Exception):
    pass


def draft_context():
    page = HomePageFactory.build(title="Our parks")
    return {
        "page": page,
        "code": "ABCD EFGH JKMN",
        "expires_at": timezone.now() + datetime.timedelta(days=28),
        "resume_url": "http://testserver/consultations/parks/resume/",
        "link": "http://testserver/consultations/parks/resume/ABCDEFGHJKMN/",
    }


def test_the_email_is_sent_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        resume.send_link("resident@example.org", "en", draft_context())
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["resident@example.org"]
    assert message.subject == "Your saved answers: Our parks"
    assert "http://testserver/consultations/parks/resume/ABCDEFGHJKMN/" in message.body
    assert "ABCD EFGH JKMN" in message.body


def test_no_email_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as queued, pytest.raises(Rollback), transaction.atomic():
        resume.send_link("resident@example.org", "en", draft_context())
        raise Rollback

    assert queued == []
    assert mail.outbox == []


def test_the_email_in_the_residents_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        resume.send_link("resident@example.org", "pl", draft_context())

    assert mail.outbox[0].subject == "Twoje zapisane odpowiedzi: Our parks"


@override_settings(TASKS=DATABASE_QUEUE)
def test_production_queue_keeps_the_email_for_the_worker(django_capture_on_commit_callbacks, monkeypatch):
    # The worker's own SQLite "BEGIN EXCLUSIVE" cannot nest inside the test's transaction; a
    # savepoint stands in for it (on PostgreSQL the worker uses a plain atomic block anyway).
    monkeypatch.setattr(db_worker, "exclusive_transaction", lambda using=None: transaction.atomic(using=using))
    # Between tasks the worker closes connections left in a transaction: here, the test's own.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    with django_capture_on_commit_callbacks(execute=True):
        resume.send_link("resident@example.org", "en", draft_context())

    # Queued in the database, not sent by the web process.
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "consultations.tasks.send_draft_link"
    assert queued.status == "READY"

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["resident@example.org"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_production_settings_use_the_database_queue():
    """Production stores tasks for the worker unless TASKS_BACKEND says otherwise."""
    code = (
        "from django.conf import settings; import django; django.setup(); print(settings.TASKS['default']['BACKEND'])"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
        "PYTHONPATH": os.pathsep.join([str(settings.BASE_DIR), str(settings.BASE_DIR / "site")]),
    }
    environment.pop("TASKS_BACKEND", None)
    found = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "django_tasks_db.DatabaseBackend"
    immediate = {**environment, "TASKS_BACKEND": "immediate"}
    found = subprocess.run([sys.executable, "-c", code], env=immediate, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "django_tasks.backends.immediate.ImmediateBackend"
