from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from panels import admin_urls
from panels.models import PopulationProfile, ResidentPanelPage
from panels.personal_data import PanelApplicationData, anonymise_expired_applications
from panels.sections import open_panel_cards

hooks.register("kuulu_personal_data", PanelApplicationData)
hooks.register("kuulu_section_open_participation", open_panel_cards)


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    return {"panels.anonymise_expired_applications": anonymise_expired_applications}


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("panels/", include((admin_urls.urlpatterns, "panels_admin"), namespace="panels_admin"))]


class PanelsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("panels.run_draw")


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return PanelsMenuItem(
        _("Resident panels"),
        reverse("panels_admin:index"),
        icon_name="group",
        order=295,
        name="resident-panels",
    )


@hooks.register("register_page_listing_more_buttons")
def page_listing_buttons(page, user, next_url=None):
    if isinstance(page.specific_deferred, ResidentPanelPage) and user.has_perm("panels.run_draw"):
        yield Button(
            _("Selection"), reverse("panels_admin:selection", args=[page.pk]), priority=60, icon_name="group"
        )


class PopulationProfileViewSet(SnippetViewSet):
    model = PopulationProfile
    icon = "table"
    menu_label = _("Population profiles")
    list_display = ["name", "source"]


register_snippet(PopulationProfileViewSet)
