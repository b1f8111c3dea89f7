"""Running a draw: the pseudonymous input snapshot, the feasibility check, and the draw itself
as a background task.

The solver runs in `panels.draw_runner` (a child process, see there why); this module prepares
its input from the database and hands what comes back to `panels.draw_results`.
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
from panels.draw_results import store_result
from panels.models import Application, Draw
from panels.problems import describe_failure
from panels.quota_rules import quotas_for

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


def new_seed():
    return secrets.randbelow(2**31 - 2) + 1  # the library treats 0 as "no seed"


class DrawAlreadyRunning(Exception):
    """A draw for this panel is queued or running (`Draw.objects.active()`): one at a time."""


def start_draw(panel, *, algorithm, seed=None, one_per_household=None, user=None):
    """Record a draw with its snapshot and queue the background task.

    Raises DrawAlreadyRunning when another draw of the panel is queued or running. The check and
    the new row happen under a lock on the panel's page row (`SELECT … FOR UPDATE`; SQLite
    transactions are IMMEDIATE, see settings), so two starts at the same moment make one draw."""
    from wagtail.models import Page

    from panels.tasks import run_draw  # the task module imports this one

    with transaction.atomic():
        list(Page.objects.select_for_update().filter(pk=panel.pk).values_list("pk", flat=True))
        if Draw.objects.active().filter(panel=panel).exists():
            raise DrawAlreadyRunning
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
