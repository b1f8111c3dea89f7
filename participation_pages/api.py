"""`/api/v2/events/`: events with their structured fields, filterable like the calendar.

/api/v2/events/?locale=sv&area=keskusta&event_format=asukasilta&series=yhdistystreffit&upcoming=true
/api/v2/events/?starts_from=2030-01-01&starts_before=2030-07-01&status=EventCancelled

Dates are Europe/Helsinki calendar days (ISO 8601 `YYYY-MM-DD`); `starts_before` is exclusive.
The format filter is `event_format` because DRF keeps `format` for the response's format.
"""

from datetime import date, datetime, time

from django.db.models import Prefetch
from django.utils import timezone
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale

from home.api import KuuluPagesAPIViewSet
from participation_pages.filters import EventFilterSet
from participation_pages.models import EventPage, EventPageArea, EventPageTheme

# The calendar's filters as the API offers them: {URL parameter: EventFilterSet filter}.
# Renaming a parameter or adding a filter is one entry here.
API_FILTERS = {
    "event_format": "format",
    "area": "area",
    "theme": "theme",
    "mode": "mode",
    "series": "series",
    "symbol": "symbol",
}
EventAPIFilterSet = EventFilterSet.with_parameters(API_FILTERS)
DATE_FILTERS = ("starts_from", "starts_before")
OWN_PARAMETERS = (*API_FILTERS, *DATE_FILTERS, "status", "upcoming")


def _day_start(request, name):
    value = request.GET.get(name)
    if value in (None, ""):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadRequestError(f"{name} must be a date as YYYY-MM-DD") from None
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


class EventFilterBackend(BaseFilterBackend):
    """The calendar's filters (`API_FILTERS`) plus `upcoming`, `starts_from`, `starts_before` and
    `status`; an unknown value is a 400 with a JSON message naming the filter. Choices come from
    the `locale` parameter's snippets."""

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
        if (starts_from := _day_start(request, "starts_from")) is not None:
            queryset = queryset.filter(start__gte=starts_from)
        if (starts_before := _day_start(request, "starts_before")) is not None:
            queryset = queryset.filter(start__lt=starts_before)
        if status := request.GET.get("status"):
            if status not in EventPage.Status.values:
                raise BadRequestError("status must be one of " + ", ".join(EventPage.Status.values))
            queryset = queryset.filter(status=status)
        return queryset


class EventsAPIViewSet(KuuluPagesAPIViewSet):
    model = EventPage
    name = "events"
    filter_backends = [EventFilterBackend, *KuuluPagesAPIViewSet.filter_backends]
    own_filter_parameters = OWN_PARAMETERS
    known_query_parameters = KuuluPagesAPIViewSet.known_query_parameters.union(OWN_PARAMETERS)
    listing_default_fields = KuuluPagesAPIViewSet.listing_default_fields + [
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
