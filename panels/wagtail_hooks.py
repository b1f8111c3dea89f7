from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin import PermissionMenuItem, app_admin_urls, page_button
from home.routes import page_view
from panels import admin_urls, views
from panels.admin_views import RUN_DRAW
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


@hooks.register("register_admin_urls")
def register_admin_urls():
    return app_admin_urls("panels", admin_urls.urlpatterns, "panels_admin")


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return PermissionMenuItem(
        _("Resident panels"),
        reverse("panels_admin:index"),
        RUN_DRAW,
        icon_name="group",
        order=295,
        name="resident-panels",
    )


@hooks.register("register_page_listing_more_buttons")
def page_listing_buttons(page, user, next_url=None):
    yield from page_button(
        page,
        user,
        page_type=ResidentPanelPage,
        permission=RUN_DRAW,
        label=_("Selection"),
        url_name="panels_admin:selection",
        icon_name="group",
        priority=60,
    )


class PopulationProfileViewSet(SnippetViewSet):
    model = PopulationProfile
    icon = "table"
    menu_label = _("Population profiles")
    list_display = ["name", "source"]


register_snippet(PopulationProfileViewSet)
