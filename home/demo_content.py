"""Demo content written from the source documents in shared/seeds/ (facts from the seeds, our own prose).

Sources: Perth and Kinross Council Report No. 19/361 "Perth and Kinross Offer Update"
(18 December 2019) and the Community Planning Partnership Board slides "The Perth and Kinross
Offer Update" (11 December 2020).
"""

SITE_SETTINGS = {
    "organisation_name": "Perth and Kinross Council",
    "site_name": "Perth and Kinross Offer",
    "phase": "Beta",
    "phase_message": "This is a new website: tell us what you think by contacting the Offer team.",
    "phone": "01738 475000",
    "text_phone": "07824 498145",
    "email": "pkoffer@pkc.gov.uk",
    "address": "Perth and Kinross Council\n2 High Street\nPerth\nPH1 5PH",
    "contact_hours": "Customer Service Centre: Monday to Friday, 8am to 6pm",
}

HOME = {
    "title": "Perth and Kinross Offer",
    "slug": "home",
    "tagline": "Everyone in Perth and Kinross has something to offer: let's shape our future together.",
    "summary": (
        "The Perth and Kinross Offer is the council's new way of working with residents, communities "
        "and businesses, instead of only providing services to them."
    ),
    "vision_heading": "Our vision",
    "vision": ("Creating a confident, ambitious and fairer Perth and Kinross, for all who live and work here."),
    "objectives_heading": "Our strategic objectives",
    "objectives": [
        "Giving every child the best start in life",
        "Developing educated, responsible and informed citizens",
        "Promoting a prosperous, inclusive and sustainable economy",
        "Supporting people to lead independent, healthy and active lives",
        "Creating a safe and sustainable place for future generations",
    ],
    "principles_heading": "Our proposed principles",
    "principles": [
        ("Bold vision", "We aim high for Perth and Kinross and build back better after the pandemic."),
        ("Enabling", "We help people and groups do what matters to them, instead of doing it for them."),
        ("Partnership", "We agree priorities with communities, partners and businesses and deliver them together."),
        ("Kindness", "We treat each other with kindness and look out for the people who need it most."),
    ],
}

# Each page: slug, title, summary, body (list of (block_type, value)), children.
PAGES = [
    {
        "slug": "about",
        "title": "About the Offer",
        "summary": "What the Perth and Kinross Offer is, why the council started it and where it is going.",
        "menu": True,
        "body": [
            ("heading", {"text": "A new relationship", "level": "h2"}),
            (
                "paragraph",
                "<p>The Perth and Kinross Offer is a new direction for the council. Instead of the old "
                "relationship of <b>provider</b> and <b>consumer</b>, the council wants to work with "
                "residents, communities, partners and businesses to agree priorities and design the future "
                "together, and to line up its budgets with those shared ambitions.</p>"
                "<p>In practice that means targeting resources where they make the biggest difference and "
                "wrapping services around communities, in places that suit them.</p>",
            ),
            (
                "quote",
                {
                    "quote": (
                        "An ambitious new way of working more closely with citizens and communities, the "
                        "'Perth and Kinross Offer', has the potential to achieve considerable change in how "
                        "services are designed and delivered."
                    ),
                    "attribution": "Deputy Chair of the Accounts Commission, Best Value Assurance Report, August 2019",
                },
            ),
            ("heading", {"text": "A long-term change", "level": "h2"}),
            (
                "paragraph",
                "<p>Changing the culture of an organisation usually takes two to five years, and a change of "
                "this size may take longer. Wigan Council, whose Wigan Deal inspired others, was still "
                "improving its approach nine years after starting in 2011. The Offer asks everyone for "
                "commitment, enthusiasm and a <i>Think Yes</i> approach.</p>",
            ),
            ("heading", {"text": "How the work is phased", "level": "h2"}),
            (
                "table",
                {
                    "caption": "The phases of the Perth and Kinross Offer",
                    "header": ["Phase", "When", "What happens"],
                    "rows": [
                        ["1. Discover", "July to October 2020", "Engagement to understand the impact of the pandemic"],
                        [
                            "2. Vision and Define",
                            "November 2020 to March 2021",
                            "Develop the vision, the approach and new ways of delivering services",
                        ],
                        ["3. Deliver", "From April 2021", "Design and deliver, together with communities"],
                    ],
                    "first_column_is_header": True,
                },
            ),
            ("heading", {"text": "Priorities since December 2019", "level": "h2"}),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "1. Building the Offer vision",
                            "content": "<p>Finding the right identity and story for the Offer, and using it as the basis of engagement inside and outside the council.</p>",
                        },
                        {
                            "title": "2. A communication and engagement plan",
                            "content": "<p>A clear plan for engaging community groups, businesses and residents, with one agreed set of questions so findings can be compared and reported.</p>",
                        },
                        {
                            "title": "3. The employee experience",
                            "content": "<p>An employee learning experience so every member of staff understands the Offer and can Think Yes. Over 85% of the workforce also live in Perth and Kinross.</p>",
                        },
                        {
                            "title": "4. Promoting quick wins",
                            "content": "<p>Sharing projects that already work with communities, such as Home First, reduced bus fares with Stagecoach, Community Bloom Groups, Community Asset Transfer and intergenerational projects.</p>",
                        },
                        {
                            "title": "5. Digital engagement",
                            "content": "<p>Reaching as many people as possible, online and face to face, including this website dedicated to progress around the Offer.</p>",
                        },
                    ]
                },
            ),
        ],
        "children": [
            {
                "slug": "five-key-areas",
                "title": "The five key areas",
                "summary": "The five themes that shape the Offer's projects and collaboration.",
                "menu": False,
                "body": [
                    (
                        "paragraph",
                        "<p>Feedback from more than 1,000 people at over 40 engagement events in 2019 was grouped "
                        "into five key areas. They guide the projects the council and communities take on together.</p>",
                    ),
                    ("heading", {"text": "Economy and entrepreneurship", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Supporting local businesses, jobs and new enterprise, so that the economy is prosperous, inclusive and sustainable. During 2020 two Business Barometer surveys gathered 1,300 responses from local firms.</p>",
                    ),
                    ("heading", {"text": "Environment", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Looking after greenspace and neighbourhoods with the people who live there, and creating a safe and sustainable place for future generations.</p>",
                    ),
                    ("heading", {"text": "Equalities", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Tackling poverty, digital exclusion and isolation, and making sure minority ethnic communities, migrant workers and the most vulnerable are heard and supported.</p>",
                    ),
                    ("heading", {"text": "Education and learning", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Giving every child the best start in life and offering learning at every age, including training that helps community members take part effectively.</p>",
                    ),
                    ("heading", {"text": "Empowerment", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Helping communities take the lead: community participation, co-production of services and approaches such as Community Asset Transfer.</p>",
                    ),
                ],
            }
        ],
    },
    {
        "slug": "our-vision",
        "title": "Our vision",
        "summary": "The current vision, the five strategic objectives and the four principles proposed for the Offer.",
        "menu": True,
        "body": [
            ("heading", {"text": "The vision", "level": "h2"}),
            (
                "paragraph",
                "<p>The vision shared by the Community Plan (2017 to 2027) and the Corporate Plan (2018 to 2022) is:</p>",
            ),
            (
                "quote",
                {
                    "quote": "Creating a confident, ambitious and fairer Perth and Kinross, for all who live and work here.",
                    "attribution": "",
                },
            ),
            ("heading", {"text": "Five strategic objectives", "level": "h2"}),
            (
                "paragraph",
                "<ol><li>Giving every child the best start in life</li><li>Developing educated, responsible and informed citizens</li><li>Promoting a prosperous, inclusive and sustainable economy</li><li>Supporting people to lead independent, healthy and active lives</li><li>Creating a safe and sustainable place for future generations</li></ol>",
            ),
            ("heading", {"text": "Four proposed principles", "level": "h2"}),
            (
                "accordion",
                {
                    "items": [
                        {
                            "title": "Bold vision",
                            "content": "<p>We want to build back a better Perth and Kinross after the pandemic, and to be ambitious about what we can achieve together.</p>",
                        },
                        {
                            "title": "Enabling",
                            "content": "<p>Everyone has something to offer. We help people, groups and staff to act, with less bureaucracy and a positive attitude to risk.</p>",
                        },
                        {
                            "title": "Partnership",
                            "content": "<p>We develop the vision, objectives and outcomes with the Community Planning Partnership, and test them with community groups, the third sector, local businesses, residents and staff.</p>",
                        },
                        {
                            "title": "Kindness",
                            "content": "<p>Neighbourliness grew during the pandemic. We want to keep it: getting to know and help each other, and looking out for the most vulnerable.</p>",
                        },
                    ]
                },
            ),
            ("heading", {"text": "What happens next", "level": "h2"}),
            (
                "paragraph",
                "<p>By the end of March 2021, in partnership with communities, the Community Planning Partnership planned to agree the PK Offer Blueprint: the approach and vision, objectives and key priorities, all underpinned by agreed principles. The vision is built from the National Performance Framework, the national roadmap to recovery and renewal, Fairer Futures and local intelligence such as locality profiles and Stories of Place.</p>",
            ),
            (
                "call_to_action",
                {
                    "heading": "Tell us what you think",
                    "text": "We want to test the proposed vision and priorities with the people of Perth and Kinross.",
                    "link_text": "Contact the Offer team",
                    "link_page": "contact",
                },
            ),
        ],
    },
    {
        "slug": "what-you-told-us",
        "title": "What you told us",
        "summary": "What residents, staff and businesses told us during the Discover phase in 2020.",
        "menu": True,
        "body": [
            (
                "paragraph",
                "<p>Between July and October 2020, the Discover phase set out to understand how the pandemic had affected people, businesses and staff across Perth and Kinross. It built on more than 40 engagement events with over 1,000 participants in 2019.</p>",
            ),
            ("heading", {"text": "Surveys and responses", "level": "h2"}),
            (
                "table",
                {
                    "caption": "Discover phase surveys in 2020 and the number of responses",
                    "header": ["Survey", "When", "Responses"],
                    "rows": [
                        ["Two health and wellbeing surveys", "April and October", "2,800"],
                        ["Staff impact questionnaire", "August", "1,500"],
                        ["Two Business Barometers", "June and September", "1,300"],
                        ["External engagement survey", "June and July", "787"],
                    ],
                    "first_column_is_header": True,
                },
            ),
            (
                "paragraph",
                "<p>There was also a community impact assessment survey, more than 10 ward meetings between July and December, meetings with equalities groups from June, and data shared between partners.</p>",
            ),
            ("document", {"document": "discover-figures", "title": "Discover phase response figures"}),
            ("heading", {"text": "Key themes", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Isolation, loneliness and mental wellbeing</li><li>Lower household incomes leading to poverty</li><li>Communication challenges for some groups</li><li>Fewer social activities</li><li>Businesses closing and rising unemployment</li><li>Digital connectivity problems</li><li>Missed schooling, and juggling home schooling, caring and work</li></ul>",
            ),
            (
                "image",
                {
                    "image": "community",
                    "alt_text": "Illustration: overlapping circles in council blue and green, standing for neighbours working together.",
                    "decorative": False,
                    "caption": "Neighbours, groups and the council working together.",
                },
            ),
            ("heading", {"text": "Priorities that emerged", "level": "h2"}),
            (
                "paragraph",
                "<p>In October 2020 the Community Planning Partnership's working group named its emerging priorities: digital exclusion and connectivity; poverty; mental wellbeing; youth unemployment; protecting the most vulnerable, including children; minority ethnic communities and migrant workers; community participation and co-production of services; locality partnership working; and data sharing.</p>",
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "summary": "How to reach the Perth and Kinross Offer team, and how to ask for information in another language or format.",
        "menu": True,
        "footer": True,
        "body": [
            (
                "paragraph",
                '<p>Email the Perth and Kinross Offer team at <a href="mailto:pkoffer@pkc.gov.uk">pkoffer@pkc.gov.uk</a>.</p>',
            ),
            ("heading", {"text": "Another language or format", "level": "h2"}),
            (
                "paragraph",
                "<p>If you or someone you know would like information from this site in another language or format, contact the Customer Service Centre on 01738 475000 or send a text message to 07824 498145. Sometimes only a summary can be translated. All council services can offer a telephone translation service.</p>",
            ),
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "summary": "How accessible this website is, and how to report a problem.",
        "footer": True,
        "body": [
            (
                "paragraph",
                "<p>Perth and Kinross Council wants as many people as possible to be able to use this website. You should be able to change colours, contrast and fonts, zoom in up to 400% without text spilling off the screen, navigate with a keyboard or speech recognition software, and listen to the site with a screen reader.</p><p>The site works without JavaScript, loads nothing from other websites, and is designed to be light on slow connections.</p>",
            ),
            ("heading", {"text": "How accessible this website is", "level": "h2"}),
            (
                "paragraph",
                "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Every page template is tested automatically with the axe accessibility engine, with and without JavaScript and at phone and desktop widths.</p>",
            ),
            ("heading", {"text": "Reporting accessibility problems", "level": "h2"}),
            (
                "paragraph",
                "<p>If you find a problem, or need information in a different format such as large print, easy read, audio or braille, email pkoffer@pkc.gov.uk or phone 01738 475000.</p>",
            ),
            ("heading", {"text": "Enforcement procedure", "level": "h2"}),
            (
                "paragraph",
                "<p>The Equality and Human Rights Commission is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service.</p>",
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "summary": "What personal information this website collects and how it is used.",
        "footer": True,
        "body": [
            ("paragraph", "<p>Perth and Kinross Council is the data controller for this website.</p>"),
            ("heading", {"text": "What we collect", "level": "h2"}),
            (
                "paragraph",
                "<p>Reading this website does not require any personal information. We do not use analytics, advertising or tracking cookies, and no page loads anything from another website. When you answer a consultation, we store your answers and, only if you choose to give it, your email address. We do not store your IP address with your answers.</p>",
            ),
            ("heading", {"text": "Cookies", "level": "h2"}),
            (
                "paragraph",
                "<p>We only use cookies that are strictly necessary: one to protect forms against misuse and, while you answer a consultation, one that remembers your answers between steps.</p>",
            ),
            ("heading", {"text": "Your rights", "level": "h2"}),
            (
                "paragraph",
                "<p>You can ask for a copy of your information, ask us to correct or erase it, or complain to the Information Commissioner's Office. Contact pkoffer@pkc.gov.uk.</p>",
            ),
        ],
    },
]

# "Other languages and formats": a contact page (the contact details come from Site settings),
# chosen in Site settings so that every page links to it. From the council's offer in the seeds.
FORMATS_PAGE = {
    "slug": "other-languages-and-formats",
    "title": "Other languages and formats",
    "summary": "Ask for anything on this website in another language, or in a format that suits you.",
    "body": [
        (
            "paragraph",
            "<p>If you or someone you know would like anything on this website in another language or format, we can arrange it.</p>",
        ),
        ("heading", {"text": "Formats we can offer", "level": "h2"}),
        (
            "paragraph",
            "<ul><li>Large print</li><li>Easy read</li><li>Audio</li><li>Braille</li>"
            "<li>British Sign Language (BSL)</li><li>Another language</li></ul>"
            "<p>Sometimes only a summary can be translated.</p>",
        ),
        ("heading", {"text": "Talk to us in your language", "level": "h2"}),
        (
            "paragraph",
            "<p>All council services can offer a telephone translation service. When you call, tell us which language you speak.</p>"
            '<p>If you use British Sign Language, you can contact us through <a href="https://contactscotland-bsl.org/">contactSCOTLAND-BSL</a>, the free online BSL interpreting service.</p>',
        ),
        ("heading", {"text": "How to ask", "level": "h2"}),
        (
            "paragraph",
            "<p>Tell us what you would like, in which language or format, and how we can reach you. You can phone, send a text message, email or write to us: our contact details are below.</p>",
        ),
    ],
}

NAVIGATION_FOOTER_TEXT = "<p>The Perth and Kinross Offer is a programme of Perth and Kinross Council and its community planning partners.</p>"

DISCOVER_FIGURES_CSV = """Survey,When,Responses
Health and wellbeing surveys (two),April and October 2020,2800
Staff impact questionnaire,August 2020,1500
Business Barometers (two),June and September 2020,1300
External engagement survey,June and July 2020,787
"""
