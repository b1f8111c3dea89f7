"""Counting answers: poll results, event feedback results and the site-wide feedback report."""

from django.db.models import Avg, Count, Q

from feedback.charts import bar_chart
from feedback.models import AnonymousAnswer, EventFeedback, EventHeadcount, PollAnswer
from feedback.questions import QuestionKind
from feedback.signups import signup_counts


def _rows(labels, counts, total):
    return [
        {
            "label": label,
            "count": counts.get(key, 0),
            "pct": round(100 * counts.get(key, 0) / total) if total else 0,
        }
        for key, label in labels
    ]


def poll_results(poll, with_texts=False):
    """Counts per option (or scale value) for every question; free texts only when asked for."""
    responses = poll.responses()
    total = responses.count()
    counts = {}
    for row in (
        PollAnswer.objects.filter(response__in=responses, choice__isnull=False)
        .values("question_id", "choice")
        .annotate(n=Count("id"))
    ):
        counts.setdefault(row["question_id"], {})[row["choice"]] = row["n"]
    texts = {}
    if with_texts:
        for question_id, text in (
            PollAnswer.objects.filter(response__in=responses, choice__isnull=True)
            .exclude(text="")
            .order_by("response_id")
            .values_list("question_id", "text")
        ):
            texts.setdefault(question_id, []).append(text)
    questions = []
    for index, (block_id, question) in enumerate(poll.question_list(), start=1):
        kind = question["kind"]
        entry = {"id": block_id, "number": index, "kind": kind, "text": question["text"], "rows": []}
        if kind == QuestionKind.TEXT:
            entry["texts"] = texts.get(block_id, [])
        else:
            question_counts = counts.get(block_id, {})
            if kind == QuestionKind.SCALE:
                labels = [(n, str(n)) for n in range(1, 6)]
                answered = sum(question_counts.values())
                entry["average"] = (
                    sum(n * c for n, c in question_counts.items()) / answered if answered else None
                )
            else:
                labels = [(i, text) for i, text in enumerate(question["options"]) if text]
            entry["rows"] = _rows(labels, question_counts, total)
            entry["chart"] = bar_chart(entry["rows"], f"poll-q{index}")
        questions.append(entry)
    return {"count": total, "questions": questions}


def event_feedback(event):
    """Every language version's feedback for an event."""
    return EventFeedback.objects.filter(event__translation_key=event.translation_key)


def event_summary(event):
    """What the public sees: number of answers, the average and the 1–5 distribution."""
    rows = event_feedback(event).values("rating").annotate(n=Count("id"))
    counts = {row["rating"]: row["n"] for row in rows}
    total = sum(counts.values())
    distribution = _rows([(n, str(n)) for n in range(1, 6)], counts, total)
    return {
        "event": event,
        "count": total,
        "average": sum(n * c for n, c in counts.items()) / total if total else None,
        "rows": distribution,
        "chart": bar_chart(distribution, f"feedback-{event.pk}"),
    }


def event_results(event):
    summary = event_summary(event)
    answers = list(event_feedback(event).order_by("submitted_on", "pk"))
    summary["good"] = [a.good for a in answers if a.good]
    summary["develop"] = [a.develop for a in answers if a.develop]
    summary["answers"] = answers
    return summary


def feedback_report(events):
    """One row per event: answers (also by channel: online form, kiosk, paper), average score and,
    where a headcount or sign-up counts exist, response rate. Two queries besides the counts."""
    events = list(events)
    keys = [e.translation_key for e in events]
    channels = AnonymousAnswer.Channel.choices
    by_channel = {value: Count("id", filter=Q(channel=value)) for value, _label in channels}
    stats = {
        row["event__translation_key"]: row
        for row in EventFeedback.objects.filter(event__translation_key__in=keys)
        .values("event__translation_key")
        .annotate(n=Count("id"), average=Avg("rating"), **{f"channel_{v}": c for v, c in by_channel.items()})
    }
    signups = signup_counts(events)
    headcounts = dict(
        EventHeadcount.objects.filter(event__translation_key__in=keys).values_list(
            "event__translation_key", "attendees"
        )
    )
    rows = []
    for event in events:
        row = stats.get(event.translation_key, {})
        count = row.get("n", 0)
        signed_up = signups.get(event.pk)
        headcount = headcounts.get(event.translation_key)
        # Staff's headcount of who came wins over the sign-ups (drop-in events have only that).
        base = headcount if headcount else signed_up
        rows.append(
            {
                "event": event,
                "count": count,
                # [(channel label, count)] of the channels that have answers, in a fixed order.
                "channels": [
                    (label, row[f"channel_{v}"]) for v, label in channels if row.get(f"channel_{v}")
                ],
                "average": row.get("average"),
                "signups": signed_up,
                "headcount": headcount,
                "response_rate": round(100 * count / base) if base else None,
            }
        )
    answered = [r for r in rows if r["count"]]
    total = sum(r["count"] for r in rows)
    overall = sum(r["average"] * r["count"] for r in answered) / total if total else None
    return {"rows": rows, "total": total, "average": overall}
