from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from directory.models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "role", "kind", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "role"]


register_snippet(PersonViewSet)
