"""Horizontal bar charts of answer counts (geometry from `home.charts`): every bar has its label
and its number as text, so the chart reads without colour; templates put the same numbers in a
table next to it."""

from home.charts import BarChartLayout

LAYOUT = BarChartLayout(width=560, label_width=200, bar_area=280, row_height=30, top=8)


def bar_chart(rows, chart_id):
    """`rows` are dicts with a "count" (and whatever the template shows); returns the chart with
    each row's bar geometry added. The longest bar is the largest count."""
    largest = max([r["count"] for r in rows] + [1])
    bars = []
    for index, row in enumerate(rows):
        y = LAYOUT.row_y(index)
        bars.append(
            {
                **row,
                "y": y,
                "text_y": y + 15,
                "width": max(LAYOUT.length(row["count"], largest), 1) if row["count"] else 0,
                "value_x": LAYOUT.value_x(row["count"], largest),
            }
        )
    return {**LAYOUT.frame(chart_id, LAYOUT.top * 2 + len(rows) * LAYOUT.row_height), "bars": bars}
