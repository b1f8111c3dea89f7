"""Jobs that must run on a schedule (reminders, deleting personal data after its retention time).

Apps register idempotent jobs in AppConfig.ready():

    periodic.register("registrations.send_reminders", send_due_reminders)

`manage.py periodic` runs every job once (call it from cron every few minutes in production);
`manage.py periodic --loop 300` keeps running, which is what `make run` does.
Each job only queues work or changes rows whose time has come, so running it twice is harmless.
"""

import logging

logger = logging.getLogger("kuulu.periodic")

_jobs = {}


def register(name, func):
    _jobs[name] = func


def jobs():
    return dict(_jobs)


def run_all():
    results = {}
    for name, func in _jobs.items():
        try:
            results[name] = func()
        except Exception:
            logger.exception("Periodic job %s failed", name)
            results[name] = "failed"
    return results
