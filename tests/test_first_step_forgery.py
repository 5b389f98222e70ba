"""A consultation's first step, embedded in cached public pages, is protected by a same-origin check
instead of a per-visitor CSRF token (consultations/csrf.py); later steps keep the token."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.test import Client

from consultations.models import Response
from tests.factories import StandardPageFactory
from tests.test_consultation_journey import consultation, step1_data  # noqa: F401 - fixture


@pytest.fixture
def vision(consultation, home, settings):  # noqa: F811
    settings.PKOFFER_PAGE_CACHE_SECONDS = 300
    return StandardPageFactory(parent=home, slug="vision", body=[("consultation", {"consultation": consultation})])


def browser():
    """A browser that enforces CSRF as a real one is checked (the test client skips it by default)."""
    return Client(enforce_csrf_checks=True)


def test_the_embedded_first_step_is_cached_without_a_token_or_cookie(vision):
    first, second = browser().get(vision.url), browser().get(vision.url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    for response in (first, second):
        form = BeautifulSoup(response.content, "html.parser").select_one(".pk_consultation-embed form")
        assert form is not None and form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None
        assert not response.cookies and not response.has_header("Set-Cookie")
        assert "public" in response["Cache-Control"]


def post_first_step(consultation, **headers):  # noqa: F811
    client = browser()
    response = client.post(f"{consultation.url}step/1/", step1_data(consultation), **headers)
    return client, response


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_REFERER": "https://evil.example/page/"},
        {},
    ],
    ids=["other-origin", "null-origin", "cross-site-fetch", "same-site-fetch", "other-referer", "no-header"],
)
def test_a_first_step_sent_from_another_site_is_refused_and_stores_nothing(vision, consultation, headers):  # noqa: F811
    client, response = post_first_step(consultation, **headers)
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert not response.cookies and Session.objects.count() == 0 and Response.objects.count() == 0
    # nothing was kept: step 2 still sends the resident back to step 1
    assert client.get(f"{consultation.url}step/2/")["Location"].endswith("/step/1/")


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_REFERER": "http://testserver/vision/"},
    ],
    ids=["origin", "sec-fetch-site", "referer"],
)
def test_a_first_step_sent_from_this_site_continues_without_a_token(vision, consultation, headers):  # noqa: F811
    client, response = post_first_step(consultation, **headers)
    assert response.status_code == 302 and response["Location"].endswith("/step/2/")
    step2 = client.get(response["Location"])
    assert step2.status_code == 200 and "private" in step2["Cache-Control"]


def test_a_trusted_origin_behind_a_proxy_is_accepted(vision, consultation, settings):  # noqa: F811
    settings.CSRF_TRUSTED_ORIGINS = ["https://offer.pkc.gov.uk"]
    _client, response = post_first_step(consultation, HTTP_ORIGIN="https://offer.pkc.gov.uk")
    assert response.status_code == 302


def test_later_steps_still_need_the_token_even_from_this_site(vision, consultation):  # noqa: F811
    client, response = post_first_step(consultation, HTTP_ORIGIN="http://testserver")
    step2_url = response["Location"]
    page = BeautifulSoup(client.get(step2_url).content, "html.parser")
    token = page.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    refused = client.post(step2_url, {}, HTTP_ORIGIN="http://testserver")
    assert refused.status_code == 403 and "Your form could not be sent" in refused.content.decode()
    accepted = client.post(step2_url, {"csrfmiddlewaretoken": token}, HTTP_ORIGIN="http://testserver")
    assert accepted.status_code == 200  # the step's own validation errors: past the CSRF check
    assert "There is a problem" in accepted.content.decode()
