from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from taxonomy.models import Area, Theme


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    list_display = ["name", "parent", "slug", "postcodes"]
    list_filter = ["parent"]
    search_fields = ["name"]
    ordering = ["parent__name", "name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Areas and themes")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (AreaViewSet, ThemeViewSet)


register_snippet(TaxonomyGroup)
