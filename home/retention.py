"""What the site shell keeps about people besides the apps' own stores, and for how long.

- finished task results (`django_tasks_db`): `TASK_RESULTS_RETENTION_DAYS` (default 14) days;
  they hold ids and the builder's name, never an address (`home.emails`);
- sessions: Django deletes expired ones (`clearsessions`); a session lives
  `SESSION_COOKIE_AGE` (two weeks);
- the admin login log (django-axes access logs and failed attempts, user name and IP address):
  `LOGIN_LOG_RETENTION_DAYS` (default 90) days, the period the privacy notice states.

`prune_stored_data` runs from the scheduler (`kuulu_periodic_jobs`, `home.prune_stored_data`).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from home.personal_data import PersonalDataProvider, normalise_email


def prune_stored_data():
    """Delete task results, sessions and login log rows past their retention time;
    {store: rows deleted}."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.sessions.models import Session
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    task_cutoff = now - timedelta(days=settings.TASK_RESULTS_RETENTION_DAYS)
    log_cutoff = now - timedelta(days=settings.LOGIN_LOG_RETENTION_DAYS)
    finished = DBTaskResult.objects.filter(finished_at__lt=task_cutoff)
    expired_sessions = Session.objects.filter(expire_date__lt=now)
    counts = {
        "task results": finished.delete()[0],
        "sessions": expired_sessions.delete()[0],
        "login log": AccessLog.objects.filter(attempt_time__lt=log_cutoff).delete()[0]
        + AccessFailureLog.objects.filter(attempt_time__lt=log_cutoff).delete()[0]
        + AccessAttempt.objects.filter(attempt_time__lt=log_cutoff).delete()[0],
    }
    return counts


class TaskResultData(PersonalDataProvider):
    """Task results that mention an address (none should: task arguments are ids, and failed
    e-mails record only the SMTP code); kept for `TASK_RESULTS_RETENTION_DAYS`."""

    name = "background task results"

    def _rows(self, email):
        from django.db.models import Q, TextField
        from django.db.models.functions import Cast
        from django_tasks_db.models import DBTaskResult

        email = normalise_email(email)
        return DBTaskResult.objects.annotate(
            args_text=Cast("args_kwargs", TextField()), return_text=Cast("return_value", TextField())
        ).filter(
            Q(args_text__icontains=email)
            | Q(return_text__icontains=email)
            | Q(traceback__icontains=email)
            | Q(exception_class_path__icontains=email)
        )

    def export(self, email):
        return [
            {"task": row.task_path, "status": row.status, "enqueued_at": row.enqueued_at}
            for row in self._rows(email)
        ]

    def erase(self, email):
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(
            pk__in=list(self._rows(email).values_list("pk", flat=True))
        ).delete()[0]
