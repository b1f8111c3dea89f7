"""Geometry of the annual-clock wheel, drawn as server-side SVG (no JavaScript).

The year runs clockwise from the top. Every event is a mark at its start date; marks that would
touch are stacked inward in lanes, so a busy week grows towards the centre instead of turning
into one blot, and 300 events a year stay apart. A mark's shape and colour come from its format
(the legend names both, so colour is never the only cue); a hollow mark is a cancelled event.

**Crowded days.** The ring has room for `MAX_LANES` (14) lanes between its edge and the centre
disc, and a mark's neighbour in its lane must be `MIN_GAP` away: three days at the outermost lane,
six at the innermost (the whole ring holds about 3.5 marks a day). So the room at a day's angle
depends on the days around it, and the rule is taken from that geometry rather than from a fixed
number: a day is drawn mark by mark only if its events leave `DAY_MARK_LANES` (2) lanes free at
its angle, the room of one day mark for a busy day that follows; otherwise it is **one day mark**
(`DayMark`: a dark disc with the number of events in white, two lanes high, linked to the list of
that day's events, named "12 events on Tuesday 3 March 2030"). A fixed threshold would either
fold a lone busy evening in an empty month (set low) or still overfill the ring in a busy week
(set high); without the two reserved lanes, the individual marks of a busy week fill the ring and
the next crowded day has nowhere to go (in the tests' clustered year of 1,000 events, 31 of 49
day marks found no room without the reserve, 17 of 78 with it). A year in which every day leaves
two lanes free (up to 12 events a day, none in the days around) is drawn exactly as before. A day
mark takes the outermost two adjacent lanes with room for it; at 10,000 events a year (27 an
evening) the wheel is one day mark a busy day and nothing overlaps. Only when no two adjacent
lanes are free does a day mark go to the innermost lane, where marks were drawn anyway once the
ring was full.
"""

import calendar
import functools
import html
import math
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.safestring import mark_safe

from home.colours import COLOUR_RE
from home.i18n import month_names

SIZE = 1000
CENTRE = SIZE / 2
RING_OUTER = 420  # month sectors end here; the labels sit outside
RING_INNER = 150  # the centre disc with the year
LABEL_RADIUS = 452
FIRST_LANE = 404
LANE_STEP = 17
MARK_SIZE = 7.5  # "radius" of a mark
MIN_GAP = 2 * MARK_SIZE + 3  # distance between the centres of two marks in one lane
MARK_SPACING = MIN_GAP - 2 * MARK_SIZE  # free space between two neighbours in a lane
MAX_LANES = int((FIRST_LANE - RING_INNER - 2 * MARK_SIZE) // LANE_STEP)  # lanes inside the ring
DAY_MARK_LANES = 2  # a day mark is as high as two lanes
DAY_MARK_SIZE = 11.5  # radius of a day mark (1–2 digits)
DAY_MARK_SIZE_WIDE = 14  # … with 3 or more digits
DEFAULT_COLOUR = "#1a1a1a"
SECTOR_TINT = "#e7ecf5"  # the darker of the two month backgrounds (events.css)
SHAPES = ["circle", "square", "triangle", "diamond", "hexagon", "triangle-down", "star", "cross"]


def _point(radius, angle):
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)


def _fmt(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def shape_path(shape, x, y, s=MARK_SIZE):
    """An SVG path centred on (x, y); every shape covers about the same area. The shape is drawn
    relative to its first point, so only that point depends on (x, y)."""
    (dx, dy), outline = _shape_outline(shape, s)
    return f"M{_fmt(x + dx)} {_fmt(y + dy)}{outline}"


@functools.cache
def _shape_outline(shape, s):
    """((dx, dy) of the first point from the centre, the rest of the path in relative commands)."""
    if shape == "circle":
        arc = f"a{_fmt(s)} {_fmt(s)} 0 1 0"
        return (-s, 0), f"{arc} {_fmt(2 * s)} 0{arc} {_fmt(-2 * s)} 0z"
    if shape == "square":
        h = s * 0.9
        return (-h, -h), f"h{_fmt(2 * h)}v{_fmt(2 * h)}h{_fmt(-2 * h)}z"
    if shape == "cross":
        a, b = s, s * 0.38
        pts = [
            (-b, -a), (b, -a), (b, -b), (a, -b), (a, b), (b, b),
            (b, a), (-b, a), (-b, b), (-a, b), (-a, -b), (-b, -b),
        ]  # fmt: skip
    elif shape == "star":
        pts = []
        for i in range(10):
            r = s * 1.2 if i % 2 == 0 else s * 0.5
            angle = -math.pi / 2 + i * math.pi / 5
            pts.append((r * math.cos(angle), r * math.sin(angle)))
    else:
        corners = {"triangle": 3, "diamond": 4, "hexagon": 6, "triangle-down": 3}[shape]
        start = {
            "triangle": -math.pi / 2,
            "diamond": -math.pi / 2,
            "hexagon": 0,
            "triangle-down": math.pi / 2,
        }
        r = s * (1.25 if corners == 3 else 1.1)
        pts = [
            (
                r * math.cos(start[shape] + i * 2 * math.pi / corners),
                r * math.sin(start[shape] + i * 2 * math.pi / corners),
            )
            for i in range(corners)
        ]
    # Each step rounded from the rounded previous point, so the outline closes where it began.
    steps, (px, py) = [], (round(pts[0][0], 1), round(pts[0][1], 1))
    for x, y in pts[1:]:
        x, y = round(x, 1), round(y, 1)
        steps.append(f"l{_fmt(x - px)} {_fmt(y - py)}")
        px, py = x, y
    return pts[0], "".join(steps) + "z"


def safe_colour(value):
    return value if value and COLOUR_RE.match(value) else DEFAULT_COLOUR


def format_shapes(formats):
    """{format id: shape name}, stable by the formats' order."""
    return {f.pk: SHAPES[i % len(SHAPES)] for i, f in enumerate(formats)}


_DEFAULT_STYLE = ("circle", DEFAULT_COLOUR)  # an event without a format


def _format_styles(formats):
    """{format id: (shape name, safe colour)}: worked out once a wheel, not once a mark."""
    shapes = format_shapes(formats)
    return {f.pk: (shapes[f.pk], safe_colour(f.colour)) for f in formats}


@dataclass(slots=True)
class Mark:
    event: object
    x: float
    y: float
    path: str
    focus_path: str
    colour: str
    hollow: bool
    label: str


@dataclass
class DayMark:
    """One mark for a crowded day: `events` (every event of `day` in the wheel, in order) are
    counted, not drawn; `url` lists them, `label` is the accessible name ("12 events on …")."""

    day: date
    events: list
    x: float
    y: float
    radius: float
    url: str
    label: str

    @property
    def count(self):
        return len(self.events)


@dataclass
class Wheel:
    year: int
    marks: list = field(default_factory=list)
    day_marks: list = field(default_factory=list)  # [DayMark], in day order
    sectors: list = field(default_factory=list)  # (path, label_x, label_y, name, count, css class)
    months: list = field(default_factory=list)  # (abbreviation, full name, count, is the current month)
    legend: list = field(default_factory=list)  # (format, shape path, colour, count)
    today_hand: tuple | None = None
    has_cancelled: bool = False
    size: int = SIZE
    events_total: int = 0  # events drawn: one a mark plus those counted in day marks

    @functools.cached_property
    def marks_svg(self):
        """The marks as SVG (`marks_svg`), for the template; written once per wheel (the calendar
        keeps the unfiltered year's wheel until content changes)."""
        return mark_safe(marks_svg(self.marks) + day_marks_svg(self.day_marks))  # noqa: S308 (both escaped)

    @functools.cached_property
    def sectors_svg(self):
        """The month sectors and their labels as SVG (`sectors_svg`), for the template; written
        once per wheel like `marks_svg`."""
        return sectors_svg(self.sectors)


def sectors_svg(sectors):
    """The SVG of `sectors` (`Wheel.sectors`): the twelve month sectors, then over them each
    month's name and, if it has events, their number below it. Written here rather than in a
    template loop: the template's 40-odd `floatformat`s of the labels' coordinates cost about a
    millisecond a page. The names are HTML-escaped; the rest are numbers and paths."""
    escape = html.escape
    paths = "".join(
        f'<path class="wheel__sector wheel__sector--{parity}" d="{path}"/>'
        for path, _x, _y, _name, _count, parity in sectors
    )
    labels = []
    for _path, x, y, name, count, _parity in sectors:
        labels.append(f'<text class="wheel__month" x="{x:.1f}" y="{y:.1f}">{escape(name)}</text>')
        if count:
            labels.append(f'<text class="wheel__count" x="{x:.1f}" y="{y + 24:.1f}">{int(count)}</text>')
    return mark_safe(paths + "".join(labels))  # noqa: S308 (names escaped, the rest numbers and paths)


def marks_svg(marks):
    """The SVG of `marks`: per mark a link to the event (`event.url`, `event.pk`) named by its
    label, a focus ring and the mark. Written here rather than in a template loop: a year of 1,000
    events is 1,000 marks, and the template's per-variable lookups cost more than the rest of the
    page. Every text is HTML-escaped; colours are `safe_colour`s."""
    escape = html.escape
    return mark_safe(  # noqa: S308 (every value is escaped or a number, a path or a checked colour)
        "".join(
            f'<a href="{escape(mark.event.url)}" aria-labelledby="wheel-mark-{int(mark.event.pk)}">'
            f'<title id="wheel-mark-{int(mark.event.pk)}">{escape(mark.label)}</title>'
            f'<path class="wheel__focus" d="{mark.focus_path}"/>'
            f'<path class="wheel__mark{" wheel__mark--hollow" if mark.hollow else ""}" d="{mark.path}" '
            f'fill="{"#ffffff" if mark.hollow else mark.colour}" stroke="{mark.colour}"/></a>'
            for mark in marks
        )
    )


def day_marks_svg(day_marks):
    """The SVG of `day_marks`: per crowded day a link to its list (`url`) named by its label, a
    focus ring, a dark disc and the count in white (the number is text, not colour alone). Every
    text is HTML-escaped; the rest are numbers."""
    escape = html.escape
    parts = []
    for mark in day_marks:
        x, y, r = _fmt(mark.x), _fmt(mark.y), _fmt(mark.radius)
        ident = f"wheel-day-{mark.day.isoformat()}"
        parts.append(
            f'<a href="{escape(mark.url)}" aria-labelledby="{ident}"><title id="{ident}">{escape(mark.label)}</title>'
            f'<circle class="wheel__focus" cx="{x}" cy="{y}" r="{_fmt(mark.radius + 6)}"/>'
            f'<circle class="wheel__day" cx="{x}" cy="{y}" r="{r}"/>'
            f'<text class="wheel__day-count{" wheel__day-count--wide" if mark.count >= 100 else ""}" '
            f'x="{x}" y="{y}">{int(mark.count)}</text></a>'
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value is escaped or a number)


def _year_fraction(day, year):
    days = 366 if calendar.isleap(year) else 365
    return (day.timetuple().tm_yday - 0.5) / days


def _angle(fraction):
    return -math.pi / 2 + 2 * math.pi * fraction


def _sector_path(a0, a1):
    x0, y0 = _point(RING_OUTER, a0)
    x1, y1 = _point(RING_OUTER, a1)
    x2, y2 = _point(RING_INNER, a1)
    x3, y3 = _point(RING_INNER, a0)
    large = 1 if a1 - a0 > math.pi else 0
    return (
        f"M{_fmt(x0)} {_fmt(y0)}A{RING_OUTER} {RING_OUTER} 0 {large} 1 {_fmt(x1)} {_fmt(y1)}"
        f"L{_fmt(x2)} {_fmt(y2)}A{RING_INNER} {RING_INNER} 0 {large} 0 {_fmt(x3)} {_fmt(y3)}z"
    )


def day_mark_size(count):
    """Radius of a day mark for `count` events: room for its digits at the count's font size."""
    return DAY_MARK_SIZE if count < 100 else DAY_MARK_SIZE_WIDE


def _lane_radius(position):
    return FIRST_LANE - position * LANE_STEP


_LANE_RADII = [_lane_radius(index) for index in range(MAX_LANES)]


def _place(days):
    """Where each day's events go. `days` is [(angle, number of events)], angles ascending.

    Per day: a list of lane indexes (0 … `MAX_LANES` - 1), one per event, each the outermost lane
    with room, if the day's events leave `DAY_MARK_LANES` of the lanes free at its angle unused;
    otherwise the day gets one day mark and its position, a float: `i + 0.5` (between lanes i and i + 1, the
    outermost two adjacent lanes both free for the day mark's width) or `MAX_LANES` (the innermost
    lane, when no two are free). Lanes free at an angle: those whose last mark is at least
    `MARK_SPACING` away, edge to edge, along the lane. Work: O(days × MAX_LANES), whatever the
    number of events (searching every lane ever opened made it quadratic above ~1,500 events)."""
    lanes = [None] * MAX_LANES  # per lane: (angle, half width) of its last mark

    def free(index, angle, half):
        last = lanes[index]
        return last is None or (angle - last[0]) * _LANE_RADII[index] >= last[1] + half + MARK_SPACING

    placed = []
    for angle, count in days:
        open_lanes = [index for index in range(MAX_LANES) if free(index, angle, MARK_SIZE)]
        if count <= len(open_lanes) - DAY_MARK_LANES:
            taken = open_lanes[:count]
            for index in taken:
                lanes[index] = (angle, MARK_SIZE)
            placed.append(taken)
            continue
        half = day_mark_size(count)
        pair = next(
            (i for i in range(MAX_LANES - 1) if free(i, angle, half) and free(i + 1, angle, half)),
            None,
        )
        if pair is None:
            placed.append(float(MAX_LANES))
        else:
            lanes[pair] = lanes[pair + 1] = (angle, half)
            placed.append(pair + 0.5)
    return placed


def build(year, events, formats, labeller, today=None, day_link=None):
    """A Wheel for `events` (sorted by start) of `year`. `labeller(event)` gives each mark's
    accessible name. `formats` are all formats of the calendar's language, in order.
    `day_link(day, count) -> (url, label)` gives a crowded day's mark its link (the list of the
    day's events) and accessible name; without it a day mark has neither (tests of geometry).

    An event is drawn at its start date in Europe/Helsinki (an event that began the year before
    at 1 January): as its own mark, or counted in its day's one day mark (see the module)."""
    wheel = Wheel(year=year, events_total=len(events))
    year_start = date(year, 1, 1)

    months = [0] * 12
    days = []  # [(day, angle, [events])]
    zone = timezone.get_current_timezone()
    for event in events:
        day = max(event.start.astimezone(zone).date(), year_start)
        months[day.month - 1] += 1
        if days and days[-1][0] == day:
            days[-1][2].append(event)
        else:
            days.append((day, _angle(_year_fraction(day, year)), [event]))

    counts = {}
    styles = _format_styles(formats)
    placements = _place([(angle, len(day_events)) for _, angle, day_events in days])
    for (day, angle, day_events), placement in zip(days, placements, strict=True):
        if isinstance(placement, float):
            x, y = _point(_lane_radius(placement), angle)
            url, label = day_link(day, len(day_events)) if day_link else ("", "")
            wheel.day_marks.append(DayMark(day, day_events, x, y, day_mark_size(len(day_events)), url, label))
            continue
        cos, sin = math.cos(angle), math.sin(angle)  # once a day, not once a mark
        for event, lane in zip(day_events, placement, strict=True):
            radius = _LANE_RADII[lane]
            x, y = CENTRE + radius * cos, CENTRE + radius * sin
            fmt = event.event_format
            shape, colour = (
                (styles.get(fmt.pk) or ("circle", safe_colour(fmt.colour))) if fmt else _DEFAULT_STYLE
            )
            hollow = event.is_cancelled
            wheel.has_cancelled |= hollow
            if fmt:
                counts[fmt.pk] = counts.get(fmt.pk, 0) + 1
            wheel.marks.append(
                Mark(
                    event=event,
                    x=x,
                    y=y,
                    path=shape_path(shape, x, y),
                    focus_path=shape_path("circle", x, y, MARK_SIZE + 6),
                    colour=colour,
                    hollow=hollow,
                    label=labeller(event),
                )
            )

    days = 366 if calendar.isleap(year) else 365
    abbreviations, full_names = month_names("abbreviated"), month_names("wide")
    for month in range(1, 13):
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        a0 = _angle((first.timetuple().tm_yday - 1) / days)
        a1 = _angle(last.timetuple().tm_yday / days)
        lx, ly = _point(LABEL_RADIUS, (a0 + a1) / 2)
        name = abbreviations[month - 1]
        wheel.sectors.append(
            (_sector_path(a0, a1), lx, ly, name, months[month - 1], "odd" if month % 2 else "even")
        )
        current = bool(today and today.year == year and today.month == month)
        wheel.months.append((name, full_names[month - 1], months[month - 1], current))

    for fmt in formats:
        if fmt.pk in counts:
            shape, colour = styles[fmt.pk]
            wheel.legend.append((fmt, shape_path(shape, 12, 12, 8), colour, counts[fmt.pk]))

    if today and today.year == year:
        angle = _angle(_year_fraction(today, year))
        inner = _point(RING_INNER, angle)
        outer = _point(RING_OUTER + 8, angle)
        wheel.today_hand = (inner, outer)
    return wheel
