"""Wagtail's and Django's own pages and messages that residents see, in the resident's language.

Wagtail renders three pages for residents itself: the password form of a private page, the sign-in
form of a page private to signed-in people and the password form of a document in a private
collection. Its own templates are unstyled and Wagtail ships no Gaelic catalogue, so the site uses
its own (templates/private/) with its own strings. Form errors from Django's own fields (an invalid
email address, a number out of range, too long an answer) come from Django's catalogues, which have
Gaelic and Polish: the tests check they reach residents translated.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from consultations.models import ConsultationPage
from tests.factories import StandardPageFactory
from tests.test_consultations import ConsultationIndexPageFactory

WAGTAIL_WRONG_PASSWORD = "The password you have entered is not correct. Please try again."
OUR_WRONG_PASSWORD = "The password is not right. Check it and try again."


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def in_language(lang, msgid):
    with translation.override(lang):
        return translation.gettext(msgid)


def prefix(lang):
    return "" if lang == "en" else f"/{lang}"


def test_settings_point_wagtail_at_our_templates():
    assert settings.WAGTAIL_PASSWORD_REQUIRED_TEMPLATE == "private/password_required.html"
    assert settings.WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE == "private/document_password_required.html"
    assert settings.WAGTAIL_FRONTEND_LOGIN_TEMPLATE == "private/login.html"


# --- A private page with a password -----------------------------------------------------------


@pytest.fixture
def private_pages(site_tree, locales):
    """A password-protected page in each language (English "About" and its Polish translation, a Gaelic page)."""
    gaelic = StandardPageFactory(
        parent=site_tree["homes"]["gd"], locale=locales["gd"], title="Duilleag dhìomhair", slug="diomhair"
    )
    pages = {"en": site_tree["about"], "pl": site_tree["about_pl"], "gd": gaelic}
    for page in pages.values():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="kinross")
    return {"en": "/about/", "pl": "/pl/o-ofercie/", "gd": "/gd/diomhair/", "pages": pages}


@pytest.mark.parametrize("lang", ["en", "gd", "pl"])
def test_password_form_is_ours_in_the_readers_language(client, private_pages, lang):
    response = client.get(private_pages[lang])
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == lang
    assert html.find("link", href=lambda h: h and "pkoffer.css" in h)  # the site's design, not Wagtail's bare page
    assert html.find("main").find("h1").get_text(strip=True) == in_language(lang, "Password required")
    assert html.find("label", attrs={"for": "id_password"}).get_text(strip=True) == in_language(lang, "Password")
    assert html.select_one("main button[type=submit]").get_text(strip=True) == in_language(lang, "Continue")
    form = html.select_one("main form")
    page = private_pages["pages"][lang]
    assert form["action"].startswith(f"{prefix(lang)}/_util/authenticate_with_password/")
    assert form["action"].endswith(f"/{page.pk}/")
    # Nothing of the private page leaks: not its title, summary, breadcrumbs or sharing metadata.
    # (A link to it in the site's own navigation is not a leak: it is on every page.)
    assert page.title not in html.title.get_text() and page.title not in html.find("main").get_text()
    assert page.summary not in response.content.decode()
    assert html.find("meta", attrs={"property": "og:title"}) is None
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert html.find("nav", attrs={"class": "ds_breadcrumbs"}) is None


@pytest.mark.parametrize("lang", ["en", "gd", "pl"])
def test_wrong_password_message_is_ours(client, private_pages, lang):
    html = soup(client.get(private_pages[lang]))
    form = html.select_one("main form")
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    response = client.post(form["action"], {**fields, "password": "perth"})
    text = response.content.decode()
    assert response.status_code == 200
    assert WAGTAIL_WRONG_PASSWORD not in text
    expected = in_language(lang, OUR_WRONG_PASSWORD)
    summary = soup(response).select_one(".ds_error-summary")
    assert summary.find("a", href="#id_password").get_text(strip=True) == expected
    assert soup(response).find("input", id="id_password")["aria-invalid"] == "true"
    # The right password opens the page.
    response = client.post(form["action"], {**fields, "password": "kinross"})
    assert response.status_code == 302 and response["Location"] == private_pages[lang]
    opened = soup(client.get(private_pages[lang]))
    assert opened.find("main").find("h1").get_text(strip=True) == private_pages["pages"][lang].title


# --- A page for signed-in people ----------------------------------------------------------------


@pytest.fixture
def members_only(site_tree, django_user_model):
    PageViewRestriction.objects.create(page=site_tree["about_pl"], restriction_type=PageViewRestriction.LOGIN)
    django_user_model.objects.create_user("resident", "resident@example.org", "a-long-enough-password")
    return "/pl/o-ofercie/"


@pytest.mark.parametrize("lang", ["gd", "pl"])
def test_sign_in_page_is_ours_in_the_readers_language(client, members_only, lang):
    response = client.get(members_only)
    assert response.status_code == 302
    assert response["Location"].startswith("/pl/_util/login/?next=")
    login = f"{prefix(lang)}/_util/login/?next={members_only}"
    html = soup(client.get(login))
    assert html.html["lang"] == lang
    assert html.find("main").find("h1").get_text(strip=True) == in_language(lang, "Sign in")
    assert html.find("label", attrs={"for": "id_username"}).get_text(strip=True) == in_language(lang, "Username")
    assert html.find("input", attrs={"name": "next"})["value"] == members_only
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize(
    ("lang", "wrong_login", "required"),
    [
        ("gd", "Cuir a-steach ainm-cleachdaiche agus facal-faire ceart.", "Tha an raon seo riatanach."),
        ("pl", "Wprowadź poprawne wartości pól nazwa użytkownika oraz hasło.", "To pole jest wymagane."),
    ],
)
def test_sign_in_errors_come_from_djangos_catalogue_in_the_readers_language(
    client, members_only, lang, wrong_login, required
):
    login = f"{prefix(lang)}/_util/login/"
    response = client.post(login, {"username": "resident", "password": "wrong", "next": members_only})
    summary = soup(response).select_one(".ds_error-summary").get_text(" ", strip=True)
    assert wrong_login in summary
    assert "Please enter a correct" not in summary
    response = client.post(login, {"username": "", "password": "", "next": members_only})
    errors = [p.get_text(" ", strip=True) for p in soup(response).select(".ds_question__error-message")]
    assert len(errors) == 2 and all(required in error for error in errors)
    response = client.post(login, {"username": "resident", "password": "a-long-enough-password", "next": members_only})
    assert response.status_code == 302 and response["Location"] == members_only
    assert client.get(members_only).status_code == 200


# --- A document in a private collection ----------------------------------------------------------


@pytest.fixture
def private_document(db):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="kinross"
    )
    document = get_document_model()(title="Draft budget", collection=collection)
    document.file.save("draft-budget.csv", ContentFile(b"line,amount\n"), save=False)
    document.save()
    return document


def test_document_password_form_is_ours_in_every_language(client, site_tree, private_document):
    """Document addresses have no language prefix: the page gives its words in every site language."""
    response = client.get(private_document.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "en"
    main = html.find("main")
    message = (
        "You need a password to open this document. The people who gave you its address can give you the password."
    )
    for lang in ("en", "gd", "pl"):
        spans = main.find("h1").find_all(attrs={"lang": lang})
        assert [s.get_text(strip=True) for s in spans] == [in_language(lang, "Password required")]
        assert main.find("p", attrs={"lang": lang}).get_text(strip=True) == in_language(lang, message)
        label = main.find("label", attrs={"for": "id_password"})
        assert label.find(attrs={"lang": lang}).get_text(strip=True) == in_language(lang, "Password")
    assert "Draft budget" not in response.content.decode()
    # A wrong password: the error in every language too.
    form = main.find("form")
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    response = client.post(form["action"], {**fields, "password": "perth"})
    summary = soup(response).select_one(".ds_error-summary")
    assert WAGTAIL_WRONG_PASSWORD not in response.content.decode()
    for lang in ("gd", "pl"):
        assert summary.find("a").find(attrs={"lang": lang}).get_text(strip=True) == in_language(
            lang, OUR_WRONG_PASSWORD
        )
    response = client.post(form["action"], {**fields, "password": "kinross"})
    assert response.status_code == 302
    assert client.get(private_document.url).status_code == 200


# --- Django's own form errors in a consultation --------------------------------------------------


@pytest.fixture
def consultation(site_tree, locales):
    hub = ConsultationIndexPageFactory(parent=site_tree["homes"]["en"])
    page = ConsultationPage(
        title="About you",
        slug="about-you",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=30),
        sections=[
            {
                "type": "section",
                "value": {
                    "title": "About you",
                    "intro": "",
                    "questions": [
                        {"type": "email", "value": {"label": "Email", "help_text": "", "required": False}},
                        {
                            "type": "number",
                            "value": {
                                "label": "People in your home",
                                "help_text": "",
                                "required": False,
                                "min_value": 1,
                                "max_value": 20,
                            },
                        },
                        {
                            "type": "long_text",
                            "value": {"label": "Anything else", "help_text": "", "required": False, "max_length": 50},
                        },
                    ],
                },
            }
        ],
    )
    hub.add_child(instance=page)
    page.save_revision().publish()
    urls = {"en": page.url}
    for code in ("gd", "pl"):
        hub.copy_for_translation(locales[code]).save_revision().publish()
        copy = page.copy_for_translation(locales[code])
        copy.save_revision().publish()
        urls[code] = ConsultationPage.objects.get(pk=copy.pk).url
    question_ids = [q.id for section in page.sections for q in section.value["questions"]]
    return {"urls": urls, "ids": question_ids}


@pytest.mark.parametrize("lang", ["gd", "pl"])
def test_djangos_field_errors_reach_residents_translated(client, consultation, lang):
    email, number, text = consultation["ids"]
    url = f"{consultation['urls'][lang]}step/1/"
    client.get(url)
    response = client.post(url, {email: "not-an-address", number: "0", text: "x" * 51})
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == lang
    errors = [p.get_text(" ", strip=True) for p in html.select(".ds_question__error-message")]
    expected = [
        in_language(lang, "Enter a valid email address."),
        in_language(lang, "Ensure this value is greater than or equal to %(limit_value)s.") % {"limit_value": 1},
    ]
    django_plural = translation.ngettext  # by another name, so makemessages leaves Django's message to Django
    with translation.override(lang):
        expected.append(
            django_plural(
                "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
                "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                50,
            )
            % {"limit_value": 50, "show_value": 51}
        )
    for message in expected:
        assert any(message in error for error in errors), (message, errors)
    english = " ".join(errors)
    for msgid in ("Enter a valid email address", "Ensure this value", "at most"):
        assert msgid not in english, f"{msgid!r} shown in English to a {lang} resident: {errors}"
