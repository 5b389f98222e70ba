"""Gaelic and Polish versions of the demo's consultations hub and consultations.

Made through wagtail-localize exactly like the home page's (home/demo_translations.py, whose
machinery this reuses): every string segment of the English page gets a manual StringTranslation
from STRINGS below and Translation.save_target() builds and publishes the translated page.

wagtail-localize copies the English StreamFields and replaces only the text, so a translated
consultation keeps the English block ids of its steps, questions, options and matrix statements:
answers given in any language are stored under the same ids, against the English consultation.
Each step's "show this step only if" condition offers no segments (it is the same in every
language) and is copied as it is.

STRINGS holds the consultations' own wording; names already translated for the rest of the site
(the four principles, "Perth and Kinross Offer") come from home.demo_translations.STRINGS so they
read the same everywhere. Polish addresses the resident as "Ty" with the capitalised pronoun used
in the interface catalogue; Gaelic uses the polite "sibh", as the rest of the site does.
"""

from home.demo_translations import STRINGS as SITE_STRINGS
from home.demo_translations import translate_objects

from .models import ConsultationIndexPage, ConsultationOutcomePage, ConsultationPage

STRINGS = {
    # --- The consultations hub ----------------------------------------------------------------
    "Consultations": {"gd": "Co-chomhairlean", "pl": "Konsultacje"},
    "consultations": {"gd": "co-chomhairlean", "pl": "konsultacje"},
    "Have your say on the Perth and Kinross Offer.": {
        "gd": "Cuiribh ur beachd an cèill mu Thairgse Pheairt agus Cheann Rois.",
        "pl": "Wyraź swoją opinię o Ofercie Perth and Kinross.",
    },
    "Tell us what you think of the proposed vision, principles and priorities. You can answer in English, Gaelic or Polish.": {
        "gd": "Innsibh dhuinn dè ur beachd air an lèirsinn, na prionnsapalan agus na prìomhachasan a thathar a' moladh. Faodaidh sibh freagairt ann am Beurla, ann an Gàidhlig no ann am Pòlainnis.",
        "pl": "Powiedz nam, co myślisz o proponowanej wizji, zasadach i priorytetach. Możesz odpowiadać po angielsku, po gaelicku lub po polsku.",
    },
    # --- Shared by the consultations ----------------------------------------------------------
    "Anyone who lives, works or studies in Perth and Kinross, and any group or business based here.": {
        "gd": "Duine sam bith a tha a' fuireach, ag obair no ag ionnsachadh ann am Peairt agus Ceann Rois, agus buidheann no gnìomhachas sam bith a tha stèidhichte an seo.",
        "pl": "Każda osoba, która mieszka, pracuje lub uczy się w Perth and Kinross, a także każda grupa i firma, która ma tu siedzibę.",
    },
    "The Offer team reads every response. A summary of what you told us, and what changed because of it, is published on this site. Your answers are kept for 12 months after the consultation closes.": {
        "gd": "Bidh sgioba na Tairgse a' leughadh gach freagairt. Thèid geàrr-chunntas fhoillseachadh air an làrach seo de na dh'innis sibh dhuinn agus de na dh'atharraich ri linn sin. Cumaidh sinn ur freagairtean airson 12 mìosan às dèidh don cho-chomhairle dùnadh.",
        "pl": "Zespół Oferty czyta każdą odpowiedź. Podsumowanie tego, co nam przekazano, i tego, co się dzięki temu zmieniło, publikujemy na tej stronie. Twoje odpowiedzi przechowujemy przez 12 miesięcy od zakończenia konsultacji.",
    },
    # --- "The proposed vision and principles" (open) ------------------------------------------
    "The proposed vision and principles": {
        "gd": "An lèirsinn agus na prionnsapalan a thathar a' moladh",
        "pl": "Proponowana wizja i zasady",
    },
    # Django's slugify (used by wagtail-localize) drops accents, so the slugs are plain ASCII.
    "proposed-vision-and-principles": {
        "gd": "an-leirsinn-agus-na-prionnsapalan",
        "pl": "proponowana-wizja-i-zasady",
    },
    "Do the vision, the four principles and the priorities reflect what matters to you?": {
        "gd": "A bheil an lèirsinn, na ceithir prionnsapalan agus na prìomhachasan a' sealltainn na tha cudromach dhuibh?",
        "pl": "Czy wizja, cztery zasady i priorytety odpowiadają temu, co jest dla Ciebie ważne?",
    },
    "In Phase 2, Vision and Define, the Community Planning Partnership is developing the PK Offer Blueprint: an agreed approach and vision, objectives and key priorities, underpinned by agreed principles. Before it is agreed, we want to test it with the people of Perth and Kinross.": {
        "gd": "Ann an Ìre 2, Lèirsinn agus Mìneachadh (Vision and Define), tha an Com-pàirteachas Dealbhadh Coimhearsnachd a' leasachadh Gormphlana Tairgse PK (PK Offer Blueprint): dòigh-obrach agus lèirsinn aontaichte, amasan agus na prìomhachasan as cudromaiche, uile stèidhichte air prionnsapalan aontaichte. Mus tèid gabhail ris, tha sinn airson a chur fo bheachd muinntir Pheairt agus Cheann Rois.",
        "pl": "Na etapie 2, „Wizja i definiowanie” (Vision and Define), Partnerstwo Planowania Społecznego opracowuje plan ramowy Oferty PK (PK Offer Blueprint): uzgodnione podejście i wizję, cele oraz kluczowe priorytety, oparte na uzgodnionych zasadach. Zanim plan zostanie przyjęty, chcemy skonsultować go z mieszkańcami Perth and Kinross.",
    },
    "The proposed principles are Bold vision, Enabling, Partnership and Kindness. The priorities come from what more than 6,000 survey responses told us in 2020.": {
        "gd": "Seo na prionnsapalan a thathar a' moladh: Lèirsinn dhàna, Comasachadh, Com-pàirteachas agus Coibhneas. Tha na prìomhachasan stèidhichte air na dh'innis còrr is 6,000 freagairt suirbhidh dhuinn ann an 2020.",
        "pl": "Proponowane zasady to „Odważna wizja”, „Umożliwianie”, „Partnerstwo” i „Życzliwość”. Priorytety wynikają z ponad 6000 odpowiedzi udzielonych w ankiecie w 2020 r.",
    },
    "Discover phase response figures": {
        "gd": "Àireamhan nam freagairtean bho ìre an Rannsachaidh",
        "pl": "Liczba odpowiedzi na etapie rozpoznania (Discover)",
    },
    # Step 1
    "The proposed vision": {"gd": "An lèirsinn a thathar a' moladh", "pl": "Proponowana wizja"},
    "The vision shared by the Community Plan and the Corporate Plan is: creating a confident, ambitious and fairer Perth and Kinross, for all who live and work here.": {
        "gd": "Seo an lèirsinn a tha aig a' Phlana Choimhearsnachd agus aig a' Phlana Chorporra le chèile: a' cruthachadh Peairt agus Ceann Rois a tha misneachail, àrd-amasach agus nas cothromaiche, don a h-uile duine a tha a' fuireach agus ag obair an seo.",
        "pl": "Wspólna wizja Planu dla społeczności i Planu strategicznego rady brzmi: tworzymy pewne siebie, ambitne i bardziej sprawiedliwe Perth and Kinross – dla wszystkich, którzy tu mieszkają i pracują.",
    },
    "The vision describes the Perth and Kinross I want to live in": {
        "gd": "Tha an lèirsinn a' toirt dealbh air Peairt agus Ceann Rois far am bu toil leam fuireach",
        "pl": "Wizja opisuje takie Perth and Kinross, w jakim chcę mieszkać",
    },
    "How far do you agree with each proposed principle?": {
        "gd": "Dè cho mòr 's a tha sibh ag aontachadh ris gach prionnsapal a thathar a' moladh?",
        "pl": "W jakim stopniu zgadzasz się z każdą z proponowanych zasad?",
    },
    "The four principles are meant to guide how the council and communities work together.": {
        "gd": "Tha na ceithir prionnsapalan ann gus stiùireadh a thoirt air mar a bhios a' chomhairle agus coimhearsnachdan ag obair còmhla.",
        "pl": "Te cztery zasady mają wyznaczać kierunek współpracy rady ze społecznościami lokalnymi.",
    },
    # The matrix statements (Bold vision, Enabling, Partnership, Kindness) are the principles'
    # names, translated in home.demo_translations.STRINGS.
    "What would you change in the vision, and why?": {
        "gd": "Dè a dh'atharraicheadh sibh anns an lèirsinn, agus carson?",
        "pl": "Co Twoim zdaniem należałoby zmienić w wizji i dlaczego?",
    },
    # Step 2
    "Priorities": {"gd": "Prìomhachasan", "pl": "Priorytety"},
    "These priorities came from what people told us during the Discover phase in 2020.": {
        "gd": "Thàinig na prìomhachasan seo bho na dh'innis daoine dhuinn rè ìre an Rannsachaidh (Discover) ann an 2020.",
        "pl": "Te priorytety wynikają z tego, co mieszkańcy powiedzieli nam na etapie rozpoznania (Discover) w 2020 r.",
    },
    "Which of these should the Offer focus on first?": {
        "gd": "Dè dhiubh seo air am bu chòir don Tairgse fòcas a chur an toiseach?",
        "pl": "Czym Oferta powinna zająć się w pierwszej kolejności?",
    },
    "Choose all that apply.": {
        "gd": "Taghaibh a h-uile gin a tha iomchaidh.",
        "pl": "Zaznacz wszystkie odpowiedzi, które pasują.",
    },
    "Poverty": {"gd": "Bochdainn", "pl": "Ubóstwo"},
    "Digital exclusion and connectivity": {
        "gd": "Às-dùnadh didseatach agus ceangal ris an eadar-lìon",
        "pl": "Wykluczenie cyfrowe i dostęp do internetu",
    },
    "Mental wellbeing": {"gd": "Sunnd inntinn", "pl": "Zdrowie psychiczne i samopoczucie"},
    "Youth unemployment": {"gd": "Cion-cosnaidh am measg dhaoine òga", "pl": "Bezrobocie wśród młodzieży"},
    "Rural transport": {"gd": "Còmhdhail air an dùthaich", "pl": "Transport na terenach wiejskich"},
    "Put the five key areas in order of importance to you": {
        "gd": "Cuiribh na còig prìomh raointean ann an òrdugh a rèir cho cudromach 's a tha iad dhuibh",
        "pl": "Uszereguj pięć kluczowych obszarów według tego, jak ważne są dla Ciebie",
    },
    "Economy and entrepreneurship": {"gd": "Eaconamaidh agus tionnsgalachd", "pl": "Gospodarka i przedsiębiorczość"},
    "Environment": {"gd": "Àrainneachd", "pl": "Środowisko"},
    "Equalities": {"gd": "Co-ionannachd", "pl": "Równość szans"},
    "Education and learning": {"gd": "Foghlam agus ionnsachadh", "pl": "Edukacja i nauka"},
    "Empowerment": {"gd": "Cumhachdachadh", "pl": "Wzmacnianie społeczności"},
    "Would you like to get involved in a community project?": {
        "gd": "Am bu toil leibh pàirt a ghabhail ann am pròiseact coimhearsnachd?",
        "pl": "Czy chcesz włączyć się w lokalny projekt społeczny?",
    },
    # Gaelic has no words for yes and no: an answer repeats the question's verb ("Am bu toil
    # leibh…?" "Bu toil." / "Cha bu toil."). These fit the question above, the only one using them.
    "Yes": {"gd": "Bu toil", "pl": "Tak"},
    "Maybe": {"gd": "'S dòcha", "pl": "Może"},
    "No": {"gd": "Cha bu toil", "pl": "Nie"},
    "How useful is this website to you?": {
        "gd": "Dè cho feumail 's a tha an làrach-lìn seo dhuibh?",
        "pl": "Na ile przydatna jest dla Ciebie ta strona internetowa?",
    },
    # Step 3, shown only to residents who answer "Yes" just above
    "Getting involved": {"gd": "A' gabhail pàirt", "pl": "Zaangażowanie"},
    "Thank you for offering to help. Tell us a little more so the right people can get in touch.": {
        "gd": "Tapadh leibh airson ur cuideachadh a thabhann. Innsibh beagan a bharrachd dhuinn gus an urrainn do na daoine iomchaidh fios a chur thugaibh.",
        "pl": "Dziękujemy, że chcesz pomóc. Napisz nam coś więcej, aby mogły się z Tobą skontaktować odpowiednie osoby.",
    },
    "How would you like to help?": {"gd": "Ciamar a bu toil leibh cuideachadh?", "pl": "W jaki sposób chcesz pomóc?"},
    "Volunteering with a local group": {
        "gd": "Obair shaor-thoileach le buidheann ionadail",
        "pl": "Wolontariat w lokalnej grupie",
    },
    "Joining a community conversation": {
        "gd": "Pàirt a ghabhail ann an còmhradh coimhearsnachd",
        "pl": "Udział w rozmowach lokalnej społeczności",
    },
    "Starting or sharing an idea for a project": {
        "gd": "Pròiseact a thòiseachadh, no beachd airson pròiseict a cho-roinn",
        "pl": "Rozpoczęcie projektu lub podzielenie się pomysłem na projekt",
    },
    "Offering a skill, a space or equipment": {
        "gd": "Sgil, àite no uidheamachd a thabhann",
        "pl": "Udostępnienie swoich umiejętności, miejsca lub sprzętu",
    },
    "Which town, village or community would you like to help in?": {
        "gd": "Dè am baile, an clachan no a' choimhearsnachd far am bu toil leibh cuideachadh?",
        "pl": "W jakim mieście, wsi lub społeczności chcesz pomagać?",
    },
    # Step 4 (its title as in the interface catalogue, locale/)
    "About you": {"gd": "Mur deidhinn", "pl": "Informacje o Tobie"},
    "These questions are optional. They help us see who we are hearing from, and who we are missing.": {
        "gd": "Chan fheum sibh na ceistean seo a fhreagairt. Tha iad gar cuideachadh gus faicinn cò bhuaithe a tha sinn a' cluinntinn, agus cò nach eil sinn a' ruigsinn.",
        "pl": "Odpowiedzi na te pytania są dobrowolne. Pomagają nam sprawdzić, od kogo otrzymujemy opinie, a do kogo jeszcze nie docieramy.",
    },
    "Your postcode": {"gd": "Ur còd-puist", "pl": "Twój kod pocztowy"},
    "We use the first half to see which areas responses come from.": {
        "gd": "Cleachdaidh sinn a' chiad leth dheth gus faicinn cò às a tha freagairtean a' tighinn.",
        "pl": "Na podstawie pierwszej części kodu sprawdzamy, z jakich okolic pochodzą odpowiedzi.",
    },
    "How many people live in your home?": {
        "gd": "Cia mheud duine a tha a' fuireach nur dachaigh?",
        "pl": "Ile osób mieszka w Twoim gospodarstwie domowym?",
    },
    "Your age": {"gd": "Ur n-aois", "pl": "Twój wiek"},
    "Under 16": {"gd": "Fo 16", "pl": "Poniżej 16 lat"},
    "16 to 24": {"gd": "16 gu 24", "pl": "16–24 lata"},
    "25 to 44": {"gd": "25 gu 44", "pl": "25–44 lata"},
    "45 to 64": {"gd": "45 gu 64", "pl": "45–64 lata"},
    "65 to 74": {"gd": "65 gu 74", "pl": "65–74 lata"},
    "75 or over": {"gd": "75 no nas sine", "pl": "75 lat lub więcej"},
    "Are you answering for a group or organisation? If so, which?": {
        "gd": "A bheil sibh a' freagairt às leth buidhne no comainn? Ma tha, innsibh dhuinn cò a th' ann.",
        "pl": "Czy odpowiadasz w imieniu grupy lub organizacji? Jeśli tak, to jakiej?",
    },
    "Your email address": {"gd": "Ur seòladh puist-d", "pl": "Twój adres e-mail"},
    "Only if you want us to tell you what changed because of this consultation.": {
        "gd": "Dìreach ma tha sibh airson gun innis sinn dhuibh dè a dh'atharraich ri linn na co-chomhairle seo.",
        "pl": "Tylko jeśli chcesz, żebyśmy poinformowali Cię, co zmieniło się dzięki tej konsultacji.",
    },
    # --- "Community Asset Transfer: making it easier" (forthcoming) -----------------------------
    # Community Asset Transfer is the name of the process in Scots law: kept, in brackets.
    "Community Asset Transfer: making it easier": {
        "gd": "Gluasad so-mhaoin gu coimhearsnachdan (Community Asset Transfer): ga dhèanamh nas fhasa",
        "pl": "Przekazywanie mienia społecznościom (Community Asset Transfer): jak to ułatwić",
    },
    "community-asset-transfer": {"gd": "gluasad-so-mhaoin", "pl": "przekazywanie-mienia"},
    "How can the council make it easier for groups to take on buildings and land?": {
        "gd": "Ciamar as urrainn don chomhairle a dhèanamh nas fhasa do bhuidhnean togalaichean agus fearann a ghabhail thairis?",
        "pl": "Jak rada może ułatwić grupom przejmowanie budynków i gruntów?",
    },
    "We want to hear from community groups about taking on council buildings and land.": {
        "gd": "Tha sinn airson cluinntinn bho bhuidhnean coimhearsnachd mu dheidhinn togalaichean agus fearann na comhairle a ghabhail thairis.",
        "pl": "Chcemy poznać zdanie grup społecznych na temat przejmowania budynków i gruntów należących do rady.",
    },
    "Your views": {"gd": "Ur beachdan", "pl": "Twoje zdanie"},
    "Community groups should be able to take on council buildings": {
        "gd": "Bu chòir do bhuidhnean coimhearsnachd a bhith comasach air togalaichean na comhairle a ghabhail thairis",
        "pl": "Grupy społeczne powinny mieć możliwość przejmowania budynków należących do rady",
    },
    "What would help your group do this?": {
        "gd": "Dè a chuidicheadh ur buidheann gus seo a dhèanamh?",
        "pl": "Co pomogłoby Twojej grupie to zrobić?",
    },
    # --- "Discover: how has the pandemic affected you?" (closed) -------------------------------
    "Discover: how has the pandemic affected you?": {
        "gd": "Rannsachadh: dè a' bhuaidh a thug an galar lèir-sgaoilte oirbh?",
        "pl": "Etap rozpoznania: jak pandemia wpłynęła na Twoje życie?",
    },
    "discover-phase-survey": {"gd": "suirbhidh-ire-an-rannsachaidh", "pl": "ankieta-etapu-rozpoznania"},
    "The 2020 engagement survey that shaped the Offer's priorities.": {
        "gd": "Suirbhidh com-pàirteachaidh 2020 a thug cumadh air prìomhachasan na Tairgse.",
        "pl": "Ankieta konsultacyjna z 2020 r., która ukształtowała priorytety Oferty.",
    },
    "This survey ran in June and July 2020 and received 787 responses.": {
        "gd": "Bha an suirbhidh seo a' ruith san Ògmhios agus san Iuchar 2020, agus fhuaras 787 freagairt.",
        "pl": "Ankieta trwała w czerwcu i lipcu 2020 r. i zebrała 787 odpowiedzi.",
    },
    # Its second step (the Discover survey's own questions)
    "The pandemic and your priorities": {
        "gd": "An galar lèir-sgaoilte agus ur prìomhachasan",
        "pl": "Pandemia i Twoje priorytety",
    },
    "How has the pandemic affected you or your household?": {
        "gd": "Dè a' bhuaidh a thug an galar lèir-sgaoilte oirbh fhèin no air ur teaghlach?",
        "pl": "Jak pandemia wpłynęła na Ciebie lub Twoje gospodarstwo domowe?",
    },
    "Isolation, loneliness or low mood": {
        "gd": "Aonaranachd, cianalas no trom-inntinn",
        "pl": "Izolacja, samotność lub przygnębienie",
    },
    "Less household income": {
        "gd": "Nas lugha de theachd-a-steach san dachaigh",
        "pl": "Niższe dochody gospodarstwa domowego",
    },
    "Fewer social activities": {
        "gd": "Nas lugha de chur-seachadan sòisealta",
        "pl": "Mniej spotkań i zajęć towarzyskich",
    },
    "Problems getting online": {
        "gd": "Duilgheadasan a' faighinn air loidhne",
        "pl": "Problemy z dostępem do internetu",
    },
    "Missed schooling or home schooling": {
        "gd": "Sgoil a chaidh a chall no foghlam aig an taigh",
        "pl": "Opuszczone lekcje lub nauka w domu",
    },
    "Juggling caring and work": {
        "gd": "A' cothromachadh cùram agus obair",
        "pl": "Godzenie opieki nad bliskimi z pracą",
    },
    "Losing work or a business": {"gd": "Obair no gnìomhachas a chall", "pl": "Utrata pracy lub firmy"},
    "What should the council and its partners focus on first?": {
        "gd": "Dè air am bu chòir don chomhairle agus dha com-pàirtichean fòcas a chur an toiseach?",
        "pl": "Na czym rada i jej partnerzy powinni skupić się najpierw?",
    },
    "Protecting the most vulnerable": {
        "gd": "Dìon nan daoine as so-leònte",
        "pl": "Ochrona osób najbardziej narażonych",
    },
    # Its outcome ("We asked, you said, we did")
    "Discover: what you told us and what we did": {
        "gd": "Rannsachadh: na dh'innis sibh dhuinn agus na rinn sinn",
        "pl": "Etap rozpoznania: co nam powiedzieliście i co zrobiliśmy",
    },
    "what-we-did": {"gd": "na-rinn-sinn", "pl": "co-zrobilismy"},
    "What the 2020 Discover survey found, and how it shaped the Offer's priorities.": {
        "gd": "Na fhuair suirbhidh an Rannsachaidh ann an 2020 a-mach, agus mar a thug e cumadh air prìomhachasan na Tairgse.",
        "pl": "Czego dowiedzieliśmy się z ankiety etapu rozpoznania w 2020 r. i jak ukształtowała ona priorytety Oferty.",
    },
    "In June and July 2020 we asked people who live and work in Perth and Kinross how the pandemic had affected them, and what the council and its partners should focus on first.": {
        "gd": "San Ògmhios agus san Iuchar 2020 dh'fhaighnich sinn do dhaoine a tha a' fuireach agus ag obair ann am Peairt agus Ceann Rois dè a' bhuaidh a thug an galar lèir-sgaoilte orra, agus dè air am bu chòir don chomhairle agus dha com-pàirtichean fòcas a chur an toiseach.",
        "pl": "W czerwcu i lipcu 2020 r. zapytaliśmy osoby, które mieszkają i pracują w Perth and Kinross, jak pandemia wpłynęła na ich życie i na czym rada i jej partnerzy powinni skupić się najpierw.",
    },
    "The survey received 787 responses. The key themes were isolation, loneliness and mental wellbeing; lower household incomes leading to poverty; communication challenges for some groups; fewer social activities; businesses folding and more unemployment; digital connectivity; and missed schooling, with home schooling and caring alongside work.": {
        "gd": "Fhuair an suirbhidh 787 freagairt. B' iad na prìomh chuspairean: aonaranachd, cianalas agus sunnd inntinn; teachd-a-steach nas ìsle san dachaigh a' leantainn gu bochdainn; duilgheadasan conaltraidh do chuid de bhuidhnean; nas lugha de chur-seachadan sòisealta; gnìomhachasan a' dùnadh agus barrachd cion-cosnaidh; ceangal didseatach; agus sgoil a chaidh a chall, le foghlam aig an taigh agus cùram an cois obrach.",
        "pl": "Ankieta zebrała 787 odpowiedzi. Najczęstsze tematy to izolacja, samotność i zdrowie psychiczne; niższe dochody gospodarstw domowych prowadzące do ubóstwa; trudności w komunikacji w niektórych grupach; mniej spotkań i zajęć towarzyskich; upadające firmy i rosnące bezrobocie; dostęp do internetu; a także opuszczone lekcje oraz nauka w domu i opieka nad bliskimi obok pracy.",
    },
    "The charts count the example responses stored on this demonstration site.": {
        "gd": "Tha na clàran-dealbh a' cunntadh nam freagairtean eisimpleir a tha air an làrach taisbeanaidh seo.",
        "pl": "Wykresy liczą przykładowe odpowiedzi zapisane w tej wersji demonstracyjnej serwisu.",
    },
    "How the pandemic affected people": {
        "gd": "A' bhuaidh a thug an galar lèir-sgaoilte air daoine",
        "pl": "Jak pandemia wpłynęła na ludzi",
    },
    "People could choose more than one answer, so the percentages add up to more than 100.": {
        "gd": "B' urrainn do dhaoine barrachd air aon fhreagairt a thaghadh, mar sin tha na ceudadan a' tighinn gu barrachd air 100.",
        "pl": "Można było wybrać więcej niż jedną odpowiedź, więc odsetki sumują się do ponad 100.",
    },
    "What to focus on first": {"gd": "Dè air an cuirear fòcas an toiseach", "pl": "Na czym skupić się najpierw"},
    "Community groups and council buildings": {
        "gd": "Buidhnean coimhearsnachd agus togalaichean na comhairle",
        "pl": "Grupy społeczne a budynki rady",
    },
    "In October 2020 the Community Planning Partnership's working group set its emerging priorities from what you told us: digital exclusion and connectivity, poverty, mental wellbeing, youth unemployment, and protecting the most vulnerable, including children.": {
        "gd": "San Dàmhair 2020 shuidhich buidheann-obrach a' Chom-pàirteachais Dealbhadh Coimhearsnachd na prìomhachasan ùra aca bho na dh'innis sibh dhuinn: às-dùnadh didseatach agus ceangal, bochdainn, sunnd inntinn, cion-cosnaidh am measg dhaoine òga, agus dìon nan daoine as so-leònte, a' gabhail a-steach clann.",
        "pl": "W październiku 2020 r. grupa robocza Partnerstwa na rzecz Planowania Społecznego (Community Planning Partnership) ustaliła na podstawie Waszych odpowiedzi wstępne priorytety: wykluczenie cyfrowe i dostęp do sieci, ubóstwo, zdrowie psychiczne, bezrobocie wśród młodzieży oraz ochronę osób najbardziej narażonych, w tym dzieci.",
    },
    "These priorities shaped Phase 2 of the Offer, Vision and Define, and the proposed vision and principles we are now consulting on.": {
        "gd": "Thug na prìomhachasan seo cumadh air Ìre 2 na Tairgse, Lèirsinn agus Mìneachadh (Vision and Define), agus air an lèirsinn agus na prionnsapalan a thathar a' moladh air a bheil sinn a-nis a' co-chomhairleachadh.",
        "pl": "Te priorytety ukształtowały drugi etap Oferty, Wizja i definiowanie (Vision and Define), oraz proponowaną wizję i zasady, które teraz konsultujemy.",
    },
}


def translate_consultations(command, source_locale):
    """Translate the consultations hub, then each of its consultations, into Gaelic and Polish.

    Safe to run again: a page that already has a version in a language is left alone. Run it after
    home.demo_translations.translate_demo, which translates the hub's parent (the home page).
    """
    hub = ConsultationIndexPage.objects.filter(locale=source_locale).first()
    objects = [("Consultations hub", hub)]
    if hub is not None:
        for consultation in ConsultationPage.objects.child_of(hub).order_by("path"):
            objects.append((f"Consultation '{consultation.title}'", consultation))
        # Outcomes after their consultations (a page comes after its parent).
        for outcome in ConsultationOutcomePage.objects.descendant_of(hub).filter(locale=source_locale):
            objects.append((f"Outcome '{outcome.title}'", outcome))
    translate_objects(command, objects, {**SITE_STRINGS, **STRINGS})
