"""The demo's consultations in Gaelic and Polish, made through wagtail-localize, as residents see them.

The demo is loaded once for this module (loading it takes a while) inside a transaction that is
rolled back at the end; each test runs in its own savepoint inside it, as usual.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from django.utils.translation import ngettext
from wagtail.models import Locale

from consultations.demo_translations import STRINGS
from consultations.models import ConsultationIndexPage, ConsultationPage, Response
from home.demo_translations import STRINGS as SITE_STRINGS

VISION_SLUG = "proposed-vision-and-principles"

# What a resident sees, in each language (a few specific strings of each kind).
SEEN = {
    "pl": {
        "hub": ("/pl/konsultacje/", "Konsultacje"),
        "url": "/pl/konsultacje/proponowana-wizja-i-zasady/",
        "title": "Proponowana wizja i zasady",
        "page": [
            "Czy wizja, cztery zasady i priorytety odpowiadają temu, co jest dla Ciebie ważne?",
            "Liczba odpowiedzi na etapie rozpoznania (Discover)",  # the supporting document's link
            "Każda osoba, która mieszka, pracuje lub uczy się w Perth and Kinross",
            "Zespół Oferty czyta każdą odpowiedź.",
        ],
        "step1": [
            "Proponowana wizja",
            "Wizja opisuje takie Perth and Kinross, w jakim chcę mieszkać",
            "W jakim stopniu zgadzasz się z każdą z proponowanych zasad?",
            "Te cztery zasady mają wyznaczać kierunek współpracy rady ze społecznościami lokalnymi.",
            "Co Twoim zdaniem należałoby zmienić w wizji i dlaczego?",
        ],
        "statements": ["Odważna wizja", "Umożliwianie", "Partnerstwo", "Życzliwość"],
        "forthcoming": "Przekazywanie mienia społecznościom (Community Asset Transfer): jak to ułatwić",
        "closed": "Etap rozpoznania: jak pandemia wpłynęła na Twoje życie?",
    },
    "gd": {
        "hub": ("/gd/co-chomhairlean/", "Co-chomhairlean"),
        "url": "/gd/co-chomhairlean/an-leirsinn-agus-na-prionnsapalan/",
        "title": "An lèirsinn agus na prionnsapalan a thathar a' moladh",
        "page": [
            "A bheil an lèirsinn, na ceithir prionnsapalan agus na prìomhachasan a' sealltainn na tha cudromach dhuibh?",
            "Àireamhan nam freagairtean bho ìre an Rannsachaidh",
            "Duine sam bith a tha a' fuireach, ag obair no ag ionnsachadh ann am Peairt agus Ceann Rois",
            "Bidh sgioba na Tairgse a' leughadh gach freagairt.",
        ],
        "step1": [
            "An lèirsinn a thathar a' moladh",
            "Tha an lèirsinn a' toirt dealbh air Peairt agus Ceann Rois far am bu toil leam fuireach",
            "Dè cho mòr 's a tha sibh ag aontachadh ris gach prionnsapal a thathar a' moladh?",
            "Dè a dh'atharraicheadh sibh anns an lèirsinn, agus carson?",
        ],
        "statements": ["Lèirsinn dhàna", "Comasachadh", "Com-pàirteachas", "Coibhneas"],
        "forthcoming": "Gluasad so-mhaoin gu coimhearsnachdan (Community Asset Transfer): ga dhèanamh nas fhasa",
        "closed": "Rannsachadh: dè a' bhuaidh a thug an galar lèir-sgaoilte oirbh?",
    },
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def vision(demo, db):
    return ConsultationPage.objects.get(slug=VISION_SLUG, locale__language_code="en")


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").find("main")


def words(main):
    return " ".join(main.get_text(" ", strip=True).split())


def structure(consultation):
    """Every block id a response can refer to: steps, questions, options and matrix statements."""
    ids = []
    for section in consultation.sections:
        ids.append(("step", section.id))
        for question in section.value["questions"]:
            ids.append(("question", question.id))
            for key in ("options", "statements"):
                if key in question.value:
                    ids.extend((key, item.id) for item in question.value[key].bound_blocks)
    return ids


def english_texts(consultation):
    """{block id: English text} for every label, hint, option and statement."""
    texts = {}
    for section in consultation.sections:
        texts[f"{section.id}.title"] = section.value["title"]
        texts[f"{section.id}.intro"] = section.value["intro"]
        for question in section.value["questions"]:
            texts[f"{question.id}.label"] = question.value["label"]
            texts[f"{question.id}.help_text"] = question.value["help_text"]
            for key in ("options", "statements"):
                if key in question.value:
                    texts.update({item.id: item.value for item in question.value[key].bound_blocks})
    return {key: text for key, text in texts.items() if text}


@pytest.mark.parametrize("code", ["pl", "gd"])
def test_residents_read_the_consultations_in_their_language(client, vision, code):
    seen = SEEN[code]
    hub_url, hub_title = seen["hub"]
    hub = html_of(client, hub_url)
    assert hub.find("h1").get_text(strip=True) == hub_title
    listed = [a.get_text(strip=True) for a in hub.select(".pk_consultation-list h3 a")]
    assert listed == [seen["title"], seen["forthcoming"], seen["closed"]]  # open, forthcoming, closed
    assert hub.find("a", string=seen["title"])["href"] == seen["url"]

    page = html_of(client, seen["url"])
    assert page.find("h1").get_text(strip=True) == seen["title"]
    for text in seen["page"]:
        assert text in words(page)
    assert page.find("a", href=f"{seen['url']}step/1/")

    step = html_of(client, f"{seen['url']}step/1/")
    text = words(step)
    for expected in seen["step1"]:
        assert expected in text
    # The matrix statements, each a group of radio buttons with the translated scale.
    legends = [legend.get_text(strip=True) for legend in step.find_all("legend")]
    for statement in seen["statements"]:
        assert statement in legends
    # Nothing the editor wrote for step 1 is left in English.
    first = next(iter(vision.sections))
    assert first.value["title"] == "The proposed vision"
    step1_english = [first.value["title"], first.value["intro"]]
    for question in first.value["questions"]:
        step1_english += [question.value["label"], question.value["help_text"]]
        step1_english += list(question.value.get("statements", []))
    for english in filter(None, step1_english):
        assert english not in text


@pytest.mark.parametrize("code", ["pl", "gd"])
def test_translations_keep_the_english_block_ids(vision, code):
    translated = vision.get_translation(Locale.objects.get(language_code=code))
    assert structure(translated) == structure(vision)
    assert len(structure(vision)) > 40
    # Every text is translated, block by block (a different wording under the same id).
    english, translated_texts = english_texts(vision), english_texts(translated)
    assert english.keys() == translated_texts.keys()
    for key, text in english.items():
        assert translated_texts[key] == STRINGS.get(text, SITE_STRINGS.get(text))[code], text
    # The conditional step follows the English question and option ids in every language.
    assert translated.step_conditions == vision.step_conditions != {}
    hub = ConsultationIndexPage.objects.get(locale__language_code="en")
    assert hub.get_translation(translated.locale).pk == translated.get_parent().pk
    for other in ConsultationPage.objects.child_of(hub).exclude(pk=vision.pk):
        assert structure(other.get_translation(translated.locale)) == structure(other)


def ids_by_label(consultation):
    """{English label: (question id, {English option or statement: id})}."""
    found = {}
    for _step, qid, _type, value in consultation.questions():
        items = {}
        for key in ("options", "statements"):
            if key in value:
                items = {item.value: item.id for item in value[key].bound_blocks}
        found[value["label"]] = (qid, items)
    return found


def test_a_polish_resident_answers_into_the_english_consultation(client, vision):
    m = ids_by_label(vision)
    url = SEEN["pl"]["url"]
    before = Response.objects.filter(consultation=vision).count()

    matrix, statements = m["How far do you agree with each proposed principle?"]
    step1 = {
        m["The vision describes the Perth and Kinross I want to live in"][0]: "agree",
        **{f"{matrix}__{sid}": "strongly-agree" for sid in statements.values()},
        m["What would you change in the vision, and why?"][0]: "Więcej połączeń autobusowych na wsi.",
    }
    focus, focus_options = m["Which of these should the Offer focus on first?"]
    rank, areas = m["Put the five key areas in order of importance to you"]
    involve, involve_options = m["Would you like to get involved in a community project?"]
    step2 = {
        focus: [focus_options["Poverty"], focus_options["Rural transport"]],
        **{f"{rank}__{oid}": str(n) for n, oid in enumerate(areas.values(), start=1)},
        involve: involve_options["Yes"],
        m["How useful is this website to you?"][0]: "4",
    }
    help_, help_options = m["How would you like to help?"]
    step3 = {help_: [help_options["Volunteering with a local group"]]}
    age, ages = m["Your age"]
    step4 = {m["Your postcode"][0]: "ph2 8ng", age: ages["25 to 44"]}

    response = client.post(f"{url}step/1/", step1)
    assert response.status_code == 302 and response["Location"] == f"{url}step/2/"
    step2_html = words(html_of(client, f"{url}step/2/"))
    for option in ("Transport na terenach wiejskich", "Wykluczenie cyfrowe i dostęp do internetu", "Równość szans"):
        assert option in step2_html
    assert "Czy chcesz włączyć się w lokalny projekt społeczny? Tak Może Nie" in step2_html
    response = client.post(f"{url}step/2/", step2)
    # "Tak" is the English "Yes" option: the step shown only to residents who want to help follows.
    assert response["Location"] == f"{url}step/3/"
    assert "W jaki sposób chcesz pomóc?" in words(html_of(client, f"{url}step/3/"))
    assert client.post(f"{url}step/3/", step3)["Location"] == f"{url}step/4/"
    step4_html = words(html_of(client, f"{url}step/4/"))
    assert "Informacje o Tobie" in step4_html and "25–44 lata" in step4_html
    assert client.post(f"{url}step/4/", step4)["Location"] == f"{url}check-your-answers/"

    check = html_of(client, f"{url}check-your-answers/")
    summary = {dt.get_text(strip=True): dt.find_next("dd").get_text(" ", strip=True) for dt in check.select("dt")}
    assert summary["Czym Oferta powinna zająć się w pierwszej kolejności?"] == "Ubóstwo Transport na terenach wiejskich"
    assert summary["Twój wiek"] == "25–44 lata"
    token = check.find("input", attrs={"name": "token"})["value"]
    sent = client.post(f"{url}check-your-answers/", {"token": token})
    assert sent.status_code == 302 and sent["Location"].startswith(f"{url}received/")

    assert Response.objects.filter(consultation=vision).count() == before + 1
    stored = Response.objects.get(idempotency_key=token)
    assert stored.consultation_id == vision.pk and stored.consultation.locale.language_code == "en"
    assert stored.language == "pl"
    assert stored.answers[involve] == involve_options["Yes"]
    assert stored.answers[focus] == [focus_options["Poverty"], focus_options["Rural transport"]]
    assert stored.answers[matrix] == dict.fromkeys(statements.values(), "strongly-agree")
    assert stored.answers[help_] == [help_options["Volunteering with a local group"]]
    # Labels are kept in the source language, for the staff views and exports.
    assert stored.labels[involve] == "Would you like to get involved in a community project?"


# --- The closed survey's outcome (issue 8) ---------------------------------------------------------
OUTCOME_SEEN = {
    "en": ("We asked", "How the pandemic affected people", ["Isolation, loneliness or low mood", "Poverty"]),
    "pl": (
        "Jak pandemia wpłynęła na ludzi",
        "Jak pandemia wpłynęła na ludzi",
        ["Izolacja, samotność lub przygnębienie", "Ubóstwo"],
    ),
    "gd": (
        "A' bhuaidh a thug an galar lèir-sgaoilte air daoine",
        "A' bhuaidh a thug an galar lèir-sgaoilte air daoine",
        ["Aonaranachd, cianalas no trom-inntinn", "Bochdainn"],
    ),
}


@pytest.mark.parametrize("code", ["en", "pl", "gd"])
def test_the_closed_surveys_outcome_is_published_in_every_language_with_charts(client, demo, db, code):
    from consultations.models import ConsultationOutcomePage

    outcome = ConsultationOutcomePage.objects.live().get(locale__language_code=code)
    main = html_of(client, outcome.url)
    _first, heading, options = OUTCOME_SEEN[code]
    figures = main.select("figure")
    assert len(figures) == 3  # one per results chart, each with its table
    assert all(figure.find("svg") and figure.find("table") for figure in figures)
    assert figures[0].find("h3").get_text(strip=True) == heading
    table_labels = [th.get_text(strip=True) for f in figures for th in f.select("tbody th")]
    assert set(options) <= set(table_labels)  # option labels in the page's language
    source = ConsultationPage.objects.get(slug="discover-phase-survey")
    count = Response.objects.filter(consultation=source).count()
    with translation.override(code):
        expected = ngettext(
            "%(number)s response, from every language and channel.",
            "%(number)s responses, from every language and channel.",
            count,
        ) % {"number": count}
    assert main.select_one(".pk_outcome-count").get_text(" ", strip=True) == expected  # in the page's language
    # The hub in that language tags the closed survey and links to this outcome.
    hub = ConsultationIndexPage.objects.get(locale__language_code=code)
    assert html_of(client, hub.url).find("a", href=outcome.url) is not None
