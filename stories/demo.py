"""Load the demo stories (called by `manage.py load_demo`); only adds what is missing."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from . import demo_content as content
from .media import generate_audio, generate_video
from .models import (
    BlogPostPage,
    CommunityStoryPage,
    Person,
    Place,
    PodcastEpisodePage,
    StoryIndexPage,
    StoryPage,
    Theme,
    VideoPage,
    VisionUpdatePage,
)

STORY_IMAGES = {
    "home": ("Home First (illustration)", [(0, 101, 189), (213, 219, 224), (0, 135, 90)]),
    "bus": ("Rural bus routes (illustration)", [(0, 135, 90), (0, 101, 189), (255, 193, 7)]),
    "bloom": ("Community Bloom planting (illustration)", [(0, 135, 90), (233, 30, 99), (255, 193, 7)]),
    "hall": ("Community hall (illustration)", [(94, 53, 177), (0, 101, 189), (213, 219, 224)]),
    "learning": ("Learning together (illustration)", [(255, 152, 0), (0, 101, 189), (94, 53, 177)]),
    "neighbours": ("Neighbours helping neighbours (illustration)", [(0, 101, 189), (0, 135, 90), (94, 53, 177)]),
    "survey": ("Survey responses (illustration)", [(0, 101, 189), (94, 53, 177), (213, 219, 224)]),
}


def get_document(title, filename, make_bytes, log):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(make_bytes()), save=False)
        document.save()
        log(f"  Document '{title}': generated")
    return document


def load_stories(command, home, locale):
    log = command.log
    images = dict(command.images)
    for key, (title, colours) in STORY_IMAGES.items():
        images[key] = command.get_image(key, title, colours)

    themes = {}
    for slug, name, description in content.THEMES:
        themes[slug], _ = Theme.objects.get_or_create(
            locale=locale, slug=slug, defaults={"name": name, "description": description}
        )
    places = {}
    for slug, name in content.PLACES:
        places[slug], _ = Place.objects.get_or_create(locale=locale, slug=slug, defaults={"name": name})
    people = {}
    for key, name, role, is_team in content.PEOPLE:
        people[key], _ = Person.objects.get_or_create(
            locale=locale, name=name, defaults={"role": role, "is_team": is_team}
        )
    log(f"  Themes, places, people: {len(themes)}, {len(places)}, {len(people)}")

    index = StoryIndexPage.objects.child_of(home).first()
    if index is None:
        index = StoryIndexPage(locale=locale, **content.INDEX)
        home.add_child(instance=index)
        index.save_revision().publish()
        log("  News and stories: created")

    media = {}
    created = 0
    for spec in content.STORIES:
        if StoryPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        common = {
            "title": spec["title"],
            "slug": spec["slug"],
            "summary": spec["summary"],
            "locale": locale,
            "publish_date": spec["date"],
            "featured": spec.get("featured", False),
            "listing_image": images[spec["image"]],
            "listing_image_alt": "",
            "body": [{"type": t, "value": v} for t, v in spec["body"]],
        }
        kind = spec["type"]
        if kind == "community":
            page = CommunityStoryPage(
                theme=themes[spec["theme"]],
                place=places[spec["place"]],
                storyteller=spec.get("storyteller", ""),
                quote=spec.get("quote", ""),
                quote_attribution=spec.get("quote_attribution", ""),
                get_involved_text=spec.get("get_involved_text", ""),
                get_involved_url=spec.get("get_involved_url", ""),
                **common,
            )
        elif kind == "vision":
            page = VisionUpdatePage(phase=spec["phase"], what_changed=spec["what_changed"], **common)
        elif kind == "blog":
            page = BlogPostPage(author=people[spec["author"]], **common)
        elif kind == "video":
            if "video" not in media:
                media["video"] = get_document(
                    "The Offer in one minute (video)", "the-offer-in-one-minute.webm", generate_video, log
                )
                media["captions"] = get_document(
                    "The Offer in one minute (captions)",
                    "the-offer-in-one-minute.vtt",
                    lambda: content.CAPTIONS_VTT.encode(),
                    log,
                )
            page = VideoPage(
                video_file=media["video"],
                captions=media["captions"],
                poster=images[spec["image"]],
                duration=datetime.timedelta(seconds=6),
                transcript=spec["transcript"],
                **common,
            )
        elif kind == "podcast":
            audio = get_document("Offer podcast episode 1 (audio)", "offer-podcast-episode-1.mp3", generate_audio, log)
            page = PodcastEpisodePage(
                audio=audio,
                duration=datetime.timedelta(seconds=20),
                episode_number=spec["episode"],
                transcript=spec["transcript"],
                **common,
            )
        else:  # pragma: no cover - a typo in the demo data
            raise ValueError(kind)
        list(page.body)  # block ids for list items, so wagtail-localize can translate them
        index.add_child(instance=page)
        page.themes.set([themes[t] for t in spec["themes"]])
        page.places.set([places[p] for p in spec["places"]])
        page.tags.set(spec["tags"])
        page.save_revision().publish()
        created += 1
    log(f"  Stories: {created} created, {len(content.STORIES) - created} already there")
    return index
