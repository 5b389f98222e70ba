from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

ANALYSTS = "Consultation analysts"
RECORDS_OFFICERS = "Consultation records officers"

# {group: [(app label, codename)]}: kept after every migrate, like the editorial groups.
GROUP_PERMISSIONS = {
    ANALYSTS: [
        ("wagtailadmin", "access_admin"),
        ("consultations", "view_response"),
        ("consultations", "add_response"),
        ("consultations", "change_response"),
        ("consultations", "add_populationshare"),
        ("consultations", "change_populationshare"),
        ("consultations", "delete_populationshare"),
        ("consultations", "view_populationshare"),
    ],
    RECORDS_OFFICERS: [
        ("wagtailadmin", "access_admin"),
        ("consultations", "view_response"),
        ("consultations", "view_respondent_email"),
        ("consultations", "delete_response"),
    ],
}


def ensure_analysts_group(app_config, **kwargs):
    """ "Consultation analysts" (see, enter and code responses, population shares) and "Consultation
    records officers" (respondents' email addresses, subject access and erasure).

    Editors, Moderators and Translators work on pages; what residents answered is only for the
    people analysing it (and superusers). Permissions are only ever added, so an administrator's
    extra grants survive; run after every migrate, so a fresh database has both groups.
    """
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    create_permissions(app_config, verbosity=0)
    for name, wanted in GROUP_PERMISSIONS.items():
        query = Q(pk__in=[])
        for app_label, codename in wanted:
            query |= Q(content_type__app_label=app_label, codename=codename)
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(query))


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        post_migrate.connect(ensure_analysts_group, sender=self)
        from .outcomes import connect_signals  # the outcome emails and the embargo (reporting back)

        connect_signals()
