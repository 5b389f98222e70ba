"""The editorial groups and their permissions, kept right after every migrate.

Wagtail's own first migration creates "Editors" and "Moderators" with page permissions on the
root. Here they also get the site's snippets, and "Translators" is created: translators use
wagtail-localize to translate pages and snippets (issue 6 narrows them to one locale each).
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

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


def _perms(app_label, model, actions):
    try:
        ct = ContentType.objects.get(app_label=app_label, model=model)
    except ContentType.DoesNotExist:
        return []
    return list(Permission.objects.filter(content_type=ct, codename__in=[f"{a}_{model}" for a in actions]))


def ensure_groups(**kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()

    plan = {
        "Editors": {"page": ["add_page", "change_page"], "snippet": ["add", "change"]},
        "Moderators": {
            "page": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
            "snippet": ["add", "change", "delete", "publish"],
        },
        "Translators": {"page": ["add_page", "change_page"], "snippet": ["change"], "localize": True},
    }
    for name, spec in plan.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        for app_label, model in SNIPPET_MODELS:
            group.permissions.add(*_perms(app_label, model, spec["snippet"]))
        if spec.get("localize"):
            group.permissions.add(*Permission.objects.filter(codename="submit_translation"))
        if root_page is not None:
            for codename in spec["page"]:
                perm = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
                if perm:
                    GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=perm)
        if root_collection is not None:
            for app_label, model, actions in MEDIA_PERMS:
                for perm in _perms(app_label, model, actions):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )
