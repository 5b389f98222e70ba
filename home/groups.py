"""The editorial groups and their permissions, kept right after every migrate.

Wagtail's own first migration creates "Editors" and "Moderators" with page permissions on the
root. Here they also get the site's snippets.

Translators have one group per language other than English, named in English for the
administrators who manage groups: "Translators (Scottish Gaelic)", "Translators (Polish)". Each may
add, edit and publish pages only under its own language's top-level pages (its home page), use
wagtail-localize (`submit_translation`), edit the translatable snippets (Wagtail's snippet
permissions are model-wide: home/translators.py limits translators to their own language's
snippets) and add and choose images and documents. Nothing on the English pages, no consultation
responses.

The groups follow the locales:

- every `migrate` creates or completes the group of every locale (ensure_groups);
- a locale added in Settings → Locales gets its group at once (post_save on Locale);
- a top-level page created in a language (its home page, usually made with "Translate" or
  copied with the page tree) gives that language's group its permissions at once (post_save on
  Page), so a council adding Arabic gets "Translators (Arabic)" with nothing to configure.

The old single "Translators" group could edit every page, English included; it is retired: its
members are moved into every language's group (what they could translate before, minus the
English pages) and the group is deleted. An administrator then keeps each person in their own
language's group only.
"""

import logging

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page

logger = logging.getLogger(__name__)

SNIPPET_MODELS = [
    ("home", "sitesettings"),
    ("home", "navigation"),
    ("stories", "theme"),
    ("stories", "place"),
    ("stories", "person"),
]
MEDIA_PERMS = [
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]
TRANSLATOR_PAGE_PERMS = ["add_page", "change_page", "publish_page"]
TRANSLATOR_SNIPPET_ACTIONS = ["change"]  # translations are created by wagtail-localize, never added by hand
TRANSLATOR_MEDIA_PERMS = [
    ("wagtailimages", "image", ["add", "choose"]),
    ("wagtaildocs", "document", ["add", "choose"]),
]
RETIRED_GROUP = "Translators"
TRANSLATORS_PREFIX = "Translators ("


def language_name(language_code):
    """The language's English name ("Polish", "Scottish Gaelic"): administrators manage groups in English."""
    try:
        return get_language_info(language_code)["name"]
    except KeyError:
        return language_code


def translators_group_name(locale):
    return f"{TRANSLATORS_PREFIX}{language_name(locale.language_code)})"


def _perms(app_label, model, actions):
    try:
        ct = ContentType.objects.get(app_label=app_label, model=model)
    except ContentType.DoesNotExist:
        return []
    return list(Permission.objects.filter(content_type=ct, codename__in=[f"{a}_{model}" for a in actions]))


def submit_translation_permission():
    """wagtail-localize's "Can submit translations", made by a data migration of wagtail-localize, not
    by Django's post_migrate: a flushed database (tests, `flush`) loses it; it is made again here."""
    content_type, _created = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    return permission


def _page_perms(codenames):
    return list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))


def _give_collection_perms(group, media_perms):
    from wagtail.models import Collection, GroupCollectionPermission

    root_collection = Collection.get_first_root_node()
    if root_collection is None:
        return
    for app_label, model, actions in media_perms:
        for perm in _perms(app_label, model, actions):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection, permission=perm)


def ensure_groups(**kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from wagtail.models import GroupPagePermission

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    submit_translation = submit_translation_permission()
    root_page = Page.get_first_root_node()

    plan = {
        "Editors": {"page": ["add_page", "change_page"], "snippet": ["add", "change"]},
        "Moderators": {
            "page": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
            "snippet": ["add", "change", "delete", "publish"],
        },
    }
    for name, spec in plan.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access, submit_translation)  # as wagtail-localize's migration gives them
        for app_label, model in SNIPPET_MODELS:
            group.permissions.add(*_perms(app_label, model, spec["snippet"]))
        if root_page is not None:
            for perm in _page_perms(spec["page"]):
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=perm)
        _give_collection_perms(group, MEDIA_PERMS)

    groups = [ensure_translators_group(locale) for locale in Locale.objects.exclude(pk=default_locale_id())]
    retire_generic_translators(groups)


def default_locale_id():
    try:
        return Locale.get_default().pk
    except Locale.DoesNotExist:
        return None


def ensure_translators_group(locale):
    """Create or complete the group of translators into `locale`, with page permissions on that
    language's top-level pages (none yet if its home page does not exist: see below)."""
    from wagtail.models import GroupPagePermission

    group, _created = Group.objects.get_or_create(name=translators_group_name(locale))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        submit_translation_permission(),
    )
    for app_label, model in SNIPPET_MODELS:
        group.permissions.add(*_perms(app_label, model, TRANSLATOR_SNIPPET_ACTIONS))
    page_perms = _page_perms(TRANSLATOR_PAGE_PERMS)
    for page in Page.objects.filter(depth=2, locale=locale):
        for perm in page_perms:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=perm)
    _give_collection_perms(group, TRANSLATOR_MEDIA_PERMS)
    return group


def retire_generic_translators(groups):
    old = Group.objects.filter(name=RETIRED_GROUP).first()
    if old is None:
        return
    members = list(old.user_set.all())
    for group in groups:
        group.user_set.add(*members)
    old.delete()
    if members:
        logger.warning(
            'The "%s" group is retired: %s moved into %s; keep each person in their own language only.',
            RETIRED_GROUP,
            ", ".join(user.get_username() for user in members),
            ", ".join(group.name for group in groups),
        )


@receiver(post_save, sender=Locale)
def _locale_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.pk != default_locale_id():
        ensure_translators_group(instance)


@receiver(post_save)
def _top_level_page_created(sender, instance, created, raw=False, **kwargs):
    """A new language's home page (a child of the root) gives that language's translators their rights."""
    if not created or raw or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale_id != default_locale_id():
        ensure_translators_group(instance.locale)
