"""The selection domain: quotas, feasibility, the input snapshot, results, statistics, replacements.

The solver itself runs in `panels.draw_runner` (a child process, see there why); this module
prepares its input from the database and stores what comes back.
"""

import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from panels import draw_runner
from panels import features as F
from panels.models import Application, Draw, DrawEntry, Quota

logger = logging.getLogger("kuulu.panels")

# Measured on the 500-applicant benchmark (see README): python-mip's CBC was about twice as
# fast but aborted the whole process in one run out of four; HiGHS never failed.
DEFAULT_SOLVER = "highspy"
DEFAULT_ALGORITHM = Draw.Algorithm.MAXIMIN


def solver_backend():
    return getattr(settings, "PANELS_SOLVER_BACKEND", DEFAULT_SOLVER)


def draw_timeout():
    return getattr(settings, "PANELS_DRAW_TIMEOUT", 60 * 60)


def available_algorithms():
    """Leximin only where the commercial Gurobi solver is installed."""
    return [
        (code, label)
        for code, label in Draw.Algorithm.choices
        if code != Draw.Algorithm.LEXIMIN or draw_runner.gurobi_available()
    ]


# --- quotas ----------------------------------------------------------------------------------------


def quotas_for(panel):
    """{feature: {value: [min, max]}} for the features that have quotas, in the panel's feature order."""
    rows = {}
    for quota in Quota.objects.filter(panel=panel):
        rows.setdefault(quota.feature, {})[quota.value] = [quota.minimum, quota.maximum]
    return {feature: rows[feature] for feature in F.panel_features(panel) if feature in rows}


def save_quotas(panel, quotas):
    """Replace the panel's quotas with {feature: {value: (min, max)}}."""
    with transaction.atomic():
        Quota.objects.filter(panel=panel).delete()
        Quota.objects.bulk_create(
            Quota(panel=panel, feature=feature, value=value, minimum=lo, maximum=hi)
            for feature, values in quotas.items()
            for value, (lo, hi) in values.items()
        )


def proportional_quotas(panel, profile, slack=1):
    """Quotas from the city's population shares: the proportional number of members ± `slack`.

    Values with no population figure (e.g. "prefer not to say") get no limit.
    """
    size = panel.target_size
    quotas = {}
    for feature in F.panel_features(panel):
        shares = profile.shares(feature)
        if not shares:
            continue
        quotas[feature] = {}
        for value, _label in F.feature_values(feature):
            if value in shares:
                ideal = round(shares[value] * size)
                quotas[feature][value] = (max(0, ideal - slack), min(size, ideal + slack))
            else:
                quotas[feature][value] = (0, size)
    return quotas


# --- problems, in words ------------------------------------------------------------------------------


def describe_problem(problem):
    """One translated sentence for a problem dict produced by draw_runner or check_feasibility."""
    kind = problem.get("kind")
    feature = str(F.feature_label(problem.get("feature", "")))
    value = (
        str(F.value_label(problem.get("feature", ""), problem.get("value", ""))) if "value" in problem else ""
    )
    params = {**problem, "feature": feature, "value": value}
    messages = {
        "minimums_too_high": _(
            "%(feature)s: the minimums add up to %(total)s, more than the %(wanted)s members to select. "
            "Lower some minimums."
        ),
        "maximums_too_low": _(
            "%(feature)s: the maximums add up to %(total)s, fewer than the %(wanted)s members to select. "
            "Raise some maximums."
        ),
        "too_few_applicants": _(
            "%(feature)s “%(value)s”: the minimum is %(minimum)s but only %(count)s applicants have this value."
        ),
        "lower_minimum": _(
            "%(feature)s “%(value)s”: the quotas cannot all be met with these applicants. "
            "Lower the minimum from %(old)s to %(new)s."
        ),
        "raise_maximum": _(
            "%(feature)s “%(value)s”: the quotas cannot all be met with these applicants. "
            "Raise the maximum from %(old)s to %(new)s."
        ),
        "min_above_max": _(
            "%(feature)s “%(value)s”: the minimum (%(minimum)s) is above the maximum (%(maximum)s)."
        ),
        "max_above_size": _(
            "%(feature)s “%(value)s”: the maximum (%(maximum)s) is more than the %(wanted)s members to select."
        ),
    }
    return messages.get(kind, _("Unknown problem: %(kind)s")) % params


def describe_failure(failure):
    """A list of translated sentences explaining why a draw (or the check) failed."""
    code = failure.get("code")
    if code == "quotas":
        return [describe_problem(p) for p in failure.get("problems", [])]
    if code == "pool_too_small":
        return [
            _("There are %(applicants)s applicants but %(wanted)s members to select.")
            % {"applicants": failure["applicants"], "wanted": failure["wanted"]}
        ]
    if code == "solver_missing":
        return [
            _(
                "The solver “%(backend)s” is not installed (Python package %(module)s). "
                "Install the project's dependencies again or choose another solver in the settings."
            )
            % failure
        ]
    if code == "gurobi_missing":
        return [_("Leximin needs the Gurobi solver, which is not installed here. Choose maximin.")]
    if code == "infeasible":
        return [
            _(
                "No panel meets these quotas, and no small change to them would help. Review the quotas as a whole."
            )
        ]
    if code == "timeout":
        return [_("The draw took longer than %(minutes)s minutes and was stopped.") % failure]
    if code == "selection_error":
        return [_("The selection library could not select a panel: %(message)s") % failure]
    return [_("The draw stopped unexpectedly. The technical log has the details.")]


# --- snapshot and feasibility ------------------------------------------------------------------------


def pool(panel):
    """Applications that take part in a draw."""
    return (
        Application.objects.filter(panel=panel)
        .exclude(outcome=Application.Outcome.DROPPED_OUT)
        .order_by("id")
    )


def build_snapshot(panel, *, algorithm, seed, one_per_household=None):
    """The complete, pseudonymous input of a draw: enough to run it again, no names or contacts."""
    if one_per_household is None:
        one_per_household = panel.one_per_household
    quotas = quotas_for(panel)
    households = {}
    people = []
    for application in pool(panel):
        person = {
            "id": application.pseudonym,
            "features": {feature: application.feature_value(feature) for feature in quotas},
        }
        if one_per_household and application.household:
            # Numbered, so the snapshot holds no address-derived value.
            person["household"] = households.setdefault(application.household, f"H{len(households) + 1}")
        people.append(person)
    return {
        "format": draw_runner.SNAPSHOT_FORMAT,
        "library": draw_runner.LIBRARY,
        "library_version": draw_runner.library_version(),
        "algorithm": algorithm,
        "solver_backend": solver_backend(),
        "seed": int(seed),
        "number_wanted": panel.target_size,
        "reserves_wanted": panel.reserves,
        "one_per_household": bool(one_per_household),
        "quotas": quotas,
        "people": people,
    }


def quota_form_problems(quotas, wanted):
    """Problems visible from the numbers alone (no applicants needed)."""
    problems = []
    for feature, values in quotas.items():
        for value, (lo, hi) in values.items():
            if lo > hi:
                problems.append(
                    {
                        "kind": "min_above_max",
                        "feature": feature,
                        "value": value,
                        "minimum": lo,
                        "maximum": hi,
                    }
                )
            elif hi > wanted:
                problems.append(
                    {
                        "kind": "max_above_size",
                        "feature": feature,
                        "value": value,
                        "maximum": hi,
                        "wanted": wanted,
                    }
                )
        low = sum(lo for lo, _hi in values.values())
        high = sum(hi for _lo, hi in values.values())
        if low > wanted:
            problems.append({"kind": "minimums_too_high", "feature": feature, "total": low, "wanted": wanted})
        if high < wanted:
            problems.append({"kind": "maximums_too_low", "feature": feature, "total": high, "wanted": wanted})
    return problems


@dataclass
class Feasibility:
    feasible: bool
    messages: list
    applicants: int


def check_feasibility(panel):
    """Can a panel be drawn from the current pool with the current quotas? Names the culprit if not."""
    from sortition_algorithms import errors
    from sortition_algorithms.committee_generation import find_any_committee

    snapshot = build_snapshot(panel, algorithm=DEFAULT_ALGORITHM, seed=1)
    applicants = len(snapshot["people"])
    try:
        draw_runner.check_solver(snapshot["solver_backend"])
        collection = draw_runner.feature_collection(snapshot["quotas"])
        draw_runner.pre_checks(snapshot, collection)
        people = draw_runner.people_from(snapshot, collection)
        columns = [draw_runner.HOUSEHOLD_COLUMN] if snapshot["one_per_household"] else []
        find_any_committee(collection, people, snapshot["number_wanted"], columns, snapshot["solver_backend"])
    except draw_runner.DrawFailure as failure:
        return Feasibility(False, describe_failure(failure.as_dict()), applicants)
    except errors.InfeasibleQuotasError as error:
        problems = draw_runner.relaxation_problems(snapshot["quotas"], error.features)
        return Feasibility(False, describe_failure({"code": "quotas", "problems": problems}), applicants)
    except errors.InfeasibleQuotasCantRelaxError:
        return Feasibility(False, describe_failure({"code": "infeasible"}), applicants)
    return Feasibility(True, [], applicants)


# --- running a draw ---------------------------------------------------------------------------------


def new_seed():
    return secrets.randbelow(2**31 - 2) + 1  # the library treats 0 as "no seed"


def start_draw(panel, *, algorithm, seed=None, one_per_household=None, user=None):
    """Record a draw with its snapshot and queue the background task."""
    from panels.tasks import run_draw

    seed = seed or new_seed()
    snapshot = build_snapshot(panel, algorithm=algorithm, seed=seed, one_per_household=one_per_household)
    draw = Draw.objects.create(
        panel=panel,
        created_by=user,
        algorithm=algorithm,
        solver_backend=snapshot["solver_backend"],
        library_version=snapshot["library_version"],
        seed=seed,
        one_per_household=snapshot["one_per_household"],
        number_wanted=snapshot["number_wanted"],
        reserves_wanted=snapshot["reserves_wanted"],
        snapshot=snapshot,
        snapshot_digest=Draw.digest(snapshot),
    )
    transaction.on_commit(lambda: run_draw.enqueue(draw.id))
    return draw


def run_snapshot(snapshot, on_progress=None, timeout=None):
    """Run draw_runner in a child process; return ("result"|"failure", payload, log)."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    timeout = timeout or draw_timeout()
    with tempfile.TemporaryFile(mode="w+") as stderr:
        process = subprocess.Popen(  # noqa: S603 - our own module, no shell
            [sys.executable, "-m", "panels.draw_runner"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=settings.BASE_DIR,
            env=env,
            text=True,
        )
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        outcome = None
        try:
            process.stdin.write(json.dumps(snapshot))
            process.stdin.close()
            for line in process.stdout:
                message = json.loads(line)
                if "progress" in message and on_progress:
                    on_progress(message["progress"])
                elif "result" in message:
                    outcome = ("result", message["result"])
                elif "failure" in message:
                    outcome = ("failure", message["failure"])
            process.wait()
        finally:
            timed_out = not timer.is_alive() and outcome is None
            timer.cancel()
        stderr.seek(0)
        log = stderr.read()[-20_000:]
    if outcome is None:
        if timed_out:
            return "failure", {"code": "timeout", "minutes": timeout // 60}, log
        return "failure", {"code": "crash", "returncode": process.returncode}, log
    return outcome[0], outcome[1], log


def execute_draw(draw, outcome=None):
    """Run a queued draw and store its outcome (called by the background task).

    `outcome`: what `run_snapshot(draw.snapshot)` returned, when the caller already ran it."""
    updated = Draw.objects.filter(pk=draw.pk, status=Draw.Status.QUEUED).update(
        status=Draw.Status.RUNNING, started_at=timezone.now(), progress=_("Starting")
    )
    if not updated:
        return draw.status

    def on_progress(message):
        Draw.objects.filter(pk=draw.pk).update(progress=message[:300])

    kind, payload, log = outcome or run_snapshot(draw.snapshot, on_progress)
    draw.refresh_from_db()
    draw.log = log
    draw.finished_at = timezone.now()
    if kind == "failure":
        draw.status = Draw.Status.FAILED
        draw.failure = payload
        draw.progress = ""
        draw.save()
        return draw.status
    store_result(draw, payload)
    return draw.status


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


# --- after the draw --------------------------------------------------------------------------------


def queue_result_emails(panel):
    """E-mail every applicant their outcome once; returns how many were queued."""
    from home import emails

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


def quota_violations(quotas, members):
    """[(feature, value, count, min, max)] for quotas the group of applications breaks."""
    broken = []
    for feature, values in quotas.items():
        for value, (lo, hi) in values.items():
            count = sum(1 for m in members if m.feature_value(feature) == value)
            if not lo <= count <= hi:
                broken.append((feature, value, count, lo, hi))
    return broken


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
