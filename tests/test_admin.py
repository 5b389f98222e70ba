"""Editors' experience: the admin works, groups exist, blocks and snippets validate what editors enter."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.blocks import CallToActionBlock, ImageBlock, LinkBlock
from home.models import Navigation, SiteSettings, StandardPage
from tests.factories import SiteSettingsFactory


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "not-a-real-password-1")


def test_editor_edits_and_publishes_a_page_that_then_shows_on_the_site(client, site_tree, superuser):
    client.force_login(superuser)
    about = site_tree["about"]
    edit_url = f"/admin/pages/{about.pk}/edit/"
    assert client.get(edit_url).status_code == 200
    data = nested_form_data(
        {
            "title": "About the Perth and Kinross Offer",
            "slug": "about",
            "summary": "Updated summary.",
            "body": streamfield([("paragraph", rich_text("<p>Freshly published words.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    page = client.get("/about/").content.decode()
    assert "About the Perth and Kinross Offer" in page
    assert "Freshly published words." in page


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/snippets/home/sitesettings/",
        "/admin/snippets/home/navigation/",
        "/admin/locales/",
    ],
)
def test_admin_screens_open(client, site_tree, superuser, url):
    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_admin_page_editors_open_for_each_page_type(client, site_tree, superuser):
    client.force_login(superuser)
    assert client.get(f"/admin/pages/{site_tree['homes']['en'].pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{site_tree['about'].pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/home/standardpage/{site_tree['about'].pk}/").status_code == 200


def test_editorial_groups_exist_with_admin_access(db):
    for name in ("Editors", "Moderators", "Translators (Scottish Gaelic)", "Translators (Polish)"):
        group = Group.objects.get(name=name)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert "access_admin" in codenames
    moderators = Group.objects.get(name="Moderators")
    assert moderators.page_permissions.filter(permission__codename="publish_page").exists()
    editors = Group.objects.get(name="Editors")
    assert not editors.page_permissions.filter(permission__codename="publish_page").exists()
    assert "change_navigation" in set(editors.permissions.values_list("codename", flat=True))
    translators = Group.objects.get(name="Translators (Polish)")
    assert "submit_translation" in set(translators.permissions.values_list("codename", flat=True))


def test_image_needs_alt_text_unless_decorative(db):
    from wagtail_factories import ImageFactory

    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean({"image": ImageFactory().pk, "alt_text": "  ", "decorative": False, "caption": ""})
    assert "alt_text" in error.value.block_errors
    assert "Add alternative text" in str(error.value.block_errors["alt_text"])


def test_decorative_image_needs_no_alt_text(db):
    from wagtail_factories import ImageFactory

    image = ImageFactory()
    value = ImageBlock().clean({"image": image.pk, "alt_text": "", "decorative": True, "caption": ""})
    assert value["decorative"] is True


def test_call_to_action_needs_exactly_one_target(db):
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean({"heading": "Go", "text": "", "link_page": None, "link_url": "", "link_text": "Go"})


def test_link_to_a_web_address_needs_link_text(db):
    with pytest.raises(StructBlockValidationError) as error:
        LinkBlock().clean({"page": None, "url": "https://example.org/", "text": ""})
    assert "text" in error.value.block_errors


def test_one_site_settings_per_language(locales):
    SiteSettingsFactory()
    second = SiteSettings(locale=locales["en"], organisation_name="x", site_name="y")
    with pytest.raises(ValidationError, match="already one for this language"):
        second.full_clean()
    SiteSettings(locale=locales["pl"], organisation_name="x", site_name="y").full_clean()


def test_at_most_six_header_links(locales, home):
    links = [("link", {"page": home, "url": "", "text": ""})] * 7
    navigation = Navigation(locale=locales["en"], primary_links=links)
    with pytest.raises(ValidationError) as error:
        navigation.full_clean()
    assert "primary_links" in error.value.message_dict


def test_dev_admin_is_created_once_with_a_random_password(db, settings, capsys):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("ensure_dev_admin")
    first = capsys.readouterr().out
    password = first.split("password:")[1].strip()
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password) and len(password) >= 16
    call_command("ensure_dev_admin")
    assert "already exists" in capsys.readouterr().out
    assert get_user_model().objects.count() == 1


def test_dev_admin_refuses_outside_development(db, settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="createsuperuser"):
        call_command("ensure_dev_admin")


def test_every_shared_block_has_template_icon_description_and_a_preview(client, superuser):
    from django.core.management import call_command

    call_command("load_demo", stdout=__import__("io").StringIO())
    client.force_login(superuser)
    body_block = StandardPage._meta.get_field("body").stream_block
    for name, block in body_block.child_blocks.items():
        assert block.meta.template.startswith("home/blocks/"), name
        assert block.meta.icon, name
        assert block.meta.description, name
        preview = block.render(block.get_preview_value())
        assert preview.strip(), f"{name} preview renders nothing"
        # The block picker's preview pane in the admin.
        response = client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        assert preview.strip()[:40] in response.content.decode(), name
