from django.utils.functional import SimpleLazyObject

from .chrome import get_chrome


def site_chrome(request):
    """`chrome` in every template: built lazily, so admin pages that never use it pay nothing."""
    return {"chrome": SimpleLazyObject(get_chrome)}
