"""Keep the cached site chrome (navigation, footer, settings, locale home pages) fresh."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .chrome import clear_chrome_cache
from .models import Navigation, SiteSettings
from .restrictions import clear_restrictions_cache


@receiver(post_save, sender=Navigation)
@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=Navigation)
@receiver(post_delete, sender=SiteSettings)
@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def _clear(**kwargs):
    clear_chrome_cache()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_page_move)
@receiver(post_delete, sender=Page)
def _clear_restrictions(**kwargs):
    clear_restrictions_cache()


@receiver(post_save)
def _clear_restrictions_for_aliases(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.alias_of_id:
        clear_restrictions_cache()
