from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from participation_pages import extensions, views
from participation_pages.feeds import UpcomingEventsAtom, UpcomingEventsRSS
from participation_pages.models import EventFormat, EventSeries, Venue
from participation_pages.sections import open_topic_cards, upcoming_event_cards

hooks.register("kuulu_section_upcoming_events", upcoming_event_cards)
hooks.register("kuulu_section_open_participation", open_topic_cards)


def _this_year(calendar, request):
    return views.year_view(calendar, request, timezone.localdate().year)


def _feed(feed_class):
    def serve(calendar, request):
        return feed_class(calendar)(request)

    return serve


@hooks.register("kuulu_calendar_routes")
def calendar_routes():
    return [
        path("", _this_year, name="this_year"),
        path("<int:year>/", views.year_view, name="year"),
        path("<int:year>/<int:month>/<int:day>/", views.day_view, name="day"),
        path("upcoming/", views.list_view, {"past": False}, name="upcoming"),
        path("past/", views.list_view, {"past": True}, name="past"),
        path("ical/", views.ical_feed, name="ical"),
        path("rss/", _feed(UpcomingEventsRSS), name="rss"),
        path("atom/", _feed(UpcomingEventsAtom), name="atom"),
        path("screen/", views.screen_view, name="screen"),
    ]


@hooks.register(extensions.ROUTES_HOOK)
def event_routes():
    return [path("ics/", views.event_ics_download, name="ics")]


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
    return [
        path(
            "reports/follow-ups-due/",
            views.FollowUpsDueView.as_view(),
            name="participation_pages_follow_ups_due",
        ),
        path(
            "reports/follow-ups-due/results/",
            views.FollowUpsDueView.as_view(results_only=True),
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
