"""Demo stories written from the seeds (facts from the seed documents, our own prose)."""

import datetime

THEMES = [
    ("economy-and-entrepreneurship", "Economy and entrepreneurship", "Local jobs, businesses and new enterprise."),
    ("environment", "Environment", "Greenspace, neighbourhoods and a sustainable place for future generations."),
    ("equalities", "Equalities", "Tackling poverty, isolation and digital exclusion."),
    ("education-and-learning", "Education and learning", "The best start for every child and learning at every age."),
    ("empowerment", "Empowerment", "Communities taking the lead and co-producing services."),
]

PLACES = [
    ("perth-city", "Perth City"),
    ("kinross-shire", "Kinross-shire"),
    ("highland-perthshire", "Highland Perthshire"),
    ("strathearn", "Strathearn"),
    ("strathtay", "Strathtay"),
    ("carse-of-gowrie", "Carse of Gowrie"),
    ("blairgowrie-and-the-glens", "Blairgowrie and the Glens"),
    ("almond-and-earn", "Almond and Earn"),
    ("strathallan", "Strathallan"),
]

PEOPLE = [
    ("offer-team", "Perth and Kinross Offer team", "Perth and Kinross Council", True),
    ("communications-team", "Communications team", "Perth and Kinross Council", True),
]

INDEX = {
    "title": "News and stories",
    "slug": "news-and-stories",
    "summary": "Progress on the Perth and Kinross Offer: vision updates, blogs, videos, podcasts and community stories.",
    "intro": "Follow the Offer's progress and see what neighbours, groups and partners across Perth and Kinross are doing together.",
}


def p(*paragraphs):
    return [("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))]


STORIES = [
    {
        "type": "community",
        "slug": "home-first",
        "title": "Home First: support that starts at home",
        "summary": "The Home First programme works with people to find and keep a settled home, instead of moving them between temporary places.",
        "date": datetime.date(2020, 2, 14),
        "theme": "equalities",
        "place": "perth-city",
        "themes": ["equalities", "empowerment"],
        "places": ["perth-city"],
        "tags": ["housing", "quick wins"],
        "featured": True,
        "image": "home",
        "storyteller": "Home First programme",
        "body": p(
            "Home First is one of the quick wins the council named in December 2019: work already under way that fits the ethos of the Perth and Kinross Offer.",
            "Rather than deciding for people, staff sit down with them, agree what matters most and build support around a settled home. Small changes, agreed together, can lead to better outcomes for each person.",
        ),
        "quote": "Small changes can lead to better individual outcomes.",
        "quote_attribution": "Perth and Kinross Offer Update, December 2019",
    },
    {
        "type": "community",
        "slug": "reduced-bus-fares",
        "title": "Cheaper bus fares with Stagecoach",
        "summary": "A partnership with Stagecoach reduced bus fares, helping people in rural areas reach work, learning and services.",
        "date": datetime.date(2020, 1, 20),
        "theme": "economy-and-entrepreneurship",
        "place": "highland-perthshire",
        "themes": ["economy-and-entrepreneurship", "equalities"],
        "places": ["highland-perthshire", "strathtay"],
        "tags": ["transport", "quick wins"],
        "image": "bus",
        "storyteller": "Stagecoach and Perth and Kinross Council",
        "body": p(
            "Rural transport came up again and again when staff and residents talked about inequality: without an affordable bus, a job, a college course or a hospital appointment can be out of reach.",
            "The partnership with Stagecoach for reduced bus fares is one of the projects the council highlighted as the Offer in practice: a partner and the council agreeing a shared priority and acting on it.",
        ),
    },
    {
        "type": "community",
        "slug": "community-bloom-groups",
        "title": "Community Bloom Groups brighten their towns",
        "summary": "Volunteers in Bloom groups look after planting and greenspace, with support from the council.",
        "date": datetime.date(2020, 6, 5),
        "theme": "environment",
        "place": "strathearn",
        "themes": ["environment", "empowerment"],
        "places": ["strathearn", "kinross-shire"],
        "tags": ["greenspace", "volunteering", "quick wins"],
        "image": "bloom",
        "storyteller": "Community Bloom Groups",
        "body": p(
            "Across Perth and Kinross, Bloom groups plant and tend flower beds, tubs and verges. During 2020 many also helped maintain greenspace and neighbourhoods while normal services were stretched.",
            "The council supports the groups with advice and materials; the groups decide what their place needs. It is exactly the relationship the Offer describes: not provider and consumer, but partners.",
        ),
        "quote": "Everyone has something to offer.",
        "quote_attribution": "The Perth and Kinross Offer",
        "get_involved_text": "Find out about volunteering",
        "get_involved_url": "https://www.pkc.gov.uk/",
    },
    {
        "type": "community",
        "slug": "community-asset-transfer",
        "title": "Community Asset Transfer: buildings in community hands",
        "summary": "Community groups can take on council land and buildings and run them for their area.",
        "date": datetime.date(2020, 3, 2),
        "theme": "empowerment",
        "place": "blairgowrie-and-the-glens",
        "themes": ["empowerment"],
        "places": ["blairgowrie-and-the-glens"],
        "tags": ["community ownership", "quick wins"],
        "image": "hall",
        "storyteller": "Community groups",
        "body": p(
            "Through Community Asset Transfer, a community body can lease or buy a council building or piece of land, when it can show how the community will benefit.",
            "Halls, greenspace and sports facilities run by the people who use them are often better suited to local needs. The council's approach to asset transfer is one of the examples it gives of the Offer's ethos.",
        ),
    },
    {
        "type": "community",
        "slug": "intergenerational-projects",
        "title": "Young and old learning together",
        "summary": "Intergenerational projects bring schools and older residents together, to the benefit of both.",
        "date": datetime.date(2020, 2, 28),
        "theme": "education-and-learning",
        "place": "kinross-shire",
        "themes": ["education-and-learning", "equalities"],
        "places": ["kinross-shire"],
        "tags": ["schools", "older people", "quick wins"],
        "image": "learning",
        "storyteller": "Schools and communities",
        "body": p(
            "Pupils visit care homes and lunch clubs, older residents share skills and stories in classrooms. Both groups report less loneliness and more confidence.",
            "Isolation and loneliness were among the strongest themes in what people told the council in 2020, which makes projects like these more important than ever.",
        ),
    },
    {
        "type": "community",
        "slug": "neighbours-helping-neighbours",
        "title": "Neighbours helping neighbours",
        "summary": "During the pandemic, residents and new community groups delivered food, did shopping and kept in touch with people on their own.",
        "date": datetime.date(2020, 9, 18),
        "theme": "empowerment",
        "place": "carse-of-gowrie",
        "themes": ["empowerment", "equalities"],
        "places": ["carse-of-gowrie", "almond-and-earn", "strathallan"],
        "tags": ["pandemic", "volunteering"],
        "featured": True,
        "image": "neighbours",
        "storyteller": "Residents and community groups",
        "body": p(
            "Since March 2020 the council has gathered many examples of neighbourliness: people getting to know and help the people around them.",
            "Volunteers helped with food deliveries, shopping, gardening and small jobs. Groups set up quickly to meet their own community's needs, managed their own money and kept in touch with anyone who needed support. Others helped children with home schooling and kept them active, or did minor repairs at home and looked after greenspace.",
        ),
        "quote": "Groups set up quickly to answer the needs of their own communities.",
        "quote_attribution": "Community Planning Partnership Board, December 2020",
    },
    {
        "type": "vision",
        "slug": "discover-phase-complete",
        "title": "Discover phase complete: what we heard",
        "summary": "Over the summer and autumn of 2020 thousands of residents, staff and businesses told us how the pandemic affected them.",
        "date": datetime.date(2020, 11, 2),
        "phase": "discover",
        "themes": ["equalities", "economy-and-entrepreneurship"],
        "places": [],
        "tags": ["engagement", "Discover"],
        "image": "survey",
        "what_changed": "<ul><li>Surveys closed: 2,800 health and wellbeing responses, 1,500 staff, 787 external, 1,300 business</li><li>Key themes agreed from the feedback</li><li>Emerging priorities shared with the Community Planning Partnership</li></ul>",
        "body": p(
            "Phase 1, Discover, ran from July to October 2020. Its purpose was to understand the impact of the pandemic before setting a vision.",
            "People told us about isolation and loneliness, falling household incomes, businesses closing, rising unemployment, missed schooling and poor digital connectivity. Those themes now shape the next phase.",
        ),
    },
    {
        "type": "vision",
        "slug": "vision-and-define-begins",
        "title": "Phase 2 begins: Vision and Define",
        "summary": "From November 2020 to March 2021, the Community Planning Partnership develops the vision and the PK Offer Blueprint.",
        "date": datetime.date(2020, 12, 11),
        "phase": "vision-and-define",
        "themes": ["empowerment"],
        "places": [],
        "tags": ["Blueprint", "Vision and Define"],
        "featured": True,
        "image": "landscape",
        "what_changed": "<ul><li>Four principles proposed: Bold vision, Enabling, Partnership, Kindness</li><li>Workshop with the Community Planning Partnership planned for January 2021</li><li>Engagement to test the vision with community groups, the third sector, businesses, residents and staff</li></ul>",
        "body": p(
            "The Community Planning Partnership Board heard the update on 11 December 2020. Step one is a workshop in January 2021 to develop a vision, high-level objectives and outcomes, set clear principles and agree the strategic framework.",
            "Step two is to test the proposed vision and priorities with communities. By the end of March 2021 the partnership aims to have the PK Offer Blueprint: an agreed approach and vision, objectives and key priorities, underpinned by agreed principles.",
        ),
    },
    {
        "type": "blog",
        "slug": "four-principles",
        "title": "Four principles for the Offer",
        "summary": "Bold vision, Enabling, Partnership and Kindness: what the proposed principles mean in everyday work.",
        "date": datetime.date(2021, 1, 15),
        "author": "offer-team",
        "themes": ["empowerment"],
        "places": [],
        "tags": ["principles"],
        "featured": True,
        "image": "community",
        "body": p(
            "We want to build back a better Perth and Kinross, and we have proposed four principles to guide how.",
            "<b>Bold vision</b>: aiming high together. <b>Enabling</b>: helping people act, with less bureaucracy and a positive attitude to risk. <b>Partnership</b>: agreeing priorities with communities and partners. <b>Kindness</b>: keeping the neighbourliness that grew in 2020.",
            "At the heart of all four is one idea: everyone has something to offer.",
        ),
    },
    {
        "type": "blog",
        "slug": "what-the-surveys-told-us",
        "title": "What the surveys told us, in numbers",
        "summary": "A closer look at the surveys behind the Discover phase and the response counts.",
        "date": datetime.date(2020, 11, 20),
        "author": "communications-team",
        "themes": ["equalities"],
        "places": [],
        "tags": ["engagement", "Discover"],
        "image": "survey",
        "body": [
            (
                "paragraph",
                "<p>Numbers do not tell the whole story, but they show how many people took part in 2020.</p>",
            ),
            (
                "table",
                {
                    "caption": "Survey responses during the Discover phase",
                    "header": ["Survey", "Responses"],
                    "rows": [
                        ["Health and wellbeing surveys (April and October)", "2,800"],
                        ["Staff impact questionnaire (August)", "1,500"],
                        ["Business Barometers (June and September)", "1,300"],
                        ["External engagement survey (June and July)", "787"],
                    ],
                    "first_column_is_header": True,
                },
            ),
            (
                "paragraph",
                "<p>On top of these were a community impact assessment survey, more than 10 ward meetings and regular meetings with equalities groups.</p>",
            ),
        ],
    },
    {
        "type": "blog",
        "slug": "think-yes",
        "title": "Think Yes: how staff are changing the way we work",
        "summary": "An employee working group that grew from 30 to about 50 people is helping the council work differently.",
        "date": datetime.date(2020, 10, 8),
        "author": "offer-team",
        "themes": ["education-and-learning"],
        "places": [],
        "tags": ["staff", "Think Yes"],
        "image": "learning",
        "body": p(
            "More than 85% of the council's workforce also live in Perth and Kinross, so staff see the Offer from both sides.",
            "The employee working group started in August 2019 with around 30 members and grew by word of mouth to about 50. In 2020 staff adapted fast: less reliance on buildings, more digital tools, less bureaucracy and a Think Yes approach with minimum supervision.",
        ),
    },
    {
        "type": "video",
        "slug": "the-offer-in-one-minute",
        "title": "The Offer in one minute",
        "summary": "A short video introducing the Perth and Kinross Offer, with captions and a full transcript.",
        "date": datetime.date(2021, 2, 1),
        "themes": ["empowerment"],
        "places": [],
        "tags": ["video"],
        "image": "community",
        "body": p(
            "This short demonstration clip was generated for the demo site. It has captions and a transcript, like every video on this site."
        ),
        "transcript": "<p>[Gentle music]</p><p>Narrator: Everyone in Perth and Kinross has something to offer.</p><p>Narrator: The Perth and Kinross Offer is about working together: residents, communities, businesses and the council.</p><p>Narrator: Tell us what you think of the proposed vision.</p>",
    },
    {
        "type": "podcast",
        "slug": "episode-1-everyone-has-something-to-offer",
        "title": "Episode 1: Everyone has something to offer",
        "summary": "The first episode of the Offer podcast: what the Offer is and how to take part.",
        "date": datetime.date(2021, 2, 10),
        "episode": 1,
        "themes": ["empowerment", "equalities"],
        "places": [],
        "tags": ["podcast"],
        "image": "neighbours",
        "body": p(
            "In our first episode we talk about why the council wants to work with communities instead of only for them. (This demo episode's audio was generated for the demo site.)"
        ),
        "transcript": "<p>Host: Welcome to the Perth and Kinross Offer podcast.</p><p>Host: In this first episode we ask a simple question: what does everyone have to offer?</p><p>Guest: In 2020 we saw neighbours delivering food, groups forming overnight and staff stepping into new roles. We want to keep that spirit.</p><p>Host: Thanks for listening. You can find more stories on the News and stories page.</p>",
    },
]

CAPTIONS_VTT = """WEBVTT

00:00:00.000 --> 00:00:02.000
[Gentle music]

00:00:02.000 --> 00:00:04.000
Everyone in Perth and Kinross has something to offer.

00:00:04.000 --> 00:00:06.000
Tell us what you think of the proposed vision.
"""
