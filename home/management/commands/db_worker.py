"""django-tasks' database worker (`manage.py db_worker`, the Procfile's `worker`), stopping
cleanly when SIGTERM or SIGINT arrives while it polls the queue.

django_tasks_db's handler calls `sys.exit(0)` whenever no task is running, also in the middle of
the poll's transaction; the `SystemExit` then breaks the COMMIT ("connection in transaction
status ACTIVE" on PostgreSQL) and the process exits 1 instead of 0 (seen in `make prod-smoke`).
Here a signal inside a transaction only ends the loop, which returns once the transaction is
done; between polls (sleeping) and during a task the library's behaviour is unchanged. This app
comes before django_tasks_db in INSTALLED_APPS, so this command takes the name.
"""

import logging
import signal

from django.db import connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("django_tasks_db")


class GracefulWorker(db_worker.Worker):
    def shutdown(self, signum, frame):
        in_transaction = any(c.in_atomic_block for c in connections.all(initialized_only=True))
        if self.running and not self.running_task and in_transaction:
            logger.warning("Received %s - stopping after this poll of the queue.", signal.strsignal(signum))
            self.running = False
            return
        super().shutdown(signum, frame)


class Command(db_worker.Command):
    def handle(self, *args, **options):
        library_worker = db_worker.Worker
        db_worker.Worker = GracefulWorker  # handle() builds the worker from the module's name
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = library_worker
