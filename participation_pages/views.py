"""The calendar's views (routed from CalendarPage and EventPage) and the follow-ups report.

Every listing runs a fixed number of queries whatever the number of events: formats, venues
and areas/themes are joined or prefetched once per request.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.views.reports import PageReportView

from home import page_cache, spreadsheets
from home.conditional import conditional_response
from home.i18n import date_formatter
from home.site_url import absolute_url
from participation_pages import ical, listing, wheel
from participation_pages.filters import EventFilterSet
from participation_pages.models import EventPage

PAGE_SIZE = 40
SCREEN_COUNT = 8
SCREEN_REFRESH_SECONDS = 300
FEED_KEEPS_PAST_DAYS = 365  # a subscription still shows last year's events
# The page cache keeps an iCal feed this long unless an event is published first (which purges
# it): its window moves by days, so an event leaves it at most an hour late.
FEED_CACHE_SECONDS = 60 * 60
MIN_YEAR, MAX_YEAR = 2000, 2100


def _child_url(base):
    """`event -> address` for the calendar's list: events are children of the calendar at
    `base`, so an event's address is the calendar's plus its slug (no query, no page tree walk)."""
    return lambda event: f"{base}{event.slug}/"


def mark_labeller():
    """A function giving the accessible name of an event in the wheel: title, time, format and
    status. The time format is read once for all the marks (`home.i18n.date_formatter`)."""
    when = date_formatter("DATETIME_FORMAT")
    zone = timezone.get_current_timezone()

    def mark_label(event):
        parts = [event.title, when(event.start.astimezone(zone))]
        if event.event_format:
            parts.append(event.event_format.name)
        if event.status != EventPage.Status.SCHEDULED:
            parts.append(str(event.get_status_display()))
        return ", ".join(parts)

    return mark_label


def day_namer():
    """A function `day -> "Tuesday 5 March 2030"` ("tiistai 5.3.2030") in the active language:
    the weekday and the language's date format, read once for many days."""
    weekday, when = date_formatter("l"), date_formatter("DATE_FORMAT")
    return lambda day: f"{weekday(day)} {when(day)}"


def day_labeller():
    """A function `(day, count) -> "12 events on Tuesday 5 March 2030"` in the active language
    (ngettext): the accessible name of a crowded day's mark in the wheel and the heading of that
    day's list."""
    day_name = day_namer()

    def day_label(day, count):
        return ngettext("%(count)s event on %(day)s", "%(count)s events on %(day)s", count) % {
            "count": count,
            "day": day_name(day),
        }

    return day_label


def _feed_urls(calendar, request, query):
    suffix = f"?{query}" if query else ""
    base = calendar.get_url(request) or calendar.url
    ical_url = absolute_url(base + calendar.reverse_subpage("ical") + suffix)
    return {
        "ical_url": ical_url,
        "webcal_url": "webcal://" + ical_url.split("://", 1)[1],
        "rss_url": absolute_url(base + calendar.reverse_subpage("rss") + suffix),
        "atom_url": absolute_url(base + calendar.reverse_subpage("atom") + suffix),
        "screen_url": base + calendar.reverse_subpage("screen") + suffix,
    }


def _filters(calendar, request, queryset, **kwargs):
    return EventFilterSet(request.GET, queryset, locale=calendar.locale, **kwargs)


def _common_context(calendar, request, filters, view):
    query = filters.query_string()
    base = calendar.get_url(request) or calendar.url
    suffix = f"?{query}" if query else ""
    this_year = timezone.localdate().year
    return {
        "view": view,
        "form": filters.form,
        "filters_query": query,
        "active_filters": filters.descriptions(),
        "views_nav": [
            ("year", _("Annual clock %(year)s") % {"year": this_year}, base + suffix),
            ("upcoming", _("Upcoming"), base + calendar.reverse_subpage("upcoming") + suffix),
            ("past", _("Past"), base + calendar.reverse_subpage("past") + suffix),
        ],
        **_feed_urls(calendar, request, query),
    }


def _paginate(request, items):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def year_bounds(year):
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


@dataclass
class WheelEvent:
    """The little the wheel needs of an event, read with .values(): drawing 300 marks must not
    cost 300 page objects."""

    pk: int
    title: str
    start: datetime
    status: str
    event_format: object
    url: str

    @property
    def is_cancelled(self):
        return self.status == EventPage.Status.CANCELLED

    def get_status_display(self):
        return EventPage.Status(self.status).label


def year_view(calendar, request, year):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    start, end = year_bounds(year)
    filters = _filters(calendar, request, calendar.events().filter(start__lt=end, end__gt=start))
    base = calendar.get_url(request) or calendar.url
    today = timezone.localdate()
    query = filters.query_string()
    suffix = f"?{query}" if query else ""

    def compute():
        formats = {f.pk: f for f in filters.rows("format")}
        rows = filters.qs.values_list("pk", "title", "slug", "start", "status", "event_format_id")
        zone = timezone.get_current_timezone()
        # Events are children of the calendar, so their address is the calendar's plus their slug.
        # Their start is in the local time zone already, so the wheel's and the labels'
        # `astimezone(zone)` return it as it is instead of converting 1,000 times more.
        events = [
            WheelEvent(
                pk, title, event_start.astimezone(zone), status, formats.get(format_id), f"{base}{slug}/"
            )
            for pk, title, slug, event_start, status, format_id in rows
        ]
        day_label = day_labeller()
        # The day route is the year's plus "<month>/<day>/": reversed once, not once a day mark
        # (30 µs each, 10 ms at 10,000 events); tests follow the links.
        year_path = base + calendar.reverse_subpage("year", args=[year])

        def day_link(day, count):
            return f"{year_path}{day.month}/{day.day}/{suffix}", day_label(day, count)

        return events, wheel.build(
            year, events, filters.rows("format"), mark_labeller(), today=today, day_link=day_link
        )

    if query:
        year_events, year_wheel = compute()
    else:
        # The unfiltered year, the address everyone reads, is worked out once per content
        # generation (`page_cache.remember`: publishing, unpublishing or editing anything starts
        # a new one): its 1,000 marks cost more than the rest of the page. Filtered years are not
        # kept, so that the memory a process keeps does not grow with the filter combinations
        # a crawler tries; a year with many events is a few hundred kB.
        key = ("participation_pages.year", base, translation.get_language(), year, today)
        year_events, year_wheel = page_cache.remember(key, compute, request)
    page_obj = _paginate(request, year_events)
    # The page's 40 (of the year's rows above, already live, public and filtered) are built from
    # what the list shows of every event of the unfiltered year, kept per content generation as
    # the year is (about 1 MB at 1,000 events): filtered years take theirs from it too.
    year_rows = page_cache.remember(
        ("participation_pages.year-rows", base, translation.get_language(), year),
        lambda: listing.kept_rows(calendar.events().filter(start__lt=end, end__gt=start)),
        request,
    )
    page_obj.object_list = year_rows.pages([e.pk for e in page_obj.object_list])
    context = _common_context(calendar, request, filters, "year" if year == today.year else "other-year")
    context.update(
        {
            "year": year,
            "page_obj": page_obj,
            "months": listing.months(page_obj.object_list, request, _child_url(base)),
            "events_total": len(year_events),
            "wheel": year_wheel,
            "previous_year_url": base + calendar.reverse_subpage("year", args=[year - 1]) + suffix
            if year > MIN_YEAR
            else "",
            "next_year_url": base + calendar.reverse_subpage("year", args=[year + 1]) + suffix
            if year < MAX_YEAR
            else "",
        }
    )
    return calendar.render(request, context_overrides=context)


def day_view(calendar, request, year, month, day):
    """The events of one day, where a crowded day's mark in the wheel links (with the year view's
    filters): those the wheel draws at that day, i.e. starting that day in Europe/Helsinki, and
    on 1 January also those that began the year before. 404 for a day that does not exist."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    try:
        the_day = date(year, month, day)
    except (ValueError, OverflowError):  # 30 February; a month of twenty digits
        raise Http404 from None
    zone = timezone.get_current_timezone()
    start = datetime(year, month, day, tzinfo=zone)
    end = datetime.combine(the_day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    on_day = Q(start__gte=start) | Q(end__gt=start) if (month, day) == (1, 1) else Q(start__gte=start)
    filters = _filters(calendar, request, calendar.events().filter(on_day, start__lt=end))
    page_obj = _paginate(request, listing.listed(filters.qs))
    base = calendar.get_url(request) or calendar.url
    query = filters.query_string()
    suffix = f"?{query}" if query else ""
    context = _common_context(calendar, request, filters, "day")
    context.update(
        {
            "page_obj": page_obj,
            "months": listing.months(page_obj.object_list, request, _child_url(base)),
            "events_total": page_obj.paginator.count,
            "day_name": day_namer()(the_day),
            "day_heading": day_labeller()(the_day, page_obj.paginator.count),
            "day_year": year,
            "day_year_url": base + calendar.reverse_subpage("year", args=[year]) + suffix,
        }
    )
    return calendar.render(request, context_overrides=context)


def list_view(calendar, request, past):
    filters = _filters(calendar, request, calendar.events())
    now = timezone.now()
    events = filters.qs
    events = events.filter(end__lt=now).order_by("-start", "-pk") if past else events.filter(end__gte=now)
    page_obj = _paginate(request, listing.listed(events))
    base = calendar.get_url(request) or calendar.url
    context = _common_context(calendar, request, filters, "past" if past else "upcoming")
    context.update(
        {
            "page_obj": page_obj,
            "months": listing.months(page_obj.object_list, request, _child_url(base)),
            "events_total": page_obj.paginator.count,
        }
    )
    return calendar.render(request, context_overrides=context)


def ical_feed(calendar, request):
    """The calendar as an iCalendar subscription, honouring the page's filters (400 if one is
    not valid: a subscription must not silently show other events than asked for)."""
    since = timezone.now() - timedelta(days=FEED_KEEPS_PAST_DAYS)
    filters = _filters(calendar, request, calendar.events().filter(end__gte=since))
    if bad_request := filters.bad_request():
        return bad_request
    events = filters.qs
    name = " – ".join([calendar.title, *filters.descriptions()])
    key = f"{calendar.translation_key}/{calendar.locale.language_code}?{filters.query_string()}"
    cal = ical.calendar(
        [(event, event.get_full_url(request)) for event in events], ical.uid_host(), name=name, key=key
    )
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    filename = slugify("-".join([calendar.slug, *filters.active_values()])) or "calendar"
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return conditional_response(request, page_cache.keep_for(response, FEED_CACHE_SECONDS))


def event_ics_download(event, request):
    data = ical.event_ics(event, event.get_full_url(request), ical.uid_host())
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return conditional_response(request, response)


def screen_view(calendar, request):
    """Next events in large type for library and service-point screens; no navigation.

    The page reloads itself through the HTTP Refresh header (browsers treat it like a meta
    refresh). `?refresh=off` stops that, for anyone who opens the view on their own device."""
    filters = _filters(calendar, request, calendar.events(), only=["area"])
    events = list(
        filters.qs.filter(end__gte=timezone.now()).exclude(status=EventPage.Status.CANCELLED)[:SCREEN_COUNT]
    )
    refresh = request.GET.get("refresh") != "off"
    query = request.GET.copy()
    query["refresh"] = "off"
    response = TemplateResponse(
        request,
        "participation_pages/screen.html",
        {
            **calendar.get_context(request),
            "form": filters.form,
            "events": events,
            "refresh": refresh,
            "refresh_minutes": SCREEN_REFRESH_SECONDS // 60,
            "stop_refresh_query": query.urlencode(),
            "updated_at": timezone.localtime(),
            "area_name": ", ".join(filters.descriptions()),
        },
    )
    if refresh:
        response["Refresh"] = str(SCREEN_REFRESH_SECONDS)
    if ancestors := settings.KUULU_SCREEN_FRAME_ANCESTORS:
        # A signage player may show this view in its frame; every other page stays unframable.
        response._csp_replace = {"frame-ancestors": list(ancestors)}
        response.xframe_options_exempt = True
    return response


class FollowUpsDueView(spreadsheets.SpreadsheetExportMixin, PageReportView):
    """Past events whose follow-up report has not been published (Reports → Follow-ups due)."""

    page_title = gettext_lazy("Follow-ups due")
    header_icon = "tasks"
    index_url_name = "participation_pages_follow_ups_due"
    index_results_url_name = "participation_pages_follow_ups_due_results"
    results_template_name = "participation_pages/admin/follow_ups_due_results.html"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "start", "end", "locale"]
    export_filename = "follow-ups-due"
    export_headings = {
        "title": gettext_lazy("Event"),
        "start": gettext_lazy("Starts"),
        "end": gettext_lazy("Ends"),
        "locale": gettext_lazy("Language"),
    }

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        for page in object_list:
            page.follow_up_scheduled = page.has_follow_up and page.follow_up_published_at > today
        return object_list

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        missing = (
            Q(follow_up_published_at__isnull=True)
            | Q(follow_up_published_at__gt=timezone.localdate())
            | (Q(follow_up_what_happened="") & Q(follow_up_take_along="") & Q(follow_up_still_develop=""))
        )
        self.queryset = (
            EventPage.objects.live()
            .filter(pk__in=editable.values("pk"), end__lt=timezone.now())
            .exclude(status=EventPage.Status.CANCELLED)
            .filter(missing)
            .select_related("locale")
            .order_by("end")
        )
        return super().get_queryset()
