from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
