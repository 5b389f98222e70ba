from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.rich_text import pages as wagtail_rich_text_pages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import translation_report, translators  # noqa: F401  (registers their admin hooks)
from .chrome import get_page_urls
from .models import Navigation, SiteSettings


class SiteSettingsViewSet(SnippetViewSet):
    model = SiteSettings
    icon = "cog"
    menu_label = _("Site settings")
    list_display = ["site_name", "organisation_name", "locale"]
    list_filter = ["locale"]


class NavigationViewSet(SnippetViewSet):
    model = Navigation
    icon = "list-ul"
    menu_label = _("Navigation and footer")
    list_display = ["name", "locale"]
    list_filter = ["locale"]


class SiteContentGroup(SnippetViewSetGroup):
    items = (SiteSettingsViewSet, NavigationViewSet)
    menu_icon = "site"
    menu_label = _("Site")
    menu_name = "site-content"


register_snippet(SiteContentGroup)


class PageLinkHandler(wagtail_rich_text_pages.PageLinkHandler):
    """Rich-text links to pages: to the reader's language when translated, with no query per link."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        urls = get_page_urls()
        links = []
        for attrs in attrs_list:
            try:
                url = urls.get(int(attrs.get("id")))
            except (TypeError, ValueError):
                url = None
            links.append(f'<a href="{escape(url)}">' if url else "<a>")
        return links


@hooks.register("register_rich_text_features", order=1)  # replaces Wagtail's own "page" link type
def register_page_link_handler(features):
    features.register_link_type(PageLinkHandler)
