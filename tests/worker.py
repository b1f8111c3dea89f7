"""The task worker as tests build it: `db_worker`'s own `Worker`, to run queued tasks in a test."""


def make_worker(worker_class=None, **options):
    """A django-tasks-db `Worker` (or `worker_class`) for every queue, polling at once, with the
    id "test"; `options` override its arguments (e.g. `queue_names=["default"]`)."""
    if worker_class is None:
        from django_tasks_db.management.commands.db_worker import Worker as worker_class
    arguments = {
        "queue_names": ["*"],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "test",
        "excluded_queue_names": [],
    }
    return worker_class(**{**arguments, **options})


def run_ready_tasks():
    """Run every task the database queue holds ready now, through `db_worker`'s own code, in the
    test's transaction; returns how many ran."""
    from django_tasks_db.models import DBTaskResult

    worker = make_worker()
    ran = 0
    while ready := list(DBTaskResult.objects.ready()):
        for result in ready:
            result.claim("test")
            worker.run_task(result)
            ran += 1
    return ran
