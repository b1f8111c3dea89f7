"""Geometry of the horizontal bar charts Kuulu draws as plain SVG (no script, no inline style):
feedback and poll results, and the panels' transparency page.

A chart is a column of labels, then bars starting at `bar_x`, one row per value; a value's bar
is `bar_area * value / scale` long, and its number is written just after the bar, so a chart
reads without colour. All lengths are SVG user units (px at 100 %).
"""

from dataclasses import dataclass

VALUE_GAP = 6  # between a bar's end and its number


@dataclass(frozen=True)
class BarChartLayout:
    width: int
    label_width: int
    bar_area: int
    row_height: int
    top: int

    def row_y(self, index):
        """Top of the `index`th row (0-based)."""
        return self.top + index * self.row_height

    def length(self, value, scale):
        """How long a bar for `value` is when a bar of `scale` fills the bar area."""
        return self.bar_area * value / scale

    def x(self, value, scale):
        """Where a bar of `value` ends (or a quota mark at `value` stands)."""
        return self.label_width + self.length(value, scale)

    def value_x(self, value, scale):
        """Where the number after a bar of `value` starts."""
        return self.x(value, scale) + VALUE_GAP

    def frame(self, chart_id, height):
        """The chart's own attributes for the template: id, size, where bars and labels start."""
        return {
            "id": chart_id,
            "width": self.width,
            "height": height,
            "bar_x": self.label_width,
            "label_x": self.label_width - 8,
        }
