from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site and pages")

    def ready(self):
        from . import signals, sites  # noqa: F401  (cache invalidation)
        from .groups import ensure_groups
        from .page_cache import connect_signals

        connect_signals()  # the anonymous page cache's invalidation (and CDN purges)

        post_migrate.connect(ensure_groups, sender=self)
