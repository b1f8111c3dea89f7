"""Background work of the panels app (django-tasks; `manage.py db_worker` runs it)."""

from django.utils import timezone
from django_tasks import task

from panels.models import Draw


@task()
def run_draw(draw_id):
    """Run a queued draw. A pool of hundreds takes minutes; the admin page shows the progress."""
    from panels.draws import execute_draw

    draw = Draw.objects.filter(pk=draw_id).first()
    if draw is None:
        return "gone"
    try:
        return execute_draw(draw)
    except Exception:
        # Never leave a draw "running" forever: that would block the next one.
        Draw.objects.filter(pk=draw_id, status__in=[Draw.Status.QUEUED, Draw.Status.RUNNING]).update(
            status=Draw.Status.FAILED, failure={"code": "crash"}, progress="", finished_at=timezone.now()
        )
        raise
