"""Filters of the calendar (pages, feeds, screen view, API) and of the topic index ("Take part").

Filters are plain GET parameters with language-independent values (the slugs of formats,
areas, themes and series are the same in every language), so `?area=keskusta&format=asukasilta`
is one address in Finnish, Swedish and English, and a calendar subscription keeps working
whichever language it was copied from. The shared rules (strict values, links, descriptions)
are `home.filtering`'s; the area rule is `taxonomy.filters.related_areas`.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.filtering import FlagFilter, KuuluFilterSet, RowChoiceFilter, remembered_rows
from participation_pages.models import EventFormat, EventPage, EventSeries, ParticipationTopicPage
from taxonomy.filters import AreaFilter, ThemeFilter

# Attendance filter values as they appear in URLs, and the modes each one matches: a person
# who can only come online is also served by a hybrid event, and so is one who wants to be there.
ATTENDANCE_FILTERS = {
    "in-person": ("OfflineEventAttendanceMode", "MixedEventAttendanceMode"),
    "online": ("OnlineEventAttendanceMode", "MixedEventAttendanceMode"),
    "hybrid": ("MixedEventAttendanceMode",),
}
ATTENDANCE_CHOICES = [
    ("in-person", _("Can take part in person")),
    ("online", _("Can take part online")),
    ("hybrid", _("Hybrid: both in person and online")),
]


@remembered_rows
def format_rows(filterset):
    return EventFormat.objects.filter(locale=filterset.locale)


@remembered_rows
def _series(filterset):
    return EventSeries.objects.filter(locale=filterset.locale)


class EventFilterSet(KuuluFilterSet):
    """The calendar's filters over EventPages; choices come from `locale`'s snippets (one query
    each). Used by the year and list views, the iCal/RSS/Atom feeds, the screen view and the API."""

    format = RowChoiceFilter(
        "event_format__slug", rows=format_rows, label=_("Format"), empty_label=_("All formats")
    )
    area = AreaFilter(links="participation_pages.EventPageArea")
    theme = ThemeFilter(links="participation_pages.EventPageTheme")
    mode = django_filters.ChoiceFilter(
        label=_("Taking part"),
        choices=ATTENDANCE_CHOICES,
        empty_label=_("Any way of taking part"),
        method="filter_mode",
    )
    series = RowChoiceFilter(
        "series__slug", rows=_series, label=_("Series"), empty_label=_("All series"), optional=True
    )
    symbol = FlagFilter(
        label=_("Only events where you can influence (participation symbol)"),
        description=_("with the participation symbol"),
        method="filter_symbol",
    )

    def filter_mode(self, queryset, name, value):
        return queryset.filter(attendance_mode__in=ATTENDANCE_FILTERS[value])

    def filter_symbol(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(participation_symbol=True).filter(~Q(status=EventPage.Status.CANCELLED))


class TopicFilterSet(KuuluFilterSet):
    """The topic index's filters over ParticipationTopicPages: area (the area rule), theme and
    status; choices come from `locale`'s snippets."""

    area = AreaFilter(links="participation_pages.ParticipationTopicPageArea")
    theme = ThemeFilter(links="participation_pages.ParticipationTopicPageTheme")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ParticipationTopicPage.Status.choices, empty_label=_("All statuses")
    )
