"""Horizontal bar charts as plain SVG geometry: every bar has its label and its number as text,
so the chart reads without colour; templates put the same numbers in a table next to it."""

WIDTH = 560
LABEL_WIDTH = 200
BAR_AREA = 280
ROW_HEIGHT = 30
TOP = 8


def bar_chart(rows, chart_id):
    largest = max([r["count"] for r in rows] + [1])
    bars = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        width = BAR_AREA * row["count"] / largest
        bars.append(
            {
                **row,
                "y": y,
                "text_y": y + 15,
                "width": max(width, 1) if row["count"] else 0,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "id": chart_id,
        "bars": bars,
        "width": WIDTH,
        "height": TOP * 2 + len(rows) * ROW_HEIGHT,
        "bar_x": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
    }
