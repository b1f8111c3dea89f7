"""`/api/v2/events/`: events with their structured fields, filterable like the calendar.

/api/v2/events/?locale=sv&area=keskusta&upcoming=true&fields=areas,themes,venue
"""

from django.db.models import Prefetch
from django.utils import timezone
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale

from home.api import PagesAPIViewSet
from participation_pages.filters import EventFilterSet
from participation_pages.models import EventPage, EventPageArea, EventPageTheme

# The calendar's filters as the API offers them: {URL parameter: EventFilterSet filter}.
# Renaming a parameter or adding a filter is one entry here.
API_FILTERS = {
    "format": "format",
    "area": "area",
    "theme": "theme",
    "mode": "mode",
    "series": "series",
    "symbol": "symbol",
}
EventAPIFilterSet = EventFilterSet.with_parameters(API_FILTERS)


class EventFilterBackend(BaseFilterBackend):
    """The calendar's filters (`API_FILTERS`) plus `upcoming`; an unknown value is a 400 with a
    JSON message naming the filter. Choices come from the `locale` parameter's snippets."""

    def filter_queryset(self, request, queryset, view):
        if any(name in request.GET for name in API_FILTERS):
            code = request.GET.get("locale") or Locale.get_default().language_code
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                raise BadRequestError(f"unknown locale: {code}")
            filters = EventAPIFilterSet(request.GET, queryset, locale=locale)
            if filters.errors:
                raise BadRequestError(filters.error_message())
            queryset = filters.qs
        upcoming = request.GET.get("upcoming")
        if upcoming in ("true", "1"):
            queryset = queryset.filter(end__gte=timezone.now())
        elif upcoming not in (None, "", "false", "0"):
            raise BadRequestError("upcoming must be true or false")
        return queryset


class EventsAPIViewSet(PagesAPIViewSet):
    model = EventPage
    name = "events"
    filter_backends = [EventFilterBackend, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union([*API_FILTERS, "upcoming"])
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "start",
        "end",
        "status",
        "attendance_mode",
        "event_format",
        "areas",
        "themes",
        "venue",
    ]

    def get_queryset(self):
        queryset = (
            EventPage.objects.filter(pk__in=self.get_base_queryset().values("pk"))
            .select_related("event_format", "series", "venue", "locale")
            .prefetch_related(
                Prefetch("area_links", queryset=EventPageArea.objects.select_related("area__parent")),
                Prefetch("theme_links", queryset=EventPageTheme.objects.select_related("theme")),
            )
        )
        if "order" not in self.request.GET:
            queryset = queryset.order_by("start", "pk")
        return queryset
