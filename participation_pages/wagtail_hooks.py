from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from participation_pages.models import EventFormat, EventSeries, Venue
from participation_pages.sections import open_topic_cards, upcoming_event_cards

hooks.register("kuulu_section_upcoming_events", upcoming_event_cards)
hooks.register("kuulu_section_open_participation", open_topic_cards)


class EventFormatViewSet(SnippetViewSet):
    model = EventFormat
    icon = "list-ul"
    list_display = ["name", "slug", "colour"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "home"
    list_display = ["name", "street_address", "city", "step_free_access", "induction_loop"]
    search_fields = ["name", "street_address"]


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "repeat"
    list_display = ["name", "slug"]


class EventReferenceGroup(SnippetViewSetGroup):
    menu_label = _("Event settings")
    menu_icon = "date"
    menu_order = 290
    items = (EventFormatViewSet, VenueViewSet, EventSeriesViewSet)


register_snippet(EventReferenceGroup)


@hooks.register("register_admin_urls")
def register_follow_ups_report_urls():
    from participation_pages.views import FollowUpsDueView

    return [
        path(
            "reports/follow-ups-due/", FollowUpsDueView.as_view(), name="participation_pages_follow_ups_due"
        ),
        path(
            "reports/follow-ups-due/results/",
            FollowUpsDueView.as_view(results_only=True),
            name="participation_pages_follow_ups_due_results",
        ),
    ]


class FollowUpsDueMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_follow_ups_report_menu_item():
    return FollowUpsDueMenuItem(
        _("Follow-ups due"),
        reverse("participation_pages_follow_ups_due"),
        name="follow-ups-due",
        icon_name="tasks",
        order=650,
    )
