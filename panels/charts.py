"""Bar charts for the transparency page, as plain SVG geometry (from `home.charts`).

Each feature gets one chart comparing, per value, the share of applicants with the share of
members and the quota range. The same numbers are in a table next to the chart.

**Small numbers stay private** (`suppressed`): a count of 1–4 people is never published, in the
table, as a share or as a bar. This is the threshold rule statistical offices apply to frequency
tables (Statistics Finland publishes no cell under 5, with secondary suppression): such a cell
shows "fewer than 5"; when a column of a feature would have exactly one such cell, the next
smallest non-zero cell of the column is hidden too, because the published total minus the other
cells would give it away. Zeros are shown. The quota ranges are the city's decisions, not counts,
and are always shown.
"""

from home.charts import BarChartLayout
from panels import features as F

LAYOUT = BarChartLayout(width=640, label_width=170, bar_area=380, row_height=56, top=34)


def _pct(part, whole):
    return round(100 * part / whole) if whole else 0


SMALLEST_PUBLISHED = 5


def suppressed(counts):
    """Positions of `counts` (one table column) that must not be published: every count of 1–4,
    and, if that is a single one, also the smallest other non-zero count (secondary
    suppression), so the column's total cannot reveal it."""
    hidden = {i for i, count in enumerate(counts) if 0 < count < SMALLEST_PUBLISHED}
    if len(hidden) == 1:
        others = sorted((count, i) for i, count in enumerate(counts) if count > 0 and i not in hidden)
        if others:
            hidden.add(others[0][1])
    return hidden


def _scale(rows, applicants, wanted):
    """The axis runs to the largest published share in the chart, rounded up to ten per cent."""
    largest = max(
        [_pct(r["applicants"], applicants) for r in rows if r["applicants_shown"]]
        + [_pct(min(r["maximum"], wanted), wanted) for r in rows]
        + [_pct(r["selected"], wanted) for r in rows if r["selected_shown"]]
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
        hidden_applicants = suppressed([row["applicants"] for row in feature["rows"]])
        hidden_selected = suppressed([row["selected"] for row in feature["rows"]])
        published = [
            {
                **row,
                "applicants_shown": i not in hidden_applicants,
                "selected_shown": i not in hidden_selected,
            }
            for i, row in enumerate(feature["rows"])
        ]
        scale = _scale(published, applicants, wanted)
        for row_index, row in enumerate(published):
            y = LAYOUT.row_y(row_index)
            # A hidden count is not there to be read back from its share or its bar either.
            if not row["applicants_shown"]:
                row["applicants"] = None
            if not row["selected_shown"]:
                row["selected"] = None
            applicants_pct = _pct(row["applicants"] or 0, applicants)
            selected_pct = _pct(row["selected"] or 0, wanted)
            within_quota = row["selected"] is None or row["minimum"] <= row["selected"] <= row["maximum"]
            rows.append(
                {
                    **row,
                    "label": labels[feature["feature"]].get(row["value"], row["value"]),
                    "applicants_pct": applicants_pct,
                    "selected_pct": selected_pct,
                    "within_quota": within_quota,
                    "y": y,
                    "text_y": y + 12,
                    "applicants_y": y,
                    "applicants_w": max(1, LAYOUT.length(applicants_pct, scale))
                    if row["applicants_shown"]
                    else 0,
                    "applicants_text_x": LAYOUT.value_x(applicants_pct, scale),
                    "selected_y": y + 16,
                    "selected_w": max(1, LAYOUT.length(selected_pct, scale)) if row["selected_shown"] else 0,
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
