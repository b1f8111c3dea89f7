"""Run one draw from an input snapshot with `sortition-algorithms`, outside Django.

    python -m panels.draw_runner < snapshot.json

The background task starts this in a child process with PYTHONHASHSEED=0. The library keeps
committees in Python sets, whose order follows string hashing; with hashing fixed, the same
snapshot (pool, quotas, algorithm, solver) and seed give the same panel on any machine with
the same library version. That is what makes a draw verifiable: `manage.py panels_verify_draw`
runs this module again on the stored snapshot and compares.

Protocol: JSON lines on stdout: {"progress": "..."} while running, then one {"result": {...}}
or {"failure": {...}}. Anything the solvers print goes to stderr.
"""

import importlib.metadata
import importlib.util
import io
import json
import logging
import os
import random
import sys
import time
import types
from contextlib import contextmanager

LIBRARY = "sortition-algorithms"
# Format 2: each of the solver's problems is solved once (`solving_each_problem_once`); a format 1
# snapshot, stored before, runs as it was drawn.
SNAPSHOT_FORMAT = 2
SOLVER_MODULES = {"highspy": "highspy", "mip": "mip", "mip-cbc": "mip", "mip-highs": "mip"}
HOUSEHOLD_COLUMN = "household"


class DrawFailure(Exception):
    """A failure people can act on; `details` is rendered (translated) by panels.problems."""

    def __init__(self, code, **details):
        super().__init__(code)
        self.code = code
        self.details = details

    def as_dict(self):
        return {"code": self.code, **self.details}


def library_version():
    return importlib.metadata.version(LIBRARY)


def gurobi_available():
    return importlib.util.find_spec("gurobipy") is not None


def check_solver(backend):
    """The library reports a missing solver only deep inside its run report; refuse clearly up front."""
    module = SOLVER_MODULES.get(backend)
    if module is None or importlib.util.find_spec(module) is None:
        raise DrawFailure("solver_missing", backend=backend, module=module or backend)


def feature_collection(quotas):
    """{feature: {value: [min, max]}} → the library's FeatureCollection.

    Features and values go in sorted order: the order becomes the order of the solver's
    constraints, and JSON storage (PostgreSQL's jsonb) does not keep key order.
    """
    from requests.structures import CaseInsensitiveDict
    from sortition_algorithms.features import FeatureValueMinMax, set_default_max_flex

    collection = CaseInsensitiveDict()
    for feature in sorted(quotas):
        values = quotas[feature]
        collection[feature] = CaseInsensitiveDict(
            {
                value: FeatureValueMinMax(min=int(values[value][0]), max=int(values[value][1]))
                for value in sorted(values)
            }
        )
    set_default_max_flex(collection)
    return collection


def people_from(snapshot, collection):
    from requests.structures import CaseInsensitiveDict
    from sortition_algorithms.people import People

    households = bool(snapshot.get("one_per_household"))
    people = People([HOUSEHOLD_COLUMN] if households else [])
    for row_number, person in enumerate(snapshot["people"], start=2):
        data = CaseInsensitiveDict({f: person["features"].get(f, "") for f in collection})
        if households:
            data[HOUSEHOLD_COLUMN] = person.get("household") or person["id"]
        people.add(person["id"], data, collection, row_number)
    return people


def total_problems(feature, values, wanted):
    """Problems with one feature's quotas as a whole: its minimums add up to more than `wanted`
    members, or its maximums to fewer. `values` is {value: (min, max)}; returns a list of dicts
    (kinds "minimums_too_high", "maximums_too_low") that panels.problems renders."""
    problems = []
    low = sum(lo for lo, _hi in values.values())
    high = sum(hi for _lo, hi in values.values())
    if low > wanted:
        problems.append({"kind": "minimums_too_high", "feature": feature, "total": low, "wanted": wanted})
    if high < wanted:
        problems.append({"kind": "maximums_too_low", "feature": feature, "total": high, "wanted": wanted})
    return problems


def pre_checks(snapshot, collection):
    """Cheap checks that name the feature and value at fault, before any solver runs."""
    wanted = int(snapshot["number_wanted"])
    if len(snapshot["people"]) < wanted:
        raise DrawFailure("pool_too_small", applicants=len(snapshot["people"]), wanted=wanted)
    problems = []
    for feature, values in snapshot["quotas"].items():
        problems.extend(total_problems(feature, values, wanted))
        for value, (lo, _hi) in values.items():
            count = sum(1 for p in snapshot["people"] if p["features"].get(feature) == value)
            if count < lo:
                problems.append(
                    {
                        "kind": "too_few_applicants",
                        "feature": feature,
                        "value": value,
                        "minimum": lo,
                        "count": count,
                    }
                )
    if problems:
        raise DrawFailure("quotas", problems=problems)


def relaxation_problems(original, relaxed):
    """Turn the library's suggested relaxation into per feature/value problems."""
    problems = []
    for feature, values in original.items():
        for value, (lo, hi) in values.items():
            new = relaxed[feature][value]
            if new.min < lo:
                problems.append(
                    {"kind": "lower_minimum", "feature": feature, "value": value, "old": lo, "new": new.min}
                )
            if new.max > hi:
                problems.append(
                    {"kind": "raise_maximum", "feature": feature, "value": value, "old": hi, "new": new.max}
                )
    return problems


@contextmanager
def solving_each_problem_once(enabled=True):
    """Inside: the library's HiGHS adapter solves each problem once, not twice.

    sortition-algorithms 0.12 sets an objective with highspy's `maximize()`/`minimize()`, which
    set it *and solve the model* (highspy.Highs.maximize), and then calls `optimize()`, which
    solves it again: each of a maximin draw's ~540 integer programs (one per applicant for the
    initial committees, then the column generation) was solved twice, half of a draw's time. Here
    setting the objective only sets it (highspy's `setObjective`, what `maximize()` calls before
    solving), and `optimize()` solves as before: the same model, options and seeded solver. On
    the 500-applicant acceptance draw both ways give the same panel, reserves and every
    probability. Used for snapshots of format 2; format 1 draws verify the way they ran."""
    from sortition_algorithms.committee_generation.solver import HighsSolver, SolverSense

    original = HighsSolver.set_objective

    def set_objective(self, expr, sense):
        self._objective_sense = sense
        senses = self._highspy.ObjSense
        self._h.setObjective(expr, senses.kMaximize if sense == SolverSense.MAXIMIZE else senses.kMinimize)

    if enabled:
        HighsSolver.set_objective = set_objective
    try:
        yield
    finally:
        HighsSolver.set_objective = original


def solve(snapshot, progress=None):
    """Run the draw; return the result dict or raise DrawFailure."""
    with solving_each_problem_once(int(snapshot.get("format", 1)) >= 2):
        return _solve(snapshot, progress)


def _solve(snapshot, progress=None):
    from sortition_algorithms import errors
    from sortition_algorithms.committee_generation import (
        find_distribution_leximin,
        find_distribution_maximin,
        find_distribution_nash,
        find_random_sample_legacy,
        standardize_distribution,
    )
    from sortition_algorithms.core import lottery_rounding
    from sortition_algorithms.utils import set_random_provider

    algorithm = snapshot["algorithm"]
    backend = snapshot["solver_backend"]
    seed = int(snapshot["seed"])
    wanted = int(snapshot["number_wanted"])
    check_solver(backend)
    if algorithm == "leximin" and not gurobi_available():
        raise DrawFailure("gurobi_missing")

    collection = feature_collection(snapshot["quotas"])
    pre_checks(snapshot, collection)
    people = people_from(snapshot, collection)
    address_columns = [HOUSEHOLD_COLUMN] if snapshot.get("one_per_household") else []
    # Every random choice the library makes (initial weights, solver seeds, the final lottery)
    # comes from this seeded provider.
    set_random_provider(seed)
    reporter = progress or _NullReporter()

    try:
        if algorithm == "legacy":
            committees, _report = find_random_sample_legacy(
                people, collection, wanted, address_columns, max_attempts=100, progress_reporter=reporter
            )
            selected = committees[0]
            marginals = None
        else:
            finder = {
                "maximin": find_distribution_maximin,
                "nash": find_distribution_nash,
                "leximin": find_distribution_leximin,
            }[algorithm]
            committees, probabilities, _report = finder(
                collection, people, wanted, address_columns, backend, progress_reporter=reporter
            )
            committees, probabilities = standardize_distribution(committees, probabilities)
            # A canonical order, so the lottery below does not depend on set iteration.
            order = sorted(range(len(committees)), key=lambda i: sorted(committees[i]))
            committees = [committees[i] for i in order]
            probabilities = [probabilities[i] for i in order]
            marginals = dict.fromkeys(people, 0.0)
            for committee, probability in zip(committees, probabilities, strict=True):
                for person in committee:
                    marginals[person] += probability
            (selected,) = lottery_rounding(committees, probabilities, 1)
    except errors.InfeasibleQuotasError as error:
        raise DrawFailure(
            "quotas", problems=relaxation_problems(snapshot["quotas"], error.features)
        ) from error
    except errors.InfeasibleQuotasCantRelaxError as error:
        raise DrawFailure("infeasible") from error
    except errors.SelectionError as error:
        raise DrawFailure("selection_error", message=str(error)) from error

    selected_ids = sorted(selected, key=_person_order(snapshot))
    return {
        "selected": selected_ids,
        "reserves": reserve_list(snapshot, set(selected_ids)),
        "probabilities": None if marginals is None else {k: round(v, 10) for k, v in marginals.items()},
        "minimum_probability": None if marginals is None else round(min(marginals.values()), 10),
        "library_version": library_version(),
    }


def reserve_list(snapshot, selected):
    """Everyone not selected (and not sharing a selected member's household), in a seeded random order."""
    taken = set()
    if snapshot.get("one_per_household"):
        taken = {p.get("household") for p in snapshot["people"] if p["id"] in selected and p.get("household")}
    remaining = [
        p["id"]
        for p in snapshot["people"]
        if p["id"] not in selected and not (p.get("household") and p.get("household") in taken)
    ]
    random.Random(int(snapshot["seed"])).shuffle(remaining)  # noqa: S311 - reproducible by design
    return remaining[: int(snapshot["reserves_wanted"])]


def _person_order(snapshot):
    position = {p["id"]: i for i, p in enumerate(snapshot["people"])}
    return lambda person: position[person]


class _NullReporter:
    def start_phase(self, name, total=None, *, message=None):
        pass

    def update(self, current, *, message=None):
        pass

    def end_phase(self):
        pass


class LineReporter(_NullReporter):
    """Writes the library's progress as JSON lines, at most twice a second."""

    def __init__(self, out):
        self.out = out
        self.last = 0.0

    def _write(self, message, force=False):
        now = time.monotonic()
        if message and (force or now - self.last > 0.5):
            self.last = now
            self.out.write(json.dumps({"progress": message}) + "\n")
            self.out.flush()

    def start_phase(self, name, total=None, *, message=None):
        self._write(message, force=True)

    def update(self, current, *, message=None):
        self._write(message)


def import_library_without_its_spreadsheet_adapters():
    """Make `import sortition_algorithms.<module>` skip the package's `__init__`.

    The `__init__` re-exports everything, the Google Sheets data source included, and so imports
    gspread, google-auth and oauth2client, for code a draw never runs: the draw's imports took
    0.94–1.11 s with the `__init__` and 0.38–0.39 s without it (timed in a new process, twice
    each way, December 2026). The draw imports only the submodules it uses (`features`,
    `people`, `committee_generation`, `core`, `utils`), and those import each other by module
    name, never a re-exported name from the package. Only for this child process: the web and
    worker processes import the package as usual.
    """
    if "sortition_algorithms" in sys.modules:
        return
    spec = importlib.util.find_spec("sortition_algorithms")
    package = types.ModuleType(spec.name)
    package.__spec__, package.__file__ = spec, spec.origin
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules[spec.name] = package


def main():
    import_library_without_its_spreadsheet_adapters()
    # Keep stdout for the protocol: point file descriptor 1 (where CBC and HiGHS print) at stderr.
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", buffering=0), write_through=True)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    from sortition_algorithms.utils import override_logging_handlers

    handler = logging.StreamHandler(sys.stderr)
    override_logging_handlers([handler], [handler])

    snapshot = json.load(sys.stdin)
    try:
        result = solve(snapshot, LineReporter(protocol))
    except DrawFailure as failure:
        protocol.write(json.dumps({"failure": failure.as_dict()}) + "\n")
    else:
        protocol.write(json.dumps({"result": result}) + "\n")
    protocol.flush()


if __name__ == "__main__":
    main()
