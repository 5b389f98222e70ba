"""Gaelic and Polish versions of the demo's "News and stories" index, its themes and places, and two stories.

Made through wagtail-localize exactly like the home page's (home/demo_translations.py, whose
machinery this reuses): every string segment gets a manual StringTranslation from STRINGS below and
Translation.save_target() builds and publishes the translated page or snippet.

Order matters: a community story's key area and place are translatable foreign keys, so the themes
and places are translated first (wagtail-localize then points the translated story at the Gaelic or
Polish theme); the index comes before the stories, as a translated page needs its parent in the
same language. The two stories are a community story and a vision update; the others stay in
English only, so the Gaelic and Polish listings and feeds show these two and nothing else.

Theme names come from the consultations' table (the "key areas" question) so they read the same
everywhere. Place names: Gaelic uses the Gaelic names of the places; Polish readers use the English
names (those on signs, maps and envelopes), so only "Perth City" is translated.
"""

from consultations.demo_translations import STRINGS as CONSULTATION_STRINGS
from home.demo_translations import STRINGS as SITE_STRINGS
from home.demo_translations import translate_objects

from .demo_content import PLACES, THEMES
from .models import Place, StoryIndexPage, StoryPage, Theme

# The stories translated (slugs of the English pages), in the order they are translated.
TRANSLATED_STORIES = ["neighbours-helping-neighbours", "vision-and-define-begins"]

THEME_NAMES = {name: CONSULTATION_STRINGS[name] for _slug, name, _description in THEMES}

STRINGS = {
    **THEME_NAMES,
    # --- Themes: descriptions -----------------------------------------------------------------
    "Local jobs, businesses and new enterprise.": {
        "gd": "Obraichean ionadail, gnìomhachasan agus iomairtean ùra.",
        "pl": "Lokalne miejsca pracy, firmy i nowe przedsięwzięcia.",
    },
    "Greenspace, neighbourhoods and a sustainable place for future generations.": {
        "gd": "Àiteachan uaine, nàbachdan agus àite seasmhach do na ginealaichean ri teachd.",
        "pl": "Tereny zielone, okolica i zrównoważone miejsce dla przyszłych pokoleń.",
    },
    "Tackling poverty, isolation and digital exclusion.": {
        "gd": "A' dèiligeadh ri bochdainn, aonaranachd agus às-dùnadh didseatach.",
        "pl": "Walka z ubóstwem, samotnością i wykluczeniem cyfrowym.",
    },
    "The best start for every child and learning at every age.": {
        "gd": "An tòiseachadh as fheàrr do gach leanabh agus ionnsachadh aig aois sam bith.",
        "pl": "Najlepszy start dla każdego dziecka i nauka w każdym wieku.",
    },
    "Communities taking the lead and co-producing services.": {
        "gd": "Coimhearsnachdan a' gabhail an stiùir agus a' co-dhealbhadh sheirbheisean.",
        "pl": "Społeczności przejmują inicjatywę i współtworzą usługi.",
    },
    # --- Places -------------------------------------------------------------------------------
    "Perth City": {"gd": "Cathair Pheairt", "pl": "Miasto Perth"},
    "Kinross-shire": {"gd": "Siorrachd Cheann Rois", "pl": "Kinross-shire"},
    "Highland Perthshire": {"gd": "Gàidhealtachd Siorrachd Pheairt", "pl": "Highland Perthshire"},
    "Strathearn": {"gd": "Srath Èireann", "pl": "Strathearn"},
    "Strathtay": {"gd": "Srath Tatha", "pl": "Strathtay"},
    "Carse of Gowrie": {"gd": "Cars Ghobharaidh", "pl": "Carse of Gowrie"},
    "Blairgowrie and the Glens": {"gd": "Blàr Ghobharaidh agus na Glinn", "pl": "Blairgowrie and the Glens"},
    "Almond and Earn": {"gd": "Amain agus Èireann", "pl": "Almond and Earn"},
    "Strathallan": {"gd": "Srath Alain", "pl": "Strathallan"},
    # --- The index ----------------------------------------------------------------------------
    # The same words as the interface's "All news and stories" in each catalogue.
    "News and stories": {"gd": "Naidheachdan is sgeulachdan", "pl": "Aktualności i historie"},
    "news-and-stories": {"gd": "naidheachdan-is-sgeulachdan", "pl": "aktualnosci-i-historie"},
    "Progress on the Perth and Kinross Offer: vision updates, blogs, videos, podcasts and community stories.": {
        "gd": "Adhartas Tairgse Pheairt agus Cheann Rois: naidheachdan mun lèirsinn, blogaichean, bhidiothan, podcastan agus sgeulachdan coimhearsnachd.",
        "pl": "Postępy Oferty Perth and Kinross: aktualizacje wizji, blogi, filmy, podcasty i historie społeczności.",
    },
    "Follow the Offer's progress and see what neighbours, groups and partners across Perth and Kinross are doing together.": {
        "gd": "Cumaibh sùil air adhartas na Tairgse agus faicibh dè tha nàbaidhean, buidhnean agus com-pàirtichean air feadh Pheairt agus Cheann Rois a' dèanamh còmhla.",
        "pl": "Śledź postępy Oferty i zobacz, co sąsiedzi, grupy i partnerzy w całym Perth and Kinross robią razem.",
    },
    # --- Community story: "Neighbours helping neighbours" ---------------------------------------
    # Django's slugify (used by wagtail-localize) drops accents, so the slugs are plain ASCII.
    "Neighbours helping neighbours": {"gd": "Nàbaidhean a' cuideachadh nàbaidhean", "pl": "Sąsiedzi pomagają sąsiadom"},
    "neighbours-helping-neighbours": {
        "gd": "nabaidhean-a-cuideachadh-nabaidhean",
        "pl": "sasiedzi-pomagaja-sasiadom",
    },
    "During the pandemic, residents and new community groups delivered food, did shopping and kept in touch with people on their own.": {
        "gd": "Rè a' ghalair lèir-sgaoilte, lìbhrig luchd-còmhnaidh agus buidhnean coimhearsnachd ùra biadh, rinn iad ceannach do dhaoine eile agus chùm iad ceangal ri daoine a bha nan aonar.",
        "pl": "W czasie pandemii mieszkańcy i nowe grupy społeczne dostarczali żywność, robili zakupy i utrzymywali kontakt z osobami samotnymi.",
    },
    "Since March 2020 the council has gathered many examples of neighbourliness: people getting to know and help the people around them.": {
        "gd": "Bhon Mhàrt 2020, tha a' chomhairle air iomadh eisimpleir de nàbachas a chruinneachadh: daoine a' faighinn eòlas air na daoine mun cuairt orra agus gan cuideachadh.",
        "pl": "Od marca 2020 r. rada zebrała wiele przykładów sąsiedzkiej życzliwości: ludzi, którzy poznają osoby wokół siebie i im pomagają.",
    },
    "Volunteers helped with food deliveries, shopping, gardening and small jobs. Groups set up quickly to meet their own community's needs, managed their own money and kept in touch with anyone who needed support. Others helped children with home schooling and kept them active, or did minor repairs at home and looked after greenspace.": {
        "gd": "Chuidich saor-thoilich le lìbhrigeadh bìdh, ceannach, gàirnealaireachd agus obraichean beaga. Chaidh buidhnean a stèidheachadh gu luath gus feumalachdan na coimhearsnachd aca fhèin a choileanadh; stiùir iad an cuid airgid fhèin agus chùm iad ceangal ri duine sam bith a bha feumach air taic. Chuidich feadhainn eile clann le foghlam aig an taigh agus chùm iad gnìomhach iad, no rinn iad obraichean càraidh beaga ann an dachaighean agus thug iad an aire do dh'àiteachan uaine.",
        "pl": "Wolontariusze pomagali w dostarczaniu żywności, robieniu zakupów, pracach w ogrodzie i drobnych sprawach. Grupy szybko powstawały, by odpowiadać na potrzeby własnej społeczności, same zarządzały swoimi pieniędzmi i utrzymywały kontakt z każdym, kto potrzebował wsparcia. Inni pomagali dzieciom w nauce domowej i dbali o to, by były aktywne, wykonywali drobne naprawy w domach albo dbali o tereny zielone.",
    },
    "Residents and community groups": {
        "gd": "Luchd-còmhnaidh agus buidhnean coimhearsnachd",
        "pl": "Mieszkańcy i grupy społeczne",
    },
    "Groups set up quickly to answer the needs of their own communities.": {
        "gd": "Chaidh buidhnean a stèidheachadh gu luath gus freagairt a thoirt do fheumalachdan nan coimhearsnachdan aca fhèin.",
        "pl": "Grupy szybko powstawały, by odpowiadać na potrzeby własnych społeczności.",
    },
    "Community Planning Partnership Board, December 2020": {
        "gd": "Bòrd a' Chom-pàirteachais Dealbhadh Coimhearsnachd, Dùbhlachd 2020",
        "pl": "Zarząd Partnerstwa Planowania Społecznego, grudzień 2020 r.",
    },
    # --- Vision update: "Phase 2 begins: Vision and Define" -------------------------------------
    # The phase is named as in the interface catalogues ("Phase 2: Vision and Define").
    "Phase 2 begins: Vision and Define": {
        "gd": "Ìre 2 a' tòiseachadh: Lèirsinn is Mìneachadh",
        "pl": "Rozpoczyna się etap 2: Wizja i określenie",
    },
    "vision-and-define-begins": {"gd": "ire-2-leirsinn-is-mineachadh", "pl": "etap-2-wizja-i-okreslenie"},
    "From November 2020 to March 2021, the Community Planning Partnership develops the vision and the PK Offer Blueprint.": {
        "gd": "Bhon t-Samhain 2020 gu Màrt 2021, bidh an Com-pàirteachas Dealbhadh Coimhearsnachd a' leasachadh na lèirsinn agus Gormphlana Tairgse PK (PK Offer Blueprint).",
        "pl": "Od listopada 2020 r. do marca 2021 r. Partnerstwo Planowania Społecznego opracowuje wizję i plan ramowy Oferty PK (PK Offer Blueprint).",
    },
    "Four principles proposed: Bold vision, Enabling, Partnership, Kindness": {
        "gd": "Ceithir prionnsapalan gam moladh: Lèirsinn dhàna, Comasachadh, Com-pàirteachas, Coibhneas",
        "pl": "Zaproponowano cztery zasady: Odważna wizja, Umożliwianie, Partnerstwo, Życzliwość",
    },
    "Workshop with the Community Planning Partnership planned for January 2021": {
        "gd": "Bùth-obrach leis a' Chom-pàirteachas Dealbhadh Coimhearsnachd san amharc airson an Fhaoillich 2021",
        "pl": "Warsztaty z Partnerstwem Planowania Społecznego zaplanowane na styczeń 2021 r.",
    },
    "Engagement to test the vision with community groups, the third sector, businesses, residents and staff": {
        "gd": "Co-chomhairle gus an lèirsinn a chur fo bheachd bhuidhnean coimhearsnachd, an treas roinn, gnìomhachasan, luchd-còmhnaidh agus luchd-obrach",
        "pl": "Konsultacje wizji z grupami społecznymi, organizacjami pozarządowymi, firmami, mieszkańcami i pracownikami",
    },
    "The Community Planning Partnership Board heard the update on 11 December 2020. Step one is a workshop in January 2021 to develop a vision, high-level objectives and outcomes, set clear principles and agree the strategic framework.": {
        "gd": "Chuala Bòrd a' Chom-pàirteachais Dealbhadh Coimhearsnachd an cunntas às ùr air 11 Dùbhlachd 2020. 'S e a' chiad cheum bùth-obrach san Fhaoilleach 2021 gus lèirsinn, prìomh amasan agus builean a leasachadh, prionnsapalan soilleir a shuidheachadh agus aontachadh air an fhrèam ro-innleachdail.",
        "pl": "Zarząd Partnerstwa Planowania Społecznego wysłuchał sprawozdania 11 grudnia 2020 r. Pierwszym krokiem są warsztaty w styczniu 2021 r., na których powstaną wizja, główne cele i oczekiwane rezultaty, jasne zasady oraz uzgodnione ramy strategiczne.",
    },
    "Step two is to test the proposed vision and priorities with communities. By the end of March 2021 the partnership aims to have the PK Offer Blueprint: an agreed approach and vision, objectives and key priorities, underpinned by agreed principles.": {
        "gd": "'S e an dàrna ceum an lèirsinn agus na prìomhachasan a thathar a' moladh a chur fo bheachd choimhearsnachdan. Ro dheireadh a' Mhàirt 2021, tha an com-pàirteachas ag amas air Gormphlana Tairgse PK (PK Offer Blueprint) a bhith aca: dòigh-obrach agus lèirsinn aontaichte, amasan agus na prìomhachasan as cudromaiche, uile stèidhichte air prionnsapalan aontaichte.",
        "pl": "Drugim krokiem jest konsultacja proponowanej wizji i priorytetów ze społecznościami. Do końca marca 2021 r. partnerstwo chce przyjąć plan ramowy Oferty PK (PK Offer Blueprint): uzgodnione podejście i wizję, cele oraz kluczowe priorytety, oparte na uzgodnionych zasadach.",
    },
}


def translate_stories(command, source_locale):
    """Translate the themes, places, the stories index and two stories into Gaelic and Polish.

    Safe to run again: an object that already has a version in a language is left alone.
    """
    themes = {t.slug: t for t in Theme.objects.filter(locale=source_locale)}
    places = {p.slug: p for p in Place.objects.filter(locale=source_locale)}
    index = StoryIndexPage.objects.filter(locale=source_locale).first()
    stories = {s.slug: s for s in StoryPage.objects.filter(locale=source_locale, slug__in=TRANSLATED_STORIES)}
    objects = [
        *((f"Theme '{name}'", themes.get(slug)) for slug, name, _description in THEMES),
        *((f"Place '{name}'", places.get(slug)) for slug, name in PLACES),
        ("News and stories", index),
        *((f"Story '{slug}'", stories.get(slug) and stories[slug].specific) for slug in TRANSLATED_STORIES),
    ]
    translate_objects(command, objects, {**SITE_STRINGS, **STRINGS})
