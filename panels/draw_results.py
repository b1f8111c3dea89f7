"""Storing a draw's results: the entries and published statistics, adopting a draw as the
panel's result, the outcome e-mails, and replacing a member who drops out from the reserves."""

from dataclasses import dataclass

from django.db import transaction

from home import emails
from panels import features as F
from panels.models import Application, Draw, DrawEntry
from panels.quota_rules import quota_violations, quotas_for


def store_result(draw, result):
    ids = {a.pseudonym: a for a in Application.objects.filter(panel=draw.panel)}
    selected = set(result["selected"])
    reserve_rank = {person: rank for rank, person in enumerate(result["reserves"], start=1)}
    probabilities = result.get("probabilities") or {}
    with transaction.atomic():
        DrawEntry.objects.bulk_create(
            DrawEntry(
                draw=draw,
                application=ids.get(person["id"]),
                person=person["id"],
                probability=probabilities.get(person["id"]),
                selected=person["id"] in selected,
                reserve_rank=reserve_rank.get(person["id"]),
            )
            for person in draw.snapshot["people"]
        )
        draw.minimum_probability = result.get("minimum_probability")
        draw.statistics = statistics(draw.snapshot, selected)
        draw.status = Draw.Status.SUCCEEDED
        draw.progress = ""
        draw.save()


def _feature_order(feature):
    return F.ALL_FEATURES.index(feature) if feature in F.ALL_FEATURES else len(F.ALL_FEATURES)


def _value_order(feature, value):
    """Age groups youngest first, answers in the form's order, areas by slug."""
    if feature == F.AGE_GROUP:
        codes = [code for code, _low, _high, _label in F.AGE_GROUPS]
    elif feature in F.BACKGROUND_BY_CODE:
        codes = [code for code, _label in F.BACKGROUND_BY_CODE[feature].choices]
    else:
        return (0, value)
    return (codes.index(value) if value in codes else len(codes), value)


def statistics(snapshot, selected):
    """What the transparency page shows: per feature value, applicants, quota and selected."""
    stats = []
    for feature in sorted(snapshot["quotas"], key=_feature_order):
        values = snapshot["quotas"][feature]
        rows = []
        for value in sorted(values, key=lambda v, feature=feature: _value_order(feature, v)):
            lo, hi = values[value]
            matching = [p["id"] for p in snapshot["people"] if p["features"].get(feature) == value]
            rows.append(
                {
                    "value": value,
                    "applicants": len(matching),
                    "minimum": lo,
                    "maximum": hi,
                    "selected": sum(1 for person in matching if person in selected),
                }
            )
        stats.append({"feature": feature, "rows": rows})
    return {"applicants": len(snapshot["people"]), "features": stats}


def adopt(draw):
    """Make a completed draw the panel's result: outcomes on the applications, published statistics."""
    entries = {e.application_id: e for e in draw.entries.exclude(application=None)}
    with transaction.atomic():
        Draw.objects.filter(panel=draw.panel).exclude(pk=draw.pk).update(published=False)
        draw.published = True
        draw.save(update_fields=["published"])
        for application in Application.objects.filter(panel=draw.panel).exclude(
            outcome=Application.Outcome.DROPPED_OUT
        ):
            entry = entries.get(application.pk)
            if entry and entry.selected:
                application.outcome, application.reserve_rank = Application.Outcome.SELECTED, None
            elif entry and entry.reserve_rank:
                application.outcome, application.reserve_rank = (
                    Application.Outcome.RESERVE,
                    entry.reserve_rank,
                )
            else:
                application.outcome, application.reserve_rank = Application.Outcome.NOT_SELECTED, None
            application.save(update_fields=["outcome", "reserve_rank"])


def queue_result_emails(panel):
    """E-mail every applicant their outcome once; returns how many were queued."""
    count = 0
    for application in (
        Application.objects.with_personal_data()
        .filter(panel=panel)
        .exclude(outcome=Application.Outcome.PENDING)
        .exclude(outcome=Application.Outcome.DROPPED_OUT)
    ):
        if application.notified_outcome == application.outcome:
            continue
        application.notified_outcome = application.outcome
        application.save(update_fields=["notified_outcome"])
        emails.queue("panels.emails.outcome_email", application.id)
        count += 1
    return count


@dataclass
class Replacement:
    reserve: Application | None
    quotas_kept: bool
    broken: list


def replace_member(member):
    """Mark `member` as dropped out and bring in the first reserve that keeps every quota.

    If no reserve keeps every quota, the reserve that breaks the fewest is chosen and the
    broken quotas are reported, so staff can decide whether that is acceptable.
    """
    panel = member.panel
    draw = panel.published_draw()
    quotas = draw.snapshot["quotas"] if draw else quotas_for(panel)
    with transaction.atomic():
        member.outcome = Application.Outcome.DROPPED_OUT
        member.save(update_fields=["outcome"])
        members = list(Application.objects.filter(panel=panel, outcome=Application.Outcome.SELECTED))
        households = {m.household for m in members if m.household}
        reserves = [
            r
            for r in Application.objects.filter(panel=panel, outcome=Application.Outcome.RESERVE).order_by(
                "reserve_rank"
            )
            if not (panel.one_per_household and r.household and r.household in households)
        ]
        best = None
        for reserve in reserves:
            broken = quota_violations(quotas, [*members, reserve])
            if not broken:
                best = Replacement(reserve, True, [])
                break
            if best is None or len(broken) < len(best.broken):
                best = Replacement(reserve, False, broken)
        if best is None:
            return Replacement(None, False, [])
        reserve = best.reserve
        reserve.outcome, reserve.reserve_rank = Application.Outcome.SELECTED, None
        reserve.save(update_fields=["outcome", "reserve_rank"])
        member.replaced_by = reserve
        member.save(update_fields=["replaced_by"])
    return best
