"""Gaelic and Polish versions of the demo's home page, "Our vision" and "Other languages and formats"
pages, site settings and navigation.

They are made through wagtail-localize, as a translator would make them in the admin: a
TranslationSource is extracted from the English object, each of its string segments gets a manual
StringTranslation from STRINGS below, and Translation.save_target() builds and publishes the
translated page or snippet. Editors then see these as ordinary wagtail-localize translations
("Sync translated pages" keeps them up to date when the English changes).

STRINGS is keyed by the English text of each segment exactly as wagtail-localize stores it:
rich text keeps its inline markup (none in these objects), line breaks in plain text fields become
<br/>. A string missing from STRINGS does not stop the load: the translation falls back to the
English text and a warning lists what is missing.

translate_objects() is the machinery; the consultations hub and consultations are translated by
it too, from their own table (consultations/demo_translations.py).
"""

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home.models import ContactPage, HomePage, Navigation, SiteSettings, StandardPage

TARGET_LANGUAGES = ("gd", "pl")

# English segment text -> {language code: translation}. Shared strings (the vision statement, the
# objectives, the principles' names) are translated once and used wherever they appear.
STRINGS = {
    # --- Names used across the site ---------------------------------------------------------
    "Perth and Kinross Offer": {
        "gd": "Tairgse Pheairt agus Cheann Rois",
        "pl": "Oferta Perth and Kinross",
    },
    "Perth and Kinross Council": {
        "gd": "Comhairle Pheairt agus Cheann Rois",
        "pl": "Rada Perth and Kinross",
    },
    # --- Home page ----------------------------------------------------------------------------
    # The home page's slug never appears in a URL (each language's home is served at /gd/, /pl/)
    # but wagtail-localize treats it as translatable text, so it gets a sensible one.
    "home": {"gd": "dachaigh", "pl": "strona-glowna"},
    "The Perth and Kinross Offer is the council's new way of working with residents, communities and businesses, instead of only providing services to them.": {
        "gd": "Is e Tairgse Pheairt agus Cheann Rois an dòigh ùr aig a' chomhairle air obrachadh còmhla ri luchd-còmhnaidh, coimhearsnachdan agus gnìomhachasan, an àite a bhith dìreach a' toirt sheirbheisean dhaibh.",
        "pl": "Oferta Perth and Kinross to nowy sposób, w jaki rada współpracuje z mieszkańcami, społecznościami lokalnymi i firmami, zamiast jedynie świadczyć im usługi.",
    },
    "Everyone in Perth and Kinross has something to offer: let's shape our future together.": {
        "gd": "Tha rudeigin aig a h-uile duine ann am Peairt agus Ceann Rois ri thabhann: cuireamaid cumadh air ar n-àm ri teachd còmhla.",
        "pl": "Każdy w Perth and Kinross ma coś do zaoferowania: kształtujmy razem naszą przyszłość.",
    },
    "Our vision": {"gd": "Ar lèirsinn", "pl": "Nasza wizja"},
    "Creating a confident, ambitious and fairer Perth and Kinross, for all who live and work here.": {
        "gd": "A' cruthachadh Peairt agus Ceann Rois a tha misneachail, àrd-amasach agus nas cothromaiche, don a h-uile duine a tha a' fuireach agus ag obair an seo.",
        "pl": "Tworzymy pewne siebie, ambitne i bardziej sprawiedliwe Perth and Kinross – dla wszystkich, którzy tu mieszkają i pracują.",
    },
    "Our strategic objectives": {"gd": "Ar n-amasan ro-innleachdail", "pl": "Nasze cele strategiczne"},
    "Giving every child the best start in life": {
        "gd": "A' toirt an tòiseachaidh as fheàrr ann am beatha do gach leanabh",
        "pl": "Zapewnienie każdemu dziecku jak najlepszego startu w życie",
    },
    "Developing educated, responsible and informed citizens": {
        "gd": "A' leasachadh shaoranach a tha foghlamaichte, ciallach agus fiosraichte",
        "pl": "Wychowanie wykształconych, odpowiedzialnych i dobrze poinformowanych obywateli",
    },
    "Promoting a prosperous, inclusive and sustainable economy": {
        "gd": "A' brosnachadh eaconamaidh a tha soirbheachail, in-ghabhalach agus seasmhach",
        "pl": "Wspieranie prężnej, sprzyjającej włączeniu społecznemu i zrównoważonej gospodarki",
    },
    "Supporting people to lead independent, healthy and active lives": {
        "gd": "A' cuideachadh dhaoine gus beatha neo-eisimeileach, fhallain agus ghnìomhach a chaitheamh",
        "pl": "Pomoc mieszkańcom w prowadzeniu samodzielnego, zdrowego i aktywnego życia",
    },
    "Creating a safe and sustainable place for future generations": {
        "gd": "A' cruthachadh àite sàbhailte agus seasmhach do na ginealaichean ri teachd",
        "pl": "Tworzenie bezpiecznego i zrównoważonego miejsca dla przyszłych pokoleń",
    },
    "Our proposed principles": {"gd": "Na prionnsapalan a tha sinn a' moladh", "pl": "Proponowane przez nas zasady"},
    "Bold vision": {"gd": "Lèirsinn dhàna", "pl": "Odważna wizja"},
    "We aim high for Perth and Kinross and build back better after the pandemic.": {
        "gd": "Tha sinn ag amas gu h-àrd airson Pheairt agus Cheann Rois agus ag ath-thogail nas fheàrr às dèidh a' ghalair lèir-sgaoilte.",
        "pl": "Mamy ambitne plany dla Perth and Kinross i po pandemii odbudowujemy wszystko lepiej niż przedtem.",
    },
    "Enabling": {"gd": "Comasachadh", "pl": "Umożliwianie"},
    "We help people and groups do what matters to them, instead of doing it for them.": {
        "gd": "Bidh sinn a' cuideachadh dhaoine agus bhuidhnean gus na rudan a tha cudromach dhaibh a dhèanamh, an àite a bhith gan dèanamh air an son.",
        "pl": "Pomagamy ludziom i grupom robić to, co jest dla nich ważne, zamiast robić to za nich.",
    },
    "Partnership": {"gd": "Com-pàirteachas", "pl": "Partnerstwo"},
    "We agree priorities with communities, partners and businesses and deliver them together.": {
        "gd": "Bidh sinn ag aontachadh phrìomhachasan le coimhearsnachdan, com-pàirtichean agus gnìomhachasan agus gan coileanadh còmhla.",
        "pl": "Uzgadniamy priorytety ze społecznościami, partnerami i firmami i wspólnie je realizujemy.",
    },
    "Kindness": {"gd": "Coibhneas", "pl": "Życzliwość"},
    "We treat each other with kindness and look out for the people who need it most.": {
        "gd": "Bidh sinn coibhneil ri chèile agus a' coimhead às dèidh nan daoine aig a bheil an fheum as motha air.",
        "pl": "Traktujemy się nawzajem życzliwie i troszczymy się o tych, którzy najbardziej tego potrzebują.",
    },
    # --- "Our vision" page --------------------------------------------------------------------
    # Django's slugify (used by wagtail-localize) drops accents, so the Gaelic slug is plain ASCII.
    "our-vision": {"gd": "ar-leirsinn", "pl": "nasza-wizja"},
    "The current vision, the five strategic objectives and the four principles proposed for the Offer.": {
        "gd": "An lèirsinn làithreach, na còig amasan ro-innleachdail agus na ceithir prionnsapalan a thathar a' moladh airson na Tairgse.",
        "pl": "Obecna wizja, pięć celów strategicznych i cztery zasady proponowane dla Oferty.",
    },
    "The vision": {"gd": "An lèirsinn", "pl": "Wizja"},
    "The vision shared by the Community Plan (2017 to 2027) and the Corporate Plan (2018 to 2022) is:": {
        "gd": "Seo an lèirsinn a tha aig a' Phlana Choimhearsnachd (2017 gu 2027) agus aig a' Phlana Chorporra (2018 gu 2022) le chèile:",
        "pl": "Plan dla społeczności (2017–2027) i Plan strategiczny rady (2018–2022) łączy wspólna wizja:",
    },
    "Five strategic objectives": {"gd": "Còig amasan ro-innleachdail", "pl": "Pięć celów strategicznych"},
    "Four proposed principles": {"gd": "Ceithir prionnsapalan gam moladh", "pl": "Cztery proponowane zasady"},
    "We want to build back a better Perth and Kinross after the pandemic, and to be ambitious about what we can achieve together.": {
        "gd": "Tha sinn airson Peairt agus Ceann Rois nas fheàrr a thogail a-rithist às dèidh a' ghalair lèir-sgaoilte, agus a bhith àrd-amasach mu na as urrainn dhuinn a choileanadh còmhla.",
        "pl": "Chcemy po pandemii odbudować Perth and Kinross tak, by było lepsze niż przedtem, i ambitnie podchodzić do tego, co możemy wspólnie osiągnąć.",
    },
    "Everyone has something to offer. We help people, groups and staff to act, with less bureaucracy and a positive attitude to risk.": {
        "gd": "Tha rudeigin aig a h-uile duine ri thabhann. Bidh sinn a' cuideachadh dhaoine, bhuidhnean agus luchd-obrach gus gnìomh a ghabhail, le nas lugha de bhiurocrasaidh agus sealladh dòchasach air cunnart.",
        "pl": "Każdy ma coś do zaoferowania. Pomagamy mieszkańcom, grupom i pracownikom działać – z mniejszą biurokracją i pozytywnym podejściem do ryzyka.",
    },
    "We develop the vision, objectives and outcomes with the Community Planning Partnership, and test them with community groups, the third sector, local businesses, residents and staff.": {
        "gd": "Bidh sinn a' leasachadh na lèirsinn, nan amasan agus nam builean còmhla ris a' Chom-pàirteachas Dealbhadh Coimhearsnachd, agus gan cur fo dheuchainn le buidhnean coimhearsnachd, an treas roinn, gnìomhachasan ionadail, luchd-còmhnaidh agus luchd-obrach.",
        "pl": "Wizję, cele i oczekiwane rezultaty opracowujemy razem z Partnerstwem Planowania Społecznego (Community Planning Partnership) i konsultujemy je z grupami społecznymi, organizacjami pozarządowymi, lokalnymi firmami, mieszkańcami i pracownikami.",
    },
    "Neighbourliness grew during the pandemic. We want to keep it: getting to know and help each other, and looking out for the most vulnerable.": {
        "gd": "Dh'fhàs an nàbachas rè a' ghalair lèir-sgaoilte. Tha sinn airson a chumail: a' faighinn eòlas air a chèile, a' cuideachadh a chèile agus a' coimhead às dèidh na feadhainn as so-leònte.",
        "pl": "W czasie pandemii sąsiedzka życzliwość się umocniła. Chcemy ją zachować: poznawać się nawzajem, pomagać sobie i troszczyć się o najbardziej potrzebujących.",
    },
    "What happens next": {"gd": "Na h-ath cheuman", "pl": "Co dalej"},
    "By the end of March 2021, in partnership with communities, the Community Planning Partnership planned to agree the PK Offer Blueprint: the approach and vision, objectives and key priorities, all underpinned by agreed principles. The vision is built from the National Performance Framework, the national roadmap to recovery and renewal, Fairer Futures and local intelligence such as locality profiles and Stories of Place.": {
        "gd": "Ro dheireadh a' Mhàirt 2021, ann an com-pàirteachas le coimhearsnachdan, bha an Com-pàirteachas Dealbhadh Coimhearsnachd an dùil gabhail ri Gormphlana Tairgse PK (PK Offer Blueprint): an dòigh-obrach agus an lèirsinn, na h-amasan agus na prìomhachasan as cudromaiche, uile stèidhichte air prionnsapalan a chaidh aontachadh. Tha an lèirsinn air a togail air an Fhrèam Choileanaidh Nàiseanta, air a' mhapa-rathaid nàiseanta airson ath-shlànachadh agus ùrachadh, air Fairer Futures agus air fiosrachadh ionadail leithid pròifilean sgìre agus Stories of Place.",
        "pl": "Do końca marca 2021 r. Partnerstwo Planowania Społecznego, we współpracy ze społecznościami, planowało uzgodnić plan ramowy Oferty PK (PK Offer Blueprint): podejście i wizję, cele oraz kluczowe priorytety – wszystko oparte na uzgodnionych zasadach. Wizja opiera się na Krajowych ramach wyników (National Performance Framework), krajowym planie odbudowy i odnowy, programie Fairer Futures oraz lokalnej wiedzy, takiej jak profile poszczególnych obszarów i opracowania Stories of Place.",
    },
    "Tell us what you think": {"gd": "Innsibh dhuinn dè ur beachd", "pl": "Podziel się z nami opinią"},
    "We want to test the proposed vision and priorities with the people of Perth and Kinross.": {
        "gd": "Tha sinn airson an lèirsinn agus na prìomhachasan a thathar a' moladh a chur fo bheachd muinntir Pheairt agus Cheann Rois.",
        "pl": "Chcemy skonsultować proponowaną wizję i priorytety z mieszkańcami Perth and Kinross.",
    },
    "Contact the Offer team": {"gd": "Cuiribh fios gu sgioba na Tairgse", "pl": "Skontaktuj się z zespołem Oferty"},
    # --- "Other languages and formats" page ---------------------------------------------------
    # Gaelic follows the usual wording of Scottish public bodies ("ann an cànan no cruth eile").
    "Other languages and formats": {"gd": "Cànanan agus cruthan eile", "pl": "Inne języki i formaty"},
    "other-languages-and-formats": {"gd": "canain-agus-cruthan-eile", "pl": "inne-jezyki-i-formaty"},
    "Ask for anything on this website in another language, or in a format that suits you.": {
        "gd": "Iarraibh rud sam bith air an làrach-lìn seo ann an cànan eile, no ann an cruth a fhreagras oirbh.",
        "pl": "Poproś o dowolne informacje z tej strony w innym języku lub w formacie, który Ci odpowiada.",
    },
    "If you or someone you know would like anything on this website in another language or format, we can arrange it.": {
        "gd": "Ma bu toil leibh fhèin no le cuideigin as aithne dhuibh rud sam bith air an làrach-lìn seo ann an cànan no cruth eile, is urrainn dhuinn a chur air dòigh.",
        "pl": "Jeśli Ty lub ktoś, kogo znasz, potrzebuje informacji z tej strony w innym języku lub formacie, możemy je przygotować.",
    },
    "Formats we can offer": {"gd": "Na cruthan as urrainn dhuinn a thabhann", "pl": "Dostępne formaty"},
    "Large print": {"gd": "Clò mòr", "pl": "Duży druk"},
    "Easy read": {"gd": "Furasta a leughadh", "pl": "Tekst łatwy do czytania"},
    "Audio": {"gd": "Clàradh fuaime", "pl": "Nagranie audio"},
    "Braille": {"gd": "Braille", "pl": "Pismo Braille'a"},
    "British Sign Language (BSL)": {
        "gd": "Cànan Soidhnidh Breatannach (BSL)",
        "pl": "Brytyjski język migowy (BSL)",
    },
    "Another language": {"gd": "Cànan eile", "pl": "Inny język"},
    "Sometimes only a summary can be translated.": {
        "gd": "Uaireannan, chan urrainn dhuinn ach geàrr-chunntas eadar-theangachadh.",
        "pl": "Czasami możemy przetłumaczyć tylko streszczenie.",
    },
    "Talk to us in your language": {
        "gd": "Bruidhnibh rinn nur cànan fhèin",
        "pl": "Porozmawiaj z nami w swoim języku",
    },
    "All council services can offer a telephone translation service. When you call, tell us which language you speak.": {
        "gd": "Faodaidh gach seirbheis aig a' chomhairle seirbheis eadar-theangachaidh air a' fòn a thabhann. Nuair a chuireas sibh fòn, innsibh dhuinn dè an cànan a th' agaibh.",
        "pl": "Wszystkie służby rady mogą zapewnić tłumacza przez telefon. Gdy zadzwonisz, powiedz nam, jakim językiem się posługujesz.",
    },
    'If you use British Sign Language, you can contact us through <a id="a1">contactSCOTLAND-BSL</a>, the free online BSL interpreting service.': {
        "gd": 'Ma chleachdas sibh Cànan Soidhnidh Breatannach, faodaidh sibh fios a chur thugainn tro <a id="a1">contactSCOTLAND-BSL</a>, an t-seirbheis eadar-mhìneachaidh BSL air loidhne a tha an-asgaidh.',
        "pl": 'Jeśli posługujesz się brytyjskim językiem migowym, możesz skontaktować się z nami przez <a id="a1">contactSCOTLAND-BSL</a> – bezpłatną internetową usługę tłumaczenia na BSL.',
    },
    "How to ask": {"gd": "Mar a dh'iarras sibh e", "pl": "Jak o to poprosić"},
    "Tell us what you would like, in which language or format, and how we can reach you. You can phone, send a text message, email or write to us: our contact details are below.": {
        "gd": "Innsibh dhuinn dè tha sibh ag iarraidh, dè an cànan no an cruth, agus ciamar a ruigeas sinn sibh. Faodaidh sibh fòn a chur, teachdaireachd teacsa a chur, post-d a chur no sgrìobhadh thugainn: tha ar fiosrachadh conaltraidh gu h-ìosal.",
        "pl": "Powiedz nam, czego potrzebujesz, w jakim języku lub formacie i jak możemy się z Tobą skontaktować. Możesz do nas zadzwonić, wysłać SMS, e-mail lub list: nasze dane kontaktowe są poniżej.",
    },
    # --- Site settings ------------------------------------------------------------------------
    "Beta": {"gd": "Beta", "pl": "Beta"},
    "This is a new website: tell us what you think by contacting the Offer team.": {
        "gd": "Seo làrach-lìn ùr: innsibh dhuinn dè ur beachd le fios a chur gu sgioba na Tairgse.",
        "pl": "To nowa strona internetowa: podziel się z nami opinią, kontaktując się z zespołem Oferty.",
    },
    # Royal Mail delivers Gaelic addresses; Polish readers need the English address to write on
    # an envelope, so the Polish version keeps it unchanged.
    "Perth and Kinross Council<br/>2 High Street<br/>Perth<br/>PH1 5PH": {
        "gd": "Comhairle Pheairt agus Cheann Rois<br/>2 An t-Sràid Àrd<br/>Peairt<br/>PH1 5PH",
        "pl": "Perth and Kinross Council<br/>2 High Street<br/>Perth<br/>PH1 5PH",
    },
    "Customer Service Centre: Monday to Friday, 8am to 6pm": {
        "gd": "Ionad Seirbheis Luchd-cleachdaidh: Diluain gu Dihaoine, 8 sa mhadainn gu 6 feasgar",
        "pl": "Centrum Obsługi Klienta: od poniedziałku do piątku, 8:00–18:00",
    },
    # --- Navigation and footer ----------------------------------------------------------------
    "Site navigation": {"gd": "Seòladaireachd na làraich", "pl": "Nawigacja witryny"},
    "The Perth and Kinross Offer is a programme of Perth and Kinross Council and its community planning partners.": {
        "gd": "'S e prògram aig Comhairle Pheairt agus Cheann Rois agus a com-pàirtichean dealbhadh coimhearsnachd a th' ann an Tairgse Pheairt agus Cheann Rois.",
        "pl": "Oferta Perth and Kinross to program Rady Perth and Kinross i jej partnerów w zakresie planowania społecznego.",
    },
}


def translate_demo(command, source_locale):
    """Translate the demo's home page, "Our vision", "Other languages and formats", site settings and
    navigation into Gaelic and Polish.

    Safe to run again: an object that already has a version in a language is left alone.
    """
    home = HomePage.objects.filter(locale=source_locale).first()
    vision = StandardPage.objects.child_of(home).filter(slug="our-vision").first() if home else None
    formats = ContactPage.objects.child_of(home).filter(slug="other-languages-and-formats").first() if home else None
    objects = [
        # Pages come first and the home page before its children: a translated page needs its
        # parent in the same language.
        ("Home page", home),
        ("Page 'Our vision'", vision),
        ("Page 'Other languages and formats'", formats),
        ("Site settings", SiteSettings.objects.filter(locale=source_locale).first()),
        ("Navigation and footer", Navigation.objects.filter(locale=source_locale).first()),
    ]
    translate_objects(command, objects, STRINGS)


def translate_objects(command, objects, strings):
    """Translate each (label, English object) into Gaelic and Polish with the given STRINGS table.

    The machinery other apps' demo translations use too (consultations/demo_translations.py).
    Objects are translated in the order given, so a page must come after its parent. Safe to run
    again: an object that already has a version in a language is left alone.
    """
    log = getattr(command, "log", print)
    locales = list(Locale.objects.filter(language_code__in=TARGET_LANGUAGES).order_by("language_code"))
    if not locales:
        log("  Translations: no Gaelic or Polish locale, nothing to do")
        return
    for label, instance in objects:
        if instance is None:
            log(f"  {label}: no English version, not translated")
            continue
        todo = []
        for locale in locales:
            if instance.has_translation(locale):
                log(f"  {label} ({locale.language_code}): already there")
            else:
                todo.append(locale)
        if todo and isinstance(instance, Page) and normalise_list_blocks(log, label, instance.specific):
            instance = Page.objects.get(pk=instance.pk).specific  # reload the newly published content
        for locale in todo:
            translate_object(log, label, instance, locale, strings)


def translate_object(log, label, instance, locale, strings=STRINGS):
    """Translate one object into one locale through wagtail-localize, from a STRINGS table."""
    prefix = f"  {label} ({locale.language_code})"
    # update_or_create rather than get_or_create: if a source was submitted earlier and the English
    # has changed since, the translation must be made from the current content.
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)

    segments = StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order")
    translated, missing = 0, []
    for segment in segments:
        text = strings.get(segment.string.data, {}).get(locale.language_code)
        if not text:
            missing.append(segment.string.data)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
        translated += 1

    try:
        with transaction.atomic():
            if isinstance(instance, Page):
                # save_target(publish=True) publishes pages on commit, from a revision that still
                # holds the page as it was when saved. load_demo is one transaction, so that would
                # run after the page's children were added and reset its child count (the children
                # would then 404). Publish now instead, from a freshly loaded revision.
                translation.save_target(publish=False)
                translation.get_target_instance().get_latest_revision().publish()
            else:
                translation.save_target(publish=True)
    except ValidationError as error:
        log(f"{prefix}: NOT translated, the translated version is invalid: {error}")
        return

    log(f"{prefix}: created, {translated} of {translated + len(missing)} strings translated")
    if missing:
        listed = "; ".join(repr(text[:80]) for text in missing)
        log(f"{prefix}: WARNING {len(missing)} string(s) left in English (not in the demo's STRINGS): {listed}")


def normalise_list_blocks(log, label, page):
    """Give every list item in the page's StreamFields its block id, publishing the page if that changed it.

    Stream data written as plain JSON keeps list items (accordion sections, table rows) as bare
    values without ids. wagtail-localize only extracts list items that have ids, so without this
    their text could not be translated. Binding the blocks and saving gives them ids; once the page
    has them this is a no-op. Returns True if the page was published again.
    """
    changed = False
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        value = getattr(page, field.name)
        before = json.loads(json.dumps(list(value.raw_data), default=str))
        for _block in value:  # binding each block converts its list values to the block format
            pass
        after = json.loads(json.dumps(field.get_prep_value(value), default=str))
        changed = changed or after != before
    if not changed:
        return False
    if page.has_unpublished_changes:
        log(f"  {label}: has unpublished changes, so its list items (if any) stay untranslatable")
        return False
    page.save_revision(changed=False).publish()
    log(f"  {label}: list items given block ids so that they can be translated")
    return True
