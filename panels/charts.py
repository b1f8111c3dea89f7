"""Bar charts for the transparency page, as plain SVG geometry (no script, no inline styles).

Each feature gets one chart comparing, per value, the share of applicants with the share of
members and the quota range. The same numbers are in a table next to the chart.
"""

from panels import features as F

WIDTH = 640
LABEL_WIDTH = 170
BAR_AREA = 380
ROW_HEIGHT = 56
TOP = 34


def _pct(part, whole):
    return round(100 * part / whole) if whole else 0


def _scale(rows, applicants, wanted):
    """The axis runs to the largest share in the chart, rounded up to ten per cent."""
    largest = max(
        [_pct(r["applicants"], applicants) for r in rows]
        + [_pct(min(r["maximum"], wanted), wanted) for r in rows]
        + [_pct(r["selected"], wanted) for r in rows]
        + [10]
    )
    return min(100, -(-largest // 10) * 10)


def feature_charts(draw):
    stats = draw.statistics or {}
    applicants = stats.get("applicants", 0)
    wanted = draw.number_wanted
    labels = F.value_labels([f["feature"] for f in stats.get("features", [])])
    charts = []
    for index, feature in enumerate(stats.get("features", [])):
        rows = []
        scale = _scale(feature["rows"], applicants, wanted)
        for row_index, row in enumerate(feature["rows"]):
            y = TOP + row_index * ROW_HEIGHT
            applicants_pct = _pct(row["applicants"], applicants)
            selected_pct = _pct(row["selected"], wanted)
            min_x = LABEL_WIDTH + BAR_AREA * _pct(row["minimum"], wanted) / scale
            max_x = LABEL_WIDTH + BAR_AREA * _pct(min(row["maximum"], wanted), wanted) / scale
            rows.append(
                {
                    **row,
                    "label": labels[feature["feature"]].get(row["value"], row["value"]),
                    "applicants_pct": applicants_pct,
                    "selected_pct": selected_pct,
                    "within_quota": row["minimum"] <= row["selected"] <= row["maximum"],
                    "y": y,
                    "text_y": y + 12,
                    "applicants_y": y,
                    "applicants_w": max(1, BAR_AREA * applicants_pct / scale),
                    "applicants_text_x": LABEL_WIDTH + BAR_AREA * applicants_pct / scale + 6,
                    "selected_y": y + 16,
                    "selected_w": max(1, BAR_AREA * selected_pct / scale),
                    "selected_text_x": LABEL_WIDTH + BAR_AREA * selected_pct / scale + 6,
                    "selected_text_y": y + 28,
                    "quota_y": y + 38,
                    "quota_x1": min_x,
                    "quota_x2": max_x,
                    "quota_tick_top": y + 34,
                    "quota_tick_bottom": y + 42,
                }
            )
        charts.append(
            {
                "id": f"chart-{index}",
                "feature": feature["feature"],
                "label": F.feature_label(feature["feature"]),
                "rows": rows,
                "height": TOP + len(rows) * ROW_HEIGHT + 8,
                "width": WIDTH,
                "bar_x": LABEL_WIDTH,
                "label_x": LABEL_WIDTH - 8,
            }
        )
    return charts
