"""Demo consultations from the seeds (called by `manage.py load_demo`); only adds what is missing."""

import datetime
import random

from django.utils import timezone

from .blocks import LIKERT_SCALE, PREFER_NOT_TO_SAY
from .demo_analysis import load_analysis_demo
from .journey import visible_answers, visible_steps
from .models import ConsultationIndexPage, ConsultationPage, Response, new_reference


def q(block_type, label, help_text="", required=True, **value):
    return {"type": block_type, "value": {"label": label, "help_text": help_text, "required": required, **value}}


VISION_SECTIONS = [
    {
        "type": "section",
        "value": {
            "title": "The proposed vision",
            "intro": "The vision shared by the Community Plan and the Corporate Plan is: creating a confident, ambitious and fairer Perth and Kinross, for all who live and work here.",
            "questions": [
                q("likert", "The vision describes the Perth and Kinross I want to live in"),
                q(
                    "matrix",
                    "How far do you agree with each proposed principle?",
                    help_text="The four principles are meant to guide how the council and communities work together.",
                    statements=["Bold vision", "Enabling", "Partnership", "Kindness"],
                ),
                q(
                    "long_text",
                    "What would you change in the vision, and why?",
                    required=False,
                    max_length=1500,
                ),
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "Priorities",
            "intro": "These priorities came from what people told us during the Discover phase in 2020.",
            "questions": [
                q(
                    "multiple_choice",
                    "Which of these should the Offer focus on first?",
                    help_text="Choose all that apply.",
                    options=[
                        "Poverty",
                        "Digital exclusion and connectivity",
                        "Mental wellbeing",
                        "Youth unemployment",
                        "Rural transport",
                    ],
                ),
                q(
                    "ranking",
                    "Put the five key areas in order of importance to you",
                    options=[
                        "Economy and entrepreneurship",
                        "Environment",
                        "Equalities",
                        "Education and learning",
                        "Empowerment",
                    ],
                ),
                q(
                    "single_choice",
                    "Would you like to get involved in a community project?",
                    options=["Yes", "Maybe", "No"],
                ),
                q("rating", "How useful is this website to you?", scale_max=5, required=False),
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "Getting involved",
            "intro": "Thank you for offering to help. Tell us a little more so the right people can get in touch.",
            # Shown only to residents who said yes on the step before (decided on the server).
            "show_if": {"question": "Would you like to get involved in a community project?", "answer": "Yes"},
            "questions": [
                q(
                    "multiple_choice",
                    "How would you like to help?",
                    help_text="Choose all that apply.",
                    options=[
                        "Volunteering with a local group",
                        "Joining a community conversation",
                        "Starting or sharing an idea for a project",
                        "Offering a skill, a space or equipment",
                    ],
                ),
                q("short_text", "Which town, village or community would you like to help in?", required=False),
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "About you",
            "intro": "These questions are optional. They help us see who we are hearing from, and who we are missing.",
            "questions": [
                q(
                    "postcode",
                    "Your postcode",
                    help_text="We use the first half to see which areas responses come from.",
                    required=False,
                ),
                q("number", "How many people live in your home?", required=False, min_value=1, max_value=20),
                q(
                    "about_you",
                    "Your age",
                    options=["Under 16", "16 to 24", "25 to 44", "45 to 64", "65 to 74", "75 or over"],
                ),
                q("short_text", "Are you answering for a group or organisation? If so, which?", required=False),
                q(
                    "email",
                    "Your email address",
                    help_text="Only if you want us to tell you what changed because of this consultation.",
                    required=False,
                ),
            ],
        },
    },
]

SHORT_SECTIONS = [
    {
        "type": "section",
        "value": {
            "title": "Your views",
            "intro": "",
            "questions": [
                q("likert", "Community groups should be able to take on council buildings"),
                q("long_text", "What would help your group do this?", required=False, max_length=1000),
            ],
        },
    }
]

# The closed Discover survey: the short questions, then how the pandemic affected people (the key
# themes of the 2020 Discover feedback) and what to focus on first (the Working Group's October 2020
# priorities), so its outcome page has results to chart.
DISCOVER_SECTIONS = SHORT_SECTIONS + [
    {
        "type": "section",
        "value": {
            "title": "The pandemic and your priorities",
            "intro": "",
            "questions": [
                q(
                    "multiple_choice",
                    "How has the pandemic affected you or your household?",
                    help_text="Choose all that apply.",
                    options=[
                        "Isolation, loneliness or low mood",
                        "Less household income",
                        "Fewer social activities",
                        "Problems getting online",
                        "Missed schooling or home schooling",
                        "Juggling caring and work",
                        "Losing work or a business",
                    ],
                ),
                q(
                    "single_choice",
                    "What should the council and its partners focus on first?",
                    options=[
                        "Poverty",
                        "Digital exclusion and connectivity",
                        "Mental wellbeing",
                        "Youth unemployment",
                        "Protecting the most vulnerable",
                    ],
                ),
            ],
        },
    }
]

COMMON = {
    "who_can_respond": "<p>Anyone who lives, works or studies in Perth and Kinross, and any group or business based here.</p>",
    "how_responses_are_used": "<p>The Offer team reads every response. A summary of what you told us, and what changed because of it, is published on this site. Your answers are kept for 12 months after the consultation closes.</p>",
}


def load_consultations(command, home, locale, documents):
    hub = ConsultationIndexPage.objects.child_of(home).first()
    if hub is None:
        hub = ConsultationIndexPage(
            title="Consultations",
            slug="consultations",
            locale=locale,
            summary="Have your say on the Perth and Kinross Offer.",
            intro="Tell us what you think of the proposed vision, principles and priorities. You can answer in English, Gaelic or Polish.",
        )
        home.add_child(instance=hub)
        hub.save_revision().publish()
        command.log("  Consultations hub: created")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    specs = [
        {
            "slug": "proposed-vision-and-principles",
            "title": "The proposed vision and principles",
            "summary": "Do the vision, the four principles and the priorities reflect what matters to you?",
            "opens_at": now - datetime.timedelta(days=14),
            "closes_at": now + datetime.timedelta(days=60),
            "sections": VISION_SECTIONS,
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>In Phase 2, Vision and Define, the Community Planning Partnership is developing the PK Offer Blueprint: an agreed approach and vision, objectives and key priorities, underpinned by agreed principles. Before it is agreed, we want to test it with the people of Perth and Kinross.</p>",
                },
                {
                    "type": "paragraph",
                    "value": "<p>The proposed principles are Bold vision, Enabling, Partnership and Kindness. The priorities come from what more than 6,000 survey responses told us in 2020.</p>",
                },
            ],
            # The link text is set (not left to the document's title) so that translators can translate it.
            "documents": [
                {
                    "type": "document",
                    "value": {"document": documents["discover-figures"].pk, "title": "Discover phase response figures"},
                }
            ],
            "responses": 240,
        },
        {
            "slug": "community-asset-transfer",
            "title": "Community Asset Transfer: making it easier",
            "summary": "How can the council make it easier for groups to take on buildings and land?",
            "opens_at": now + datetime.timedelta(days=30),
            "closes_at": now + datetime.timedelta(days=90),
            "sections": SHORT_SECTIONS,
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>We want to hear from community groups about taking on council buildings and land.</p>",
                }
            ],
            "documents": [],
            "responses": 0,
        },
        {
            "slug": "discover-phase-survey",
            "title": "Discover: how has the pandemic affected you?",
            "summary": "The 2020 engagement survey that shaped the Offer's priorities.",
            "opens_at": now - datetime.timedelta(days=400),
            "closes_at": now - datetime.timedelta(days=300),
            "sections": DISCOVER_SECTIONS,
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>This survey ran in June and July 2020 and received 787 responses.</p>",
                }
            ],
            "documents": [],
            "responses": 40,
        },
    ]
    for spec in specs:
        if ConsultationPage.objects.child_of(hub).filter(slug=spec["slug"]).exists():
            continue
        count = spec.pop("responses")
        page = ConsultationPage(locale=locale, **COMMON, **spec)
        hub.add_child(instance=page)
        page.save_revision().publish()
        page = ConsultationPage.objects.get(pk=page.pk)
        generate_responses(page, count)
        command.log(f"  Consultation '{page.title}': created with {count} example responses")
        if page.status == ConsultationPage.OPEN:
            embed_in(home, page, command)
            vision = home.get_children().filter(slug="our-vision").first()
            if vision is not None:
                embed_in(vision.specific, page, command)
    add_staff_entered_responses(hub, command)
    load_analysis_demo(hub, command)  # codes and coded answers, population shares (demo_analysis.py)
    add_outcome(hub, command)
    return hub


OUTCOME_CHARTS = [
    (
        "How has the pandemic affected you or your household?",
        "How the pandemic affected people",
        "People could choose more than one answer, so the percentages add up to more than 100.",
    ),
    ("What should the council and its partners focus on first?", "What to focus on first", ""),
    ("Community groups should be able to take on council buildings", "Community groups and council buildings", ""),
]


def add_outcome(hub, command):
    """ "We asked, you said, we did" for the closed Discover survey, published (it has closed).

    Written from the seeds (the Discover phase and its key themes, the Community Planning
    Partnership's emerging priorities); no quotes. The charts count the demo's example responses."""
    from .models import ConsultationOutcomePage

    page = ConsultationPage.objects.child_of(hub).filter(slug="discover-phase-survey").first()
    if page is None or ConsultationOutcomePage.objects.child_of(page).exists():
        return
    by_label = {value["label"]: qid for _step, qid, _type, value in page.questions()}
    charts = [
        ("results_chart", {"question": by_label[label], "heading": heading, "commentary": commentary})
        for label, heading, commentary in OUTCOME_CHARTS
        if label in by_label  # a demo database from before the survey had these questions
    ]
    outcome = ConsultationOutcomePage(
        title="Discover: what you told us and what we did",
        slug="what-we-did",
        locale=page.locale,
        summary="What the 2020 Discover survey found, and how it shaped the Offer's priorities.",
        we_asked=(
            "<p>In June and July 2020 we asked people who live and work in Perth and Kinross how the "
            "pandemic had affected them, and what the council and its partners should focus on first.</p>"
        ),
        you_said=[
            (
                "paragraph",
                "<p>The survey received 787 responses. The key themes were isolation, loneliness and mental "
                "wellbeing; lower household incomes leading to poverty; communication challenges for some "
                "groups; fewer social activities; businesses folding and more unemployment; digital "
                "connectivity; and missed schooling, with home schooling and caring alongside work.</p>",
            ),
            ("paragraph", "<p>The charts count the example responses stored on this demonstration site.</p>"),
            *charts,
        ],
        we_did=[
            (
                "paragraph",
                "<p>In October 2020 the Community Planning Partnership's working group set its emerging "
                "priorities from what you told us: digital exclusion and connectivity, poverty, mental "
                "wellbeing, youth unemployment, and protecting the most vulnerable, including children.</p>",
            ),
            (
                "paragraph",
                "<p>These priorities shaped Phase 2 of the Offer, Vision and Define, and the proposed vision "
                "and principles we are now consulting on.</p>",
            ),
        ],
    )
    page.add_child(instance=outcome)
    outcome.save_revision().publish()
    command.log(f"  Consultation '{page.title}': outcome published with {len(charts)} results charts")


# Responses that reached the council on paper, by phone or at an event, as staff type them in
# (Consultation responses → a consultation → "Enter a response"); entered_by is left empty.
STAFF_ENTERED = [
    ("paper", "en", "agree", "A hall committee needs help with the insurance and the survey costs."),
    ("paper", "gd", "strongly-agree", "Bu chòir taic a bhith ann airson nam bailtean beaga."),
    ("phone", "en", "neither", "Our group is small; we could not take on a whole building."),
    ("phone", "pl", "agree", "Potrzebujemy pomocy przy wypełnianiu wniosku."),
    ("event", "en", "strongly-agree", "Advice on running costs before we apply, please."),
]


def add_staff_entered_responses(hub, command):
    """A few paper, phone and event responses on the closed demo consultation (only if it has none)."""
    page = ConsultationPage.objects.child_of(hub).filter(slug="discover-phase-survey").first()
    if page is None or Response.objects.filter(consultation=page).exclude(channel="web").exists():
        return
    labels = {qid: value["label"] for _step, qid, _type, value in page.questions()}
    responses = []
    for n, (channel, language, scale, text) in enumerate(STAFF_ENTERED):
        answers = {}
        for _step, qid, block_type, value in page.questions():
            options = [item.id for item in value["options"].bound_blocks] if "options" in value else []
            if block_type == "likert":
                answers[qid] = scale
            elif block_type == "long_text":
                answers[qid] = text
            elif block_type == "single_choice":
                answers[qid] = options[n % len(options)]
            elif block_type == "multiple_choice":
                answers[qid] = sorted({options[n % len(options)], options[(n + 2) % len(options)]}, key=options.index)
        responses.append(
            Response(
                consultation=page,
                channel=channel,
                language=language,
                submitted_at=page.closes_at - datetime.timedelta(days=2 * n + 1, hours=3),
                answers=answers,
                labels=labels,
                reference=new_reference(),
            )
        )
    Response.objects.bulk_create(responses)
    command.log(f"  Consultation '{page.title}': {len(responses)} paper, phone and event responses")


def embed_in(target, consultation, command):
    """Put the consultation's first step at the end of a page's body, and republish it."""
    target.body.append(("consultation", {"consultation": consultation}))
    target.save_revision().publish()
    command.log(f"  Consultation embedded in '{target.title}'")


def generate_responses(page, count):
    """Plausible example answers keyed by the real question and option ids (for the staff views)."""
    rnd = random.Random(page.slug)
    scale = [key for key, _label in LIKERT_SCALE]
    postcodes = ["PH1 5PH", "PH2 8NG", "PH7 4BL", "PH10 6SG", "KY13 8AA", "PH15 2BN", "PH16 5DE"]
    labels = {qid: value["label"] for _step, qid, _type, value in page.questions()}
    sections = list(page.sections)
    responses = []
    for n in range(count):
        answers = {}
        for _step, qid, block_type, value in page.questions():
            if not value["required"] and rnd.random() < 0.4:
                continue
            options = [item.id for item in value["options"].bound_blocks] if "options" in value else []
            if block_type in ("single_choice",):
                answers[qid] = rnd.choice(options)
            elif block_type == "about_you":
                answers[qid] = rnd.choice([*options, PREFER_NOT_TO_SAY])
            elif block_type == "multiple_choice":
                answers[qid] = rnd.sample(options, rnd.randint(1, len(options)))
            elif block_type == "likert":
                answers[qid] = rnd.choice(scale)
            elif block_type == "matrix":
                answers[qid] = {item.id: rnd.choice(scale) for item in value["statements"].bound_blocks}
            elif block_type == "ranking":
                answers[qid] = rnd.sample(options, len(options))
            elif block_type == "rating":
                answers[qid] = rnd.randint(1, value["scale_max"])
            elif block_type == "number":
                answers[qid] = rnd.randint(1, 6)
            elif block_type == "postcode":
                answers[qid] = rnd.choice(postcodes)
            elif block_type == "long_text":
                answers[qid] = rnd.choice(
                    ["More buses in rural areas.", "Keep the library open.", "Support for carers.", "Better broadband."]
                )
        # Answers to a step its condition hides are never sent, as on the website.
        answers = visible_answers(page, answers, visible_steps(page, answers, sections), sections)
        responses.append(
            Response(
                consultation=page,
                language=rnd.choices(["en", "pl", "gd"], weights=[85, 10, 5])[0],
                submitted_at=min(page.closes_at, timezone.now()) - datetime.timedelta(hours=n * 3 + 1),
                answers=answers,
                labels=labels,
                reference=new_reference(),
            )
        )
    Response.objects.bulk_create(responses)
