from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

ANALYSTS = "Consultation analysts"


def ensure_analysts_group(app_config, **kwargs):
    """ "Consultation analysts": admin access and permission to view responses, nothing else.

    Editors, Moderators and Translators work on pages; what residents answered is only for the
    people analysing it (and superusers). Kept after every migrate, like the editorial groups.
    """
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    create_permissions(app_config, verbosity=0)
    permissions = Permission.objects.filter(
        content_type__app_label__in=["wagtailadmin", "consultations"],
        codename__in=["access_admin", "view_response"],
    )
    group, _created = Group.objects.get_or_create(name=ANALYSTS)
    group.permissions.add(*permissions)


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        post_migrate.connect(ensure_analysts_group, sender=self)
