"""The calendar's list of events by month (year, day, upcoming and past views), worked out once
per request in Python so that the template is one loop over the months.

Django's template engine costs a few microseconds a node: a row that formatted its own time,
looked up its address, ran the badge and follow-up tags, included the participation symbol and
joined its areas and themes cost about half a millisecond, 20 ms for a page of 40. `months()`
gives the same HTML for a fraction of that: every text is computed here once (the symbol's HTML
once per page, the labels once per request), areas and themes come from one `values_list` query
each instead of model instances, and the follow-up mark's template runs only for the events that
show it. Each month's rows are written as HTML here too (`Month.items_html`, every text escaped):
as a template loop over the ready texts, the 40 rows of a page still cost about 2 ms.
"""

import functools
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from home.i18n import date_formatter
from participation_pages import extensions, formatting
from participation_pages.models import EventFormat, EventPage, EventPageArea, EventPageTheme, Venue
from participation_pages.signup_settings import SignUpSettings

#: The columns of an event that listings read: what `months()` and `formatting` show, the
#: follow-up mark's fields and link (`url_path`, `locale`), and the sign-up settings with the
#: `translation_key` that `kuulu_event_badges` providers read (seats left). `listed()` loads only
#: these: a full event page is some 80 columns (with the description, programme and accessibility
#: texts), and the year view's 40 took 4.3 ms of CPU to read instead of 2.9 ms. Any other column
#: an event of a listing is asked for costs a query of its own.
LISTED_FIELDS = (
    "title",
    "slug",
    "url_path",
    "locale",
    "translation_key",
    "start",
    "end",
    "status",
    "summary",
    "event_format",
    "venue",
    "attendance_mode",
    "participation_symbol",
    "follow_up_published_at",
    "follow_up_what_happened",
    "follow_up_take_along",
    "follow_up_still_develop",
    *(field.name for field in SignUpSettings._meta.fields),
)


#: The badge "Follow-up report published" (the template of `{% follow_up_mark %}`).
FOLLOW_UP_MARK = "participation_pages/includes/follow_up_mark.html"


def listed(events):
    """`events` (an EventPage queryset) with `event_format` and `venue` joined and only
    `LISTED_FIELDS` read: what `months()` takes."""
    return events.select_related("event_format", "venue").only(*LISTED_FIELDS)


@functools.cache
def _listed_columns():
    """The attnames of what `listed()` reads, in EventPage's concrete-field order (as
    `Model.from_db` takes them): `LISTED_FIELDS` and the keys of the page and the event."""
    wanted = set(LISTED_FIELDS)
    return tuple(
        f.attname
        for f in EventPage._meta.concrete_fields
        if f.name in wanted or f.primary_key or (f.remote_field and f.remote_field.parent_link)
    )


@dataclass(frozen=True)
class KeptRows:
    """What `listed()` reads of many events as plain rows, to keep between requests
    (`home.page_cache.remember`, e.g. a year's events) and to turn into the EventPages of the few
    a page lists (`pages`). Reading a year view's 40 events from the database cost 4.5 ms of CPU
    (an event page is two tables and three models with its format and venue); building them
    from these rows costs about a third of that. `columns`: attnames (`_listed_columns`); `rows`:
    {pk: values in that order}; `formats`, `venues`: {pk: EventFormat / Venue} of those events,
    shared by every request (nobody changes them)."""

    columns: tuple
    rows: dict
    formats: dict
    venues: dict

    def pages(self, pks):
        """The EventPages of `pks` as `listed()` reads them (`LISTED_FIELDS`, `event_format` and
        `venue` attached), in the order of `pks`; a pk not kept is left out. No query."""
        db = EventPage.objects.db
        pages = []
        for pk in pks:
            if (row := self.rows.get(pk)) is None:
                continue
            event = EventPage.from_db(db, self.columns, row)
            event.event_format = self.formats.get(event.event_format_id)
            event.venue = self.venues.get(event.venue_id)
            pages.append(event)
        return pages


def kept_rows(events):
    """`KeptRows` of `events` (an EventPage queryset): three queries whatever their number (the
    events' columns, their formats, their venues)."""
    columns = _listed_columns()
    pk_at = columns.index(EventPage._meta.pk.attname)
    rows = {row[pk_at]: row for row in events.order_by().values_list(*columns)}
    format_at, venue_at = columns.index("event_format_id"), columns.index("venue_id")
    formats = EventFormat.objects.in_bulk({row[format_at] for row in rows.values()} - {None})
    venues = Venue.objects.in_bulk({row[venue_at] for row in rows.values()} - {None})
    return KeptRows(columns, rows, formats, venues)


@dataclass
class ListedEvent:
    """One row of the list: `event` (the EventPage) and its texts as shown.

    `status` is "" for a scheduled event; `follow_up` is the follow-up mark's HTML or "" (shown
    for a past event whose follow-up report is public); `meta` is [(visually hidden label, text)]
    for format, place, areas and themes, those without a value left out; `symbol` is the
    participation symbol's HTML or ""."""

    event: EventPage
    url: str
    title: str
    datetime: str
    when: str
    status: str
    cancelled: bool
    badges: list
    follow_up: str
    meta: list
    summary: str
    symbol: str

    def html(self):
        """The row as HTML (`<li class="event-item">…</li>`), every text escaped."""
        escape = conditional_escape
        cancelled = " event-item--cancelled" if self.cancelled else ""
        status = ""
        if self.status:
            status = (
                f'<p class="badge{" badge--cancelled" if self.cancelled else ""}">{escape(self.status)}</p>'
            )
        badges = "".join(f'<p class="badge">{escape(badge)}</p>' for badge in self.badges)
        meta = "".join(
            f'<li><span class="visually-hidden">{escape(label)}: </span>{escape(text)}</li>'
            for label, text in self.meta
        )
        return (
            f'<li class="event-item{cancelled}">\n'
            f'<p class="event-item__when"><time datetime="{escape(self.datetime)}">{escape(self.when)}</time></p>\n'
            f'<h4 class="event-item__title"><a href="{escape(self.url)}">{escape(self.title)}</a></h4>\n'
            f"{status}{badges}{self.follow_up}\n"
            f'<ul class="event-item__meta">{meta}</ul>\n'
            f'<p class="event-item__summary">{escape(self.summary)}</p>\n'
            f"{self.symbol}\n</li>\n"
        )


@dataclass
class Month:
    """The events of one month: `key` "2030-03" (the heading's id), `heading` "Maaliskuu 2030"."""

    key: str
    heading: str
    events: list = field(default_factory=list)

    def items_html(self):
        """The month's rows as HTML (`ListedEvent.html`), for the template's `<ul>`."""
        return mark_safe("".join(event.html() for event in self.events))  # noqa: S308 (each row escapes its texts)


def _names(link_model, target, ids):
    """{page id: "name, name"} of the areas or themes each page is filed under, in the editor's
    order (the links' `sort_order`): one query."""
    names = {}
    for page_id, name in link_model.objects.filter(page_id__in=ids).values_list("page_id", f"{target}__name"):
        names.setdefault(page_id, []).append(name)
    return {page_id: ", ".join(values) for page_id, values in names.items()}


def months(events, request, url_of):
    """The `events` (EventPages, in list order, with `event_format` and `venue` joined) grouped
    by month in the current time zone (Europe/Helsinki), as [Month] of [ListedEvent].

    url_of: callable(event) -> the event's address (the calendar's address and the event's slug:
    events are the calendar's children). Runs three queries whatever the number of events (areas,
    themes and the `kuulu_event_badges` providers', e.g. seats left)."""
    events = list(events)
    if not events:
        return []
    ids = [event.pk for event in events]
    areas = _names(EventPageArea, "area", ids)
    themes = _names(EventPageTheme, "theme", ids)
    badges = extensions.collect_badges(events, request)
    labels = {"format": _("Format"), "where": _("Where"), "areas": _("Areas"), "themes": _("Themes")}
    heading = date_formatter("F Y")
    when = formatting.when_writer(weekday=True)
    zone = timezone.get_current_timezone()
    symbol_html = None
    result = []
    for event in events:
        start = event.start.astimezone(zone)
        key = f"{start.year}-{start.month:02d}"
        if not result or result[-1].key != key:
            result.append(Month(key, capfirst(heading(start))))
        meta = []
        if event.event_format_id:
            meta.append((labels["format"], event.event_format.name))
        if place := formatting.place_text(event):
            meta.append((labels["where"], place))
        if event.pk in areas:
            meta.append((labels["areas"], areas[event.pk]))
        if event.pk in themes:
            meta.append((labels["themes"], themes[event.pk]))
        symbol = ""
        if event.shows_participation_symbol:
            if symbol_html is None:
                symbol_html = render_to_string("includes/participation_symbol.html", {"small": True}, request)
            symbol = symbol_html
        follow_up = ""
        if event.is_past and event.shows_follow_up:
            follow_up = render_to_string(FOLLOW_UP_MARK, {"event": event}, request)
        result[-1].events.append(
            ListedEvent(
                event=event,
                url=url_of(event),
                title=event.title,
                datetime=start.replace(microsecond=0).isoformat(),
                when=when(event),
                status="" if event.status == EventPage.Status.SCHEDULED else str(event.get_status_display()),
                cancelled=event.is_cancelled,
                badges=badges.get(event.pk, []),
                follow_up=follow_up,
                meta=meta,
                summary=event.summary,
                symbol=symbol,
            )
        )
    return result
