"""An association import run from the admin: the uploaded file, its check and its progress."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationImport(models.Model):
    """One uploaded CSV file on its way through check → confirm → import.

    The background task (`directory.tasks`) updates `processed` after each committed batch, so
    the admin page can show a progress bar while residents keep using the site. `content` is the
    file's text (needed between the check and the import); it is emptied when the import ends.
    `check_results` and `results` hold the rows with something to say, as
    `[row number, name, action, [messages]]` lists. `progress_at` is when the import last moved
    on (uploaded, confirmed, a batch committed): one that is running but has not moved for
    `directory.tasks.STALLED_AFTER` lost its worker and is marked failed by a periodic job.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked, waiting for confirmation")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    RUNNING = (Status.CHECKING, Status.IMPORTING)

    directory = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255, blank=True)
    language = models.CharField(max_length=10, default="fi")  # of the staff member: row messages
    content = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CHECKING)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    check_counts = models.JSONField(default=dict, blank=True)
    check_results = models.JSONField(default=list, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    results = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("association import")
        verbose_name_plural = _("association imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name or str(self.pk)

    @property
    def running(self):
        return self.status in self.RUNNING

    @property
    def percent(self):
        return int(100 * self.processed / self.total) if self.total else 0
