from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin import register_staff_area
from home.routes import page_view
from panels import admin_views, views
from panels.models import PopulationProfile, ResidentPanelPage
from panels.personal_data import PanelApplicationData, anonymise_expired_applications
from panels.sections import open_panel_cards

hooks.register("kuulu_personal_data", PanelApplicationData)
hooks.register("kuulu_section_open_participation", open_panel_cards)


@hooks.register("kuulu_panel_routes")
def panel_routes():
    return [
        path("apply/", page_view(views.apply), name="apply"),
        path("selection/", page_view(views.transparency), name="transparency"),
    ]


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    return {"panels.anonymise_expired_applications": anonymise_expired_applications}


register_staff_area(admin_views.area)


admin_views.area.page_button(ResidentPanelPage, _("Selection"), "selection", priority=60)


class PopulationProfileViewSet(SnippetViewSet):
    model = PopulationProfile
    icon = "table"
    menu_label = _("Population profiles")
    list_display = ["name", "source"]


register_snippet(PopulationProfileViewSet)
