"""Background work of the directory app (django-tasks; `manage.py db_worker` runs it).

An association import from the admin runs in two tasks: `check_import` reads the file and
reports what would happen (it writes only the progress), `run_import` writes it in batches
after a staff member has confirmed the check (`directory.importer`)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django_tasks import task

from directory.importer import ImportFileError, check_rows, import_rows, read_csv
from directory.models import OrganisationImport

logger = logging.getLogger(__name__)
S = OrganisationImport.Status


# A running import whose worker has written no progress for this long has lost it (killed by a
# deployment, out of memory): a batch of rows takes seconds, and a queued one waits for one worker.
STALLED_AFTER = timedelta(minutes=15)


def _progress(import_id):
    def show(done, total):
        OrganisationImport.objects.filter(pk=import_id).update(
            processed=done, total=total, progress_at=timezone.now()
        )

    return show


def _results(report):
    """Rows with something to say, as stored in OrganisationImport.results."""
    return [[r.row, r.name, r.action, list(r.messages)] for r in report.results if r.messages]


def _run(import_id, expected, running, work):
    """Move the import from `expected` to `running`, run `work(job)`; a crash marks it failed."""
    if not OrganisationImport.objects.filter(pk=import_id, status=expected).update(
        status=running, processed=0, started_at=timezone.now(), progress_at=timezone.now()
    ):
        return "not waiting"
    job = OrganisationImport.objects.get(pk=import_id)
    try:
        with translation.override(job.language):
            return work(job)
    except Exception:
        logger.exception("Association import %s failed", import_id)
        OrganisationImport.objects.filter(pk=import_id).update(
            status=S.FAILED, content="", finished_at=timezone.now()
        )
        raise


@task()
def check_import(import_id):
    """Check an uploaded file (OrganisationImport id) without saving anything; ends CHECKED."""

    def work(job):
        try:
            rows = read_csv(job.content.encode("utf-8"))
        except ImportFileError as error:
            job.status, job.check_results, job.content = S.FAILED, [[1, "", "error", [str(error)]]], ""
            job.finished_at = timezone.now()
            job.save()
            return job.status
        report = check_rows(job.directory.specific, rows, progress=_progress(job.pk))
        OrganisationImport.objects.filter(pk=job.pk).update(
            status=S.CHECKED, total=len(rows), check_counts=report.counts, check_results=_results(report)
        )
        return S.CHECKED

    return _run(import_id, S.CHECKING, S.CHECKING, work)


@task()
def run_import(import_id):
    """Import a checked and confirmed file (OrganisationImport id) in batches; ends DONE."""

    def work(job):
        rows = read_csv(job.content.encode("utf-8"))
        report = import_rows(job.directory.specific, rows, user=job.created_by, progress=_progress(job.pk))
        OrganisationImport.objects.filter(pk=job.pk).update(
            status=S.DONE,
            counts=report.counts,
            results=_results(report),
            content="",
            finished_at=timezone.now(),
        )
        return S.DONE

    return _run(import_id, S.IMPORTING, S.IMPORTING, work)


def fail_stalled_imports(now=None):
    """Mark failed every checking or importing import that has not moved on for `STALLED_AFTER`
    (its worker was killed: no exception reached `_run`), so its page stops refreshing and says
    what was saved. Returns how many were marked (the periodic job `directory.fail_stalled_imports`).
    A task that still starts later finds the import no longer waiting and does nothing."""
    now = now or timezone.now()
    stalled = OrganisationImport.objects.filter(
        status__in=OrganisationImport.RUNNING, progress_at__lt=now - STALLED_AFTER
    )
    for job in stalled:
        logger.warning("Association import %s stalled after %s of %s rows", job.pk, job.processed, job.total)
    return stalled.update(status=S.FAILED, content="", finished_at=now)


def delete_old_imports(now=None):
    """Delete association imports (the uploaded file's text, the row reports) older than
    `TASK_RESULTS_RETENTION_DAYS` (14), as finished task results are; an import still running
    then has lost its worker. Returns how many were deleted (the periodic job
    `directory.delete_old_imports`)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.TASK_RESULTS_RETENTION_DAYS)
    return OrganisationImport.objects.filter(created_at__lt=cutoff).delete()[0]
