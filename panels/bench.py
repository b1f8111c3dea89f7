"""`make bench`: the acceptance draw — 500 applicants, 30 members, quotas on age group × area × gender.

Runs the production path (panels.draw_runner in a child process) on a synthetic snapshot, so it
needs no database. Each installed solver backend is timed; python-mip is optional
(`pip install 'mip~=1.17.6'` to compare). PANELS_BENCH_RUNS=3 repeats each run.
"""

import importlib.util
import os
import random
import statistics
import time

from panels import draw_runner
from panels.draws import run_snapshot

AGES = {"15-24": 14, "25-39": 24, "40-54": 24, "55-69": 22, "70+": 16}
AREAS = {"keskusta": 25, "pohjoinen": 20, "etela": 20, "ita": 20, "lansi": 15}
GENDERS = {"female": 50, "male": 46, "other": 2, "undisclosed": 2}
# The pool leans older and central, as real applicant pools do.
POOL = {
    "age_group": {"15-24": 6, "25-39": 20, "40-54": 26, "55-69": 27, "70+": 21},
    "area": {"keskusta": 32, "pohjoinen": 21, "etela": 19, "ita": 15, "lansi": 13},
    "gender": {"female": 57, "male": 40, "other": 2, "undisclosed": 1},
}


def quotas(shares, size):
    total = sum(shares.values())
    return {v: [max(0, round(s * size / total) - 1), round(s * size / total) + 1] for v, s in shares.items()}


def snapshot(backend, applicants=500, size=30, seed=20260101):
    rng = random.Random(500)  # noqa: S311 - synthetic data
    people = []
    for i in range(applicants):
        features = {f: rng.choices(list(w), weights=list(w.values()))[0] for f, w in POOL.items()}
        people.append({"id": f"A{i + 1}", "features": features})
    return {
        "format": draw_runner.SNAPSHOT_FORMAT,
        "algorithm": "maximin",
        "solver_backend": backend,
        "seed": seed,
        "number_wanted": size,
        "reserves_wanted": 10,
        "one_per_household": False,
        "quotas": {
            "age_group": quotas(AGES, size),
            "area": quotas(AREAS, size),
            "gender": quotas(GENDERS, size),
        },
        "people": people,
    }


def quotas_met(snap, selected):
    people = {p["id"]: p["features"] for p in snap["people"]}
    return all(
        lo <= sum(1 for s in selected if people[s][feature] == value) <= hi
        for feature, values in snap["quotas"].items()
        for value, (lo, hi) in values.items()
    )


def run(command):
    runs = int(os.environ.get("PANELS_BENCH_RUNS", "1"))
    backends = ["highspy"] + (["mip"] if importlib.util.find_spec("mip") else [])
    for backend in backends:
        timings, outcomes = [], []
        for _ in range(runs):
            snap = snapshot(backend)
            start = time.perf_counter()
            kind, payload, _log = run_snapshot(snap)
            timings.append(time.perf_counter() - start)
            if kind == "result":
                outcomes.append(
                    f"ok, quotas met: {quotas_met(snap, payload['selected'])}, "
                    f"lowest probability {payload['minimum_probability']:.4f}"
                )
            else:
                outcomes.append(f"FAILED: {payload}")
        command.stdout.write(
            f"panels draw, 500 applicants → 30 members, maximin on {backend}: "
            f"median {statistics.median(timings):.1f} s over {runs} run(s) "
            f"[{', '.join(f'{t:.1f}' for t in timings)}]; {'; '.join(sorted(set(outcomes)))}"
        )
    if "mip" not in backends:
        command.stdout.write("(python-mip not installed: only HiGHS measured)")
