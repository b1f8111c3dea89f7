"""Bar charts for the transparency page, as plain SVG geometry (from `home.charts`).

Each feature gets one chart comparing, per value, the share of applicants with the share of
members and the quota range. The same numbers are in a table next to the chart.
"""

from home.charts import BarChartLayout
from panels import features as F

LAYOUT = BarChartLayout(width=640, label_width=170, bar_area=380, row_height=56, top=34)


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
            y = LAYOUT.row_y(row_index)
            applicants_pct = _pct(row["applicants"], applicants)
            selected_pct = _pct(row["selected"], wanted)
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
                    "applicants_w": max(1, LAYOUT.length(applicants_pct, scale)),
                    "applicants_text_x": LAYOUT.value_x(applicants_pct, scale),
                    "selected_y": y + 16,
                    "selected_w": max(1, LAYOUT.length(selected_pct, scale)),
                    "selected_text_x": LAYOUT.value_x(selected_pct, scale),
                    "selected_text_y": y + 28,
                    "quota_y": y + 38,
                    "quota_x1": LAYOUT.x(_pct(row["minimum"], wanted), scale),
                    "quota_x2": LAYOUT.x(_pct(min(row["maximum"], wanted), wanted), scale),
                    "quota_tick_top": y + 34,
                    "quota_tick_bottom": y + 42,
                }
            )
        charts.append(
            {
                **LAYOUT.frame(f"chart-{index}", LAYOUT.row_y(len(rows)) + 8),
                "feature": feature["feature"],
                "label": F.feature_label(feature["feature"]),
                "rows": rows,
            }
        )
    return charts
