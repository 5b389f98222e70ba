"""/healthz, the JSON request log without personal data, and what a resident sees when the database
is down."""

import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

from consultations.models import Response
from home import health
from home.logs import JsonFormatter, TextFormatter, _drop_personal_data


def test_healthz_is_ok_when_database_and_cache_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_names_a_failed_database(client, db):
    failing = mock.Mock(side_effect=OperationalError("connection refused"))
    with mock.patch.dict(health.CHECKS, {"database": failing}):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "failed"
    assert body["failed"] == ["database"]
    assert body["checks"] == {"database": "failed", "cache": "ok"}


def test_healthz_names_a_failed_cache(client, db):
    with mock.patch("home.health.cache.get", return_value=None):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["failed"] == ["cache"]


def test_healthz_with_a_real_database_failure(client, db):
    """The database's cursor itself failing, as when PostgreSQL is down."""
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["failed"] == ["database"]


@override_settings(ALLOWED_HOSTS=["pkoffer.example.org"], SECURE_SSL_REDIRECT=True)
def test_healthz_answers_a_load_balancer_probing_by_address_over_http(client, db):
    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200


# --- Logs -------------------------------------------------------------------------------------


def log_lines(caplog_records, formatter):
    return [formatter.format(record) for record in caplog_records]


def test_request_log_is_json_without_query_ip_or_form_data(client, home, caplog):
    caplog.set_level(logging.INFO, logger="pkoffer.request")
    client.get("/?q=jane@example.org&postcode=PH1+5PH", REMOTE_ADDR="203.0.113.5", HTTP_X_REQUEST_ID="abc-123")
    client.post("/search/", {"email": "jane@example.org", "answer": "my secret answer"}, REMOTE_ADDR="203.0.113.5")
    lines = [json.loads(line) for line in log_lines(caplog.records, JsonFormatter()) if '"pkoffer.request"' in line]
    assert len(lines) == 2
    get, post = lines
    assert get["path"] == "/" and get["method"] == "GET" and get["status"] == 200
    assert get["request_id"] == "abc-123"  # the proxy's id is kept, so logs of both can be joined
    assert isinstance(get["duration_ms"], float)
    assert post["path"] == "/search/" and post["status"] == 405
    assert len(post["request_id"]) == 32  # a new id when the proxy sent none
    text = "\n".join(log_lines(caplog.records, JsonFormatter()))
    for secret in ("jane", "example.org", "203.0.113.5", "PH1", "secret answer", "postcode"):
        assert secret not in text


def test_response_carries_the_request_id(client, home):
    assert client.get("/", HTTP_X_REQUEST_ID="lb-42")["X-Request-ID"] == "lb-42"
    assert len(client.get("/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]) == 32  # not echoed


def test_other_log_messages_are_scrubbed_of_emails_and_addresses():
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "failure for %s from %s", ("jane@example.org", "203.0.113.5"), None
    )
    for formatter in (JsonFormatter(), TextFormatter()):
        line = formatter.format(record)
        assert "jane@example.org" not in line and "203.0.113.5" not in line
        assert "[email]" in line and "[ip]" in line
    assert json.loads(JsonFormatter().format(record))["level"] == "WARNING"


def test_error_reports_keep_no_personal_data():
    event = {
        "request": {
            "method": "POST",
            "url": "https://pkoffer.example.org/consult/?email=jane@example.org",
            "data": {"answer": "secret"},
            "cookies": {"sessionid": "x"},
            "headers": {"X-Forwarded-For": "203.0.113.5"},
        },
        "user": {"ip_address": "203.0.113.5"},
    }
    cleaned = _drop_personal_data(event, {})
    assert cleaned["request"] == {"method": "POST", "url": "https://pkoffer.example.org/consult/"}
    assert "user" not in cleaned


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_log_format_is_chosen_by_environment(log_format, tmp_path):
    from tests.test_settings import PRODUCTION, run_manage

    env = {**PRODUCTION, "SQLITE_PATH": str(tmp_path / "db.sqlite3"), "LOG_FORMAT": log_format}
    code = "import logging; logging.getLogger('pkoffer.test').warning('hello')"
    result = run_manage("shell", "-c", code, env_overrides=env)
    assert result.returncode == 0, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    if log_format == "json":
        assert json.loads(line)["message"] == "hello"
    else:
        assert line.endswith("WARNING pkoffer.test: hello")


def test_an_unknown_log_format_stops_the_server(tmp_path):
    from tests.test_settings import PRODUCTION, run_manage

    env = {**PRODUCTION, "SQLITE_PATH": str(tmp_path / "db.sqlite3"), "LOG_FORMAT": "xml"}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text" in result.stderr


# --- Database unavailable ---------------------------------------------------------------------


def database_down():
    return mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError("database is down")
    )


@pytest.mark.parametrize("prefix,expected", [("", "Sorry, there is a problem with the service"), ("/pl", 'lang="pl"')])
def test_resident_gets_a_clear_error_page_when_the_database_is_down(db, prefix, expected, home):
    from django.test import Client

    from home.sites import forget_sites

    forget_sites()
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get(f"{prefix}/")
    assert response.status_code == 500
    html = response.content.decode()
    assert expected in html
    assert ("Try again later" in html) == (prefix == "")  # Polish when the catalogue has it
    assert "Content-Security-Policy" in response  # still served with the site's headers


def test_a_consultation_sent_while_the_database_fails_stores_nothing_and_can_be_sent_again(client, home):
    """The database fails as the response is written: the resident gets the error page, nothing is
    stored half-way, their answers are kept, and sending again once it is back stores one response."""
    import datetime

    from django.db.backends.utils import CursorWrapper
    from django.utils import timezone

    from tests.test_consultation_journey import SECTIONS, completed_draft
    from tests.test_consultations import ConsultationIndexPageFactory, make_consultation

    now = timezone.now()
    consultation = make_consultation(
        ConsultationIndexPageFactory(parent=home),
        now - datetime.timedelta(days=1),
        now + datetime.timedelta(days=30),
        sections=SECTIONS,
    )
    token = completed_draft(client, consultation)
    url = f"{consultation.url}check-your-answers/"
    real_execute = CursorWrapper.execute

    def failing_execute(self, sql, params=None):
        if "consultations_response" in sql and sql.lstrip().upper().startswith("INSERT"):
            raise OperationalError("server closed the connection unexpectedly")
        return real_execute(self, sql, params)

    client.raise_request_exception = False
    with mock.patch.object(CursorWrapper, "execute", failing_execute):
        failed = client.post(url, {"token": token})
    assert failed.status_code == 500
    assert "If you were sending a form, it may not have been received" in failed.content.decode()
    assert Response.objects.count() == 0

    sent = client.post(url, {"token": token})  # the database is back: the same answers, sent again
    assert sent.status_code == 302 and "/received/" in sent["Location"]
    assert Response.objects.count() == 1
