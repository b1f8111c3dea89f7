"""Geometry of the annual-clock wheel, drawn as server-side SVG (no JavaScript).

The year runs clockwise from the top. Every event is a mark at its start date; marks that would
touch are stacked inward in lanes, so a busy week grows towards the centre instead of turning
into one blot, and 300 events a year stay apart. A mark's shape and colour come from its format
(the legend names both, so colour is never the only cue); a hollow mark is a cancelled event.
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


@dataclass
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
class Wheel:
    year: int
    marks: list = field(default_factory=list)
    sectors: list = field(default_factory=list)  # (path, label_x, label_y, name, count, css class)
    months: list = field(default_factory=list)  # (abbreviation, full name, count, is the current month)
    legend: list = field(default_factory=list)  # (format, shape path, colour, count)
    today_hand: tuple | None = None
    has_cancelled: bool = False
    size: int = SIZE

    @functools.cached_property
    def marks_svg(self):
        """The marks as SVG (`marks_svg`), for the template; written once per wheel (the calendar
        keeps the unfiltered year's wheel until content changes)."""
        return marks_svg(self.marks)


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


def _place(angles, max_lanes):
    """Lane index (0 … `max_lanes`) for each angle (sorted ascending): the outermost lane with room.

    Only the `max_lanes` lanes inside the ring are searched; a mark with no room in any of them
    goes to the innermost lane, `max_lanes`, where marks are drawn anyway once the ring is full.
    So the work is O(len(angles) × max_lanes): linear in the number of events (it was quadratic
    once a year had more than ~1,500 events, every new lane being searched for every mark)."""
    lanes = []  # last angle placed in each lane
    placed = []
    for angle in angles:
        for index, last in enumerate(lanes):
            radius = FIRST_LANE - index * LANE_STEP
            if (angle - last) * radius >= MIN_GAP:
                lanes[index] = angle
                placed.append(index)
                break
        else:
            if len(lanes) < max_lanes:
                lanes.append(angle)
                placed.append(len(lanes) - 1)
            else:
                placed.append(max_lanes)
    return placed


def build(year, events, formats, labeller, today=None):
    """A Wheel for `events` (sorted by start) of `year`. `labeller(event)` gives each mark's
    accessible name. `formats` are all formats of the calendar's language, in order."""
    wheel = Wheel(year=year)
    shapes = format_shapes(formats)
    year_start = date(year, 1, 1)

    months = [0] * 12
    angles = []
    zone = timezone.get_current_timezone()
    for event in events:
        day = max(event.start.astimezone(zone).date(), year_start)
        months[day.month - 1] += 1
        angles.append(_angle(_year_fraction(day, year)))

    max_lanes = int((FIRST_LANE - RING_INNER - 2 * MARK_SIZE) // LANE_STEP)
    counts = {}
    for event, angle, lane in zip(events, angles, _place(angles, max_lanes), strict=True):
        radius = FIRST_LANE - lane * LANE_STEP
        x, y = _point(radius, angle)
        fmt = event.event_format
        shape = shapes.get(fmt.pk, "circle") if fmt else "circle"
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
                colour=safe_colour(fmt.colour if fmt else None),
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
            shape = shapes[fmt.pk]
            wheel.legend.append((fmt, shape_path(shape, 12, 12, 8), safe_colour(fmt.colour), counts[fmt.pk]))

    if today and today.year == year:
        angle = _angle(_year_fraction(today, year))
        inner = _point(RING_INNER, angle)
        outer = _point(RING_OUTER + 8, angle)
        wheel.today_hand = (inner, outer)
    return wheel
