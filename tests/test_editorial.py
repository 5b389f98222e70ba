"""Editors' workflow for stories, through the admin as editors use it: drafts, required fields,
preview, moderation (Editors submit, Moderators approve), scheduled publishing and revisions."""

import datetime
import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_factories import ImageFactory

from stories.models import BlogPostPage, VideoPage
from tests.factories import PersonFactory, StoryIndexPageFactory


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home)


def user_in(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "not-a-real-password-1")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return user_in(django_user_model, "Editors", "editor")


@pytest.fixture
def moderator(django_user_model):
    return user_in(django_user_model, "Moderators", "moderator")


def blog_post_data(author, **overrides):
    data = {
        "title": "Four principles",
        "slug": "four-principles",
        "summary": "Bold vision, Enabling, Partnership, Kindness.",
        "publish_date": "2021-01-15",
        "author": author.pk,
        "listing_image_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>Everyone has something to offer.</p>"))]),
        "related_stories": streamfield([]),
        "tags": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def video_data(poster, **overrides):
    data = {
        "title": "The Offer in one minute",
        "slug": "the-offer-in-one-minute",
        "summary": "A short video.",
        "publish_date": "2021-02-01",
        "video_url": "https://www.youtube.com/watch?v=abcDEF12345",
        "poster": poster.pk,
        "transcript": "null",  # what an empty Draftail editor sends
        "listing_image_alt": "",
        "body": streamfield([]),
        "related_stories": streamfield([]),
        "tags": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_video_without_transcript_saves_as_draft_but_cannot_be_published(client, index, moderator):
    client.force_login(moderator)
    poster = ImageFactory()
    add_url = reverse("wagtailadmin_pages:add", args=["stories", "videopage", index.pk])
    response = client.post(add_url, video_data(poster, **{"action-publish": "publish"}))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert "The page could not be created due to validation errors" in response.content.decode()
    assert not VideoPage.objects.exists()

    response = client.post(add_url, video_data(poster))  # "Save draft"
    assert response.status_code == 302
    video = VideoPage.objects.get()
    assert not video.live

    edit_url = reverse("wagtailadmin_pages:edit", args=[video.pk])
    response = client.post(edit_url, video_data(poster, **{"action-publish": "publish"}))
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not VideoPage.objects.get().live

    response = client.post(
        edit_url,
        video_data(poster, transcript=rich_text("<p>Narrator: hello.</p>"), **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    assert VideoPage.objects.get().live


def test_preview_shows_unsaved_changes(client, index, moderator):
    client.force_login(moderator)
    author = PersonFactory()
    client.post(reverse("wagtailadmin_pages:add", args=["stories", "blogpostpage", index.pk]), blog_post_data(author))
    post = BlogPostPage.objects.get()
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[post.pk])
    response = client.post(preview_url, blog_post_data(author, title="A better title"))
    assert response.json()["is_valid"] is True
    preview = client.get(preview_url)
    assert "A better title" in preview.content.decode()
    assert BlogPostPage.objects.get().title == "Four principles"  # nothing saved


def test_editor_submits_and_moderator_approves(client, index, editor, moderator):
    author = PersonFactory()
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["stories", "blogpostpage", index.pk])
    response = client.post(add_url, blog_post_data(author, **{"action-publish": "publish"}))
    assert not BlogPostPage.objects.filter(live=True).exists()  # editors cannot publish

    response = client.post(add_url, blog_post_data(author, slug="submitted", **{"action-submit": "submit"}))
    assert response.status_code == 302
    post = BlogPostPage.objects.get(slug="submitted")
    assert not post.live
    workflow_state = post.current_workflow_state
    assert workflow_state is not None and workflow_state.status == "in_progress"
    task_state = workflow_state.current_task_state
    assert client.get(post.url).status_code == 404  # not visible to residents yet

    client.force_login(moderator)
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[post.pk, "approve", task_state.pk])
    response = client.post(approve_url, {"comment": "Looks good"})
    assert response.status_code in (200, 302)
    post.refresh_from_db()
    assert post.live
    client.logout()
    assert "Everyone has something to offer." in client.get(post.url).content.decode()


def test_scheduled_publishing_and_expiry(client, index, moderator):
    client.force_login(moderator)
    author = PersonFactory()
    go_live = timezone.localtime() + datetime.timedelta(seconds=2)
    expire = go_live + datetime.timedelta(seconds=2)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["stories", "blogpostpage", index.pk]),
        blog_post_data(
            author,
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M:%S"),
            expire_at=expire.strftime("%Y-%m-%d %H:%M:%S"),
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    post = BlogPostPage.objects.get()
    assert not post.live and post.scheduled_revision is not None
    client.logout()
    assert client.get("/news-and-stories/four-principles/").status_code == 404

    time.sleep(2.2)
    call_command("publish_scheduled")
    assert client.get("/news-and-stories/four-principles/").status_code == 200

    time.sleep(2.2)
    call_command("publish_scheduled")
    assert client.get("/news-and-stories/four-principles/").status_code == 404
    assert Page.objects.get(pk=post.pk).expired


def test_revisions_are_kept_and_listed(client, index, moderator):
    client.force_login(moderator)
    author = PersonFactory()
    client.post(
        reverse("wagtailadmin_pages:add", args=["stories", "blogpostpage", index.pk]),
        blog_post_data(author, **{"action-publish": "publish"}),
    )
    post = BlogPostPage.objects.get()
    client.post(
        reverse("wagtailadmin_pages:edit", args=[post.pk]),
        blog_post_data(author, title="Four principles, explained", **{"action-publish": "publish"}),
    )
    assert post.revisions.count() == 2
    history = client.get(reverse("wagtailadmin_pages:history", args=[post.pk]))
    assert history.status_code == 200
    assert "Four principles" in history.content.decode()


@pytest.mark.parametrize(
    "model", ["visionupdatepage", "blogpostpage", "videopage", "podcastepisodepage", "communitystorypage"]
)
def test_each_story_type_can_be_added_under_the_index(client, index, editor, model):
    client.force_login(editor)
    choose = client.get(reverse("wagtailadmin_pages:add_subpage", args=[index.pk]))
    assert reverse("wagtailadmin_pages:add", args=["stories", model, index.pk]) in choose.content.decode()
    assert client.get(reverse("wagtailadmin_pages:add", args=["stories", model, index.pk])).status_code == 200


@pytest.mark.parametrize("model", ["theme", "place", "person"])
def test_story_snippets_are_managed_by_editors(client, editor, model):
    client.force_login(editor)
    assert client.get(f"/admin/snippets/stories/{model}/").status_code == 200
    assert client.get(f"/admin/snippets/stories/{model}/add/").status_code == 200


def story_form_data(model, index_fixtures):
    """Admin form data for a complete story of each type, as an editor would fill it in."""
    theme, place, person, image, audio = index_fixtures
    common = {
        "title": f"New {model}",
        "slug": f"new-{model}",
        "summary": "Something the Offer team wants residents to know.",
        "publish_date": "2021-03-01",
        "listing_image": image.pk,
        "listing_image_alt": "",
        "tags": "demo",
        "body": streamfield([("paragraph", rich_text("<p>Fresh story text.</p>"))]),
        "related_stories": streamfield([]),
    }
    specific = {
        "visionupdatepage": {"phase": "deliver", "what_changed": rich_text("<p>Delivery started.</p>")},
        "blogpostpage": {"author": person.pk},
        "videopage": {
            "video_url": "https://vimeo.com/123456789",
            "poster": image.pk,
            "duration": "00:01:00",
            "transcript": rich_text("<p>Narrator: hello.</p>"),
        },
        "podcastepisodepage": {
            "audio": audio.pk,
            "duration": "00:12:30",
            "episode_number": "7",
            "transcript": rich_text("<p>Host: hello.</p>"),
        },
        "communitystorypage": {"theme": theme.pk, "place": place.pk, "storyteller": "A Bloom group"},
    }[model]
    data = nested_form_data({**common, **specific, "action-submit": "submit"})
    # Checkbox lists post one value per ticked box (nested_form_data would index them instead).
    return {**data, "themes": [theme.pk], "places": [place.pk]}


@pytest.mark.parametrize(
    "model", ["visionupdatepage", "blogpostpage", "videopage", "podcastepisodepage", "communitystorypage"]
)
def test_story_journey_from_editor_to_residents(client, home, index, editor, moderator, model):
    """Done-when of the stories issue: create, preview, submit, approve; then residents find it."""
    from tests.factories import DocumentFactory, PlaceFactory, ThemeFactory

    fixtures = (
        ThemeFactory(slug="environment"),
        PlaceFactory(slug="strathearn"),
        PersonFactory(),
        ImageFactory(),
        DocumentFactory(filename="episode.mp3", content=b"ID3" + b"\0" * 500),
    )
    data = story_form_data(model, fixtures)
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["stories", model, index.pk])
    preview = client.post(reverse("wagtailadmin_pages:preview_on_add", args=["stories", model, index.pk]), data)
    assert preview.json()["is_valid"] is True, preview.content
    response = client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    story = Page.objects.get(slug=f"new-{model}").specific
    assert not story.live
    task_state = story.current_workflow_state.current_task_state

    client.force_login(moderator)
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk]))
    story.refresh_from_db()
    assert story.live
    client.logout()

    title = f"New {model}"
    assert title in client.get(story.url).content.decode()
    assert title in client.get("/").content.decode()  # latest stories on the home page
    assert (
        title in client.get(index.url, {"type": model, "theme": "environment", "place": "strathearn"}).content.decode()
    )
    assert title in client.get(f"{index.url}feed/", {"theme": "environment"}).content.decode()
    assert title in client.get("/search/", {"q": "Offer team wants residents"}).content.decode()
