"""The final submit as the embedded set-up runs it: the file cache counts the rate limit, and the
response, the receipt in the session and the dropped answers are stored together."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches

from consultations.journey import RECEIPTS_KEY
from consultations.models import Response
from tests.test_consultation_journey import completed_draft, consultation  # noqa: F401 - fixture


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    yield caches["default"]
    caches["default"].clear()


def test_rate_limit_with_the_file_cache(client, consultation, settings, file_cache):  # noqa: F811
    settings.PKOFFER_RESPONSES_PER_10_MINUTES = 2
    statuses = []
    for _ in range(3):
        token = completed_draft(client, consultation)
        statuses.append(client.post(f"{consultation.url}check-your-answers/", {"token": token}).status_code)
    assert statuses == [302, 302, 429]
    assert Response.objects.count() == 2


def test_the_receipt_and_the_dropped_answers_are_saved_with_the_response(client, consultation):  # noqa: F811
    token = completed_draft(client, consultation)
    sent = client.post(f"{consultation.url}check-your-answers/", {"token": token})
    reference = Response.objects.get().reference
    assert sent["Location"].endswith(f"/received/{reference}/")
    stored = Session.objects.get(session_key=client.session.session_key).get_decoded()
    assert stored[RECEIPTS_KEY] == [reference]
    assert not any(key.startswith("consultation:") for key in stored)  # the answers left the session
    assert client.get(sent["Location"]).status_code == 200
