"""Tasks a worker left half-done because it was killed rather than stopped.

On SIGTERM django-tasks' database worker finishes the task in hand before it exits. Killed
instead (SIGKILL after a deploy's grace period, the kernel's out-of-memory killer, a machine that
stops), it leaves that task's row RUNNING, and nothing in the library ever looks at it again:
the confirmation e-mail is never sent, the rest of a newsletter batch never goes out, and the
row, which names the addressee, is never pruned (`home.retention` deletes finished results only).

Apps name the tasks that are safe to run again, each with the longest time one run can take, in
the Wagtail hook `kuulu_resumable_tasks`:

    @hooks.register("kuulu_resumable_tasks")
    def resumable_tasks():
        return {send_batch_task: timedelta(hours=1)}

`requeue_abandoned()` (the scheduler's job `home.requeue_abandoned_tasks`) puts back in the
queue every such task that has been RUNNING for longer than its time, so the next free worker
runs it again. Running a task again must do no harm: an e-mail may then arrive twice (better than
never), and a newsletter batch sends only the messages it had not yet claimed
(`newsletters.sending`). Tasks not named (a panel draw, an import) are left alone; they keep
their own state and time limits.
"""

import logging

from django.utils import timezone
from wagtail import hooks

logger = logging.getLogger("kuulu.tasks")

HOOK = "kuulu_resumable_tasks"


def resumable():
    """{django-tasks `Task`: `timedelta`, the longest one run may take}, from every
    `kuulu_resumable_tasks` hook."""
    found = {}
    for declare in hooks.get_hooks(HOOK):
        found.update(declare())
    return found


def requeue_abandoned(now=None):
    """Mark READY again, to run at once, each resumable task RUNNING for longer than its time;
    returns how many. Each is logged with its id and task, never its arguments (they may hold an
    e-mail address)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    requeued = 0
    for task, longest in resumable().items():
        abandoned = DBTaskResult.objects.filter(
            task_path=task.module_path, status=TaskResultStatus.RUNNING, started_at__lt=now - longest
        )
        for pk in abandoned.values_list("pk", flat=True):
            logger.warning(
                "Task %s (%s) was left running by a worker that stopped; queued again", pk, task.module_path
            )
        requeued += abandoned.update(status=TaskResultStatus.READY, run_after=now)
    return requeued
