"""Jobs that must run on a schedule (reminders, deleting personal data after its retention time).

Apps declare their idempotent jobs in `wagtail_hooks.py`:

    @hooks.register("kuulu_periodic_jobs")
    def periodic_jobs():
        return {"registrations.send_reminders": send_due_reminders}

`manage.py periodic` runs every job once (call it from cron every few minutes in production);
`manage.py periodic --loop 300` keeps running, which is what `make run` does.
Each job only queues work or changes rows whose time has come, so running it twice is harmless.
"""

import logging

from wagtail import hooks

logger = logging.getLogger("kuulu.periodic")

HOOK = "kuulu_periodic_jobs"


def jobs():
    """{job name: callable taking no arguments}, from every `kuulu_periodic_jobs` hook."""
    found = {}
    for declare in hooks.get_hooks(HOOK):
        found.update(declare())
    return found


def run_all():
    """Run every job once; {job name: its result, or "failed" (logged) if it raised}."""
    results = {}
    for name, func in jobs().items():
        try:
            results[name] = func()
        except Exception:
            logger.exception("Periodic job %s failed", name)
            results[name] = "failed"
    return results
