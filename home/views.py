from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, Site

from .restrictions import public

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


def page_summaries(page_ids):
    """{page id: summary} for pages of any type, in one query (a UNION over the summary tables).

    Search results are plain Page objects; fetching each one's specific type would cost a query
    per page type on the results page.
    """
    from .models import BasePage

    if not page_ids:
        return {}
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, BasePage) and model._meta.get_field("summary").model is model
    ]
    queries = [model.objects.filter(pk__in=page_ids).order_by().values_list("pk", "summary") for model in models]
    return dict(queries[0].union(*queries[1:], all=True))


@require_GET
def search(request):
    """Site search: live public pages in the reader's language only."""
    query = (request.GET.get("q") or "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results_page = None
    if query:
        locale = Locale.get_active()
        results = public(Page.objects.live().filter(locale=locale)).search(query)
        paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)
        summaries = page_summaries([page.pk for page in results_page])
        for page in results_page:
            page.summary = summaries.get(page.pk, "")
    context = {"query": query, "results": results_page, "query_string": urlencode({"q": query})}
    return render(request, "home/search.html", context)


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap(request):
    """sitemap.xml of every live public page in every language, each with its language alternates."""
    site = Site.find_for_request(request)
    pages = list(
        public(Page.objects.live())
        .filter(depth__gt=1)
        .exclude(content_type__model="page")
        .select_related("locale")
        .only("id", "url_path", "translation_key", "locale", "last_published_at", "path", "depth")
        .order_by("path")
    )
    by_key = defaultdict(dict)
    for page in pages:
        by_key[page.translation_key][page.locale.language_code] = page
    entries = []
    for page in pages:
        url = page.get_full_url(request)
        if not url:
            continue
        alternates = [
            {"hreflang": code, "url": alt.get_full_url(request)}
            for code, alt in sorted(by_key[page.translation_key].items())
        ]
        default = by_key[page.translation_key].get(settings.LANGUAGE_CODE)
        if default is not None:
            alternates.append({"hreflang": "x-default", "url": default.get_full_url(request)})
        entries.append({"url": url, "lastmod": page.last_published_at, "alternates": alternates})
    return render(
        request,
        "home/sitemap.xml",
        {"entries": entries, "site": site},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", {"language": get_language()}, status=404)


def server_error(request):
    """The 500 page needs no database: it may be the database that failed. Its language comes from
    the address (/gd/, /pl/), since the failure may come before the language was chosen."""
    language = translation.get_language_from_path(request.path_info) or get_language()
    with translation.override(language):
        template = loader.get_template("500.html")
        return HttpResponseServerError(template.render({"language": language}))


def csrf_failure(request, reason=""):
    """A friendly page when a form's security token is missing or stale (e.g. an old tab)."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def bad_request(request, exception=None):
    """400, e.g. a form far larger than any real answer: nothing is stored."""
    return render(request, "400.html", status=400)
