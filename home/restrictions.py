"""Page privacy (Wagtail's view restrictions) read from the cache instead of the database.

Wagtail looks restrictions up on every page view (the page, its ancestors, alias sources) and
again for every `.public()` listing. They change rarely, so the site keeps the list in the cache,
cleared whenever a restriction, an alias or the tree changes (signals.py). Same rules as Wagtail:
a restriction applies to its page and every page below it, and to an alias of a restricted page.
"""

from django.core.cache import cache
from django.db.models import Q

CACHE_KEY = "pkoffer:view-restrictions:v1"


def _load():
    from wagtail.models import Page, PageViewRestriction

    restrictions = list(PageViewRestriction.objects.select_related("page"))
    restricted_ids = {r.page_id for r in restrictions}
    alias_paths = {}
    if restricted_ids:
        for alias in Page.objects.filter(alias_of_id__in=restricted_ids).only("path", "alias_of_id"):
            alias_paths.setdefault(alias.alias_of_id, []).append(alias.path)
    # (restriction, [paths it covers: its page and the aliases of its page])
    return [(r, [r.page.path, *alias_paths.get(r.page_id, [])]) for r in restrictions]


def all_restrictions():
    entries = cache.get(CACHE_KEY)
    if entries is None:
        entries = _load()
        cache.set(CACHE_KEY, entries, 3600)
    return entries


def clear_restrictions_cache(**kwargs):
    cache.delete(CACHE_KEY)


def restrictions_for(page):
    """The restrictions that apply to `page`: on it, an ancestor, or the source of one that is an alias.

    A queryset, as Wagtail expects; an empty one (no query at all) for the usual public page.
    """
    from wagtail.models import PageViewRestriction

    steplen = page.steplen
    own_paths = {page.path[:n] for n in range(steplen, len(page.path) + 1, steplen)}
    ids = [restriction.pk for restriction, paths in all_restrictions() if own_paths.intersection(paths)]
    return PageViewRestriction.objects.filter(pk__in=ids) if ids else PageViewRestriction.objects.none()


def private_q():
    """Q for pages in a private section (like Wagtail's PageQuerySet.private_q, without a query)."""
    q = Q()
    for _restriction, paths in all_restrictions():
        for path in paths:
            q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def public(queryset):
    """queryset.public(), using the cached restrictions."""
    return queryset.exclude(private_q())
