from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Person, Place, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Places")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People and teams")
    list_display = ["name", "role", "locale"]
    list_filter = ["locale", "is_team"]
    search_fields = ["name"]


class StoriesGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, PlaceViewSet, PersonViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Stories")
    menu_name = "stories"


register_snippet(StoriesGroup)
