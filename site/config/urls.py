from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import routing, security, two_factor
from home import views as home_views

urlpatterns = [
    # /healthz is answered by home.health.HealthCheckMiddleware before any URL is resolved.
    path(".well-known/security.txt", security.security_txt, name="security_txt"),
    path("admin/two-factor/", include(two_factor.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# English lives at /, Gaelic at /gd/, Polish at /pl/: every page in every locale has its own URL
# and the language never depends on a cookie or header (good for caches and shared links).
# Wagtail's URLs, its page-serving view routed through home.routing (a per-process memory of paths).
wagtail_patterns = [p for p in wagtail_urls.urlpatterns if getattr(p, "name", None) != "wagtail_serve"]
wagtail_patterns.append(re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"))

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include(wagtail_patterns)),
    prefix_default_language=False,
)

handler400 = "home.views.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
