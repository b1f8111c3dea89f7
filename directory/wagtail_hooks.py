from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from directory import admin_views, export, views
from directory.content_sections import latest_news_cards
from directory.models import Person, TargetGroup
from directory.personal_data import ProposalData, delete_old_proposals
from home.admin import register_staff_area

hooks.register("kuulu_personal_data", ProposalData)
hooks.register("kuulu_section_latest_news", latest_news_cards)


@hooks.register("kuulu_directory_routes")
def directory_routes():
    return [
        path("", views.listing, name="listing"),
        path("export/csv/", export.csv_response, name="export_csv"),
        path("export/json/", export.json_response, name="export_json"),
        path("propose/", views.propose, name="propose"),
        path("propose/thanks/", views.propose_thanks, name="propose_thanks"),
    ]


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    from directory.tasks import delete_old_imports, fail_stalled_imports

    return {
        "directory.delete_old_proposals": delete_old_proposals,
        "directory.delete_old_imports": delete_old_imports,
        "directory.fail_stalled_imports": fail_stalled_imports,
    }


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "role", "kind", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "role"]


register_snippet(PersonViewSet)


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Target groups")
    list_display = ["name_fi", "name_sv", "name_en", "slug"]


register_snippet(TargetGroupViewSet)


register_staff_area(admin_views.area)
