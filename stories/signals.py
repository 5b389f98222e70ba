"""Keep the cached filter options (themes, places, years) of the story index fresh."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import Place, Theme, bump_taxonomy_version, clear_story_filter_options


@receiver(post_save, sender=Theme)
@receiver(post_save, sender=Place)
@receiver(post_delete, sender=Theme)
@receiver(post_delete, sender=Place)
@receiver(page_published)
@receiver(page_unpublished)
def _clear(**kwargs):
    clear_story_filter_options()


@receiver(post_save, sender=Theme)
@receiver(post_save, sender=Place)
@receiver(post_delete, sender=Theme)
@receiver(post_delete, sender=Place)
def _bump(**kwargs):
    bump_taxonomy_version()
