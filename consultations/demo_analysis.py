"""Demo content for the analysis (issue 8): codes with coded answers on the closed demo consultation's
free-text question, and population shares for Perth and Kinross areas and age bands.

The population shares are EXAMPLE DATA, not official statistics: round figures of a plausible shape,
said so in each snippet's "source" field, for staff to replace with the council's own figures.
"""

from .models import AnswerCode, CodedAnswer, ConsultationPage, PopulationShare, Response

EXAMPLE_SOURCE = "Example data (demo), not official statistics: replace with the council's figures"

AREAS = [
    ("Perth City", "PH1, PH2", 32),
    ("Strathearn", "PH3, PH4, PH5, PH6, PH7", 18),
    ("Highland Perthshire", "PH8, PH9, PH15, PH16, PH17, PH18", 12),
    ("Eastern Perthshire", "PH10, PH11, PH12, PH13", 20),
    ("Carse of Gowrie", "PH14", 7),
    ("Kinross-shire", "KY13, KY14", 11),
]
# Worded as the options of the demo's "Your age" question, so they match.
AGE_BANDS = [
    ("Under 16", 16),
    ("16 to 24", 9),
    ("25 to 44", 21),
    ("45 to 64", 29),
    ("65 to 74", 13),
    ("75 or over", 12),
]

# (code, what it covers, words that put an answer under it)
CODES = [
    ("Transport", "Buses, trains, getting about", ("bus", "transport")),
    ("Buildings and libraries", "Keeping buildings and services open", ("library", "building")),
    ("Carers", "Support for unpaid carers", ("carer",)),
    ("Digital connectivity", "Broadband and getting online", ("broadband", "online")),
    ("Advice and funding", "Help with applications, running costs and advice", ("advice", "help", "pomoc")),
]


def add_population_shares(command):
    if PopulationShare.objects.exists():
        return
    shares = [
        PopulationShare(
            dimension=PopulationShare.AREA,
            name=name,
            postcode_districts=districts,
            share=share,
            source=EXAMPLE_SOURCE,
            sort_order=n,
        )
        for n, (name, districts, share) in enumerate(AREAS, start=1)
    ] + [
        PopulationShare(dimension=PopulationShare.AGE, name=name, share=share, source=EXAMPLE_SOURCE, sort_order=n)
        for n, (name, share) in enumerate(AGE_BANDS, start=1)
    ]
    PopulationShare.objects.bulk_create(shares)
    command.log(f"  Population shares: {len(shares)} areas and age bands (example data)")


def add_codes(hub, command):
    """Codes on the closed Discover survey's free-text question, most of its answers tagged."""
    page = ConsultationPage.objects.child_of(hub).filter(slug="discover-phase-survey").first()
    if page is None or AnswerCode.objects.filter(consultation=page).exists():
        return
    text_ids = [qid for _step, qid, kind, _value in page.questions() if kind == "long_text"]
    if not text_ids:
        return
    question_id = text_ids[0]
    codes = {
        name: (AnswerCode.objects.create(consultation=page, name=name, description=description), words)
        for name, description, words in CODES
    }
    coded = []
    responses = Response.objects.filter(consultation=page).order_by("submitted_at", "pk")
    for n, (pk, answers) in enumerate(responses.values_list("pk", "answers")):
        text = str((answers or {}).get(question_id) or "").casefold()
        if not text or n % 5 == 4:  # every fifth answer left for staff to code
            continue
        for code, words in codes.values():
            if any(word in text for word in words):
                coded.append(CodedAnswer(response_id=pk, question_id=question_id, code=code))
    CodedAnswer.objects.bulk_create(coded)
    command.log(f"  Consultation '{page.title}': {len(codes)} codes on {len(coded)} free-text answers")


def load_analysis_demo(hub, command):
    add_population_shares(command)
    add_codes(hub, command)
