"""Staff views: import organisations from a CSV upload (same rules as `import_organisations`).

Upload → check in the background (nothing saved) → the check's report with row errors →
confirm → import in the background in batches → the result with row errors. The work runs as
django-tasks tasks (`directory.tasks`), so no request waits for it."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from directory.importer import COLUMNS, ImportFileError, read_csv
from directory.models import DirectoryPage, OrganisationImport
from directory.tasks import check_import, run_import
from home.admin import StaffArea

IMPORT_PERMISSION = "directory.import_organisations"
MAX_UPLOAD = 5 * 1024 * 1024
REFRESH_SECONDS = 2  # how often an import's page reloads itself while a task works on it

area = StaffArea(
    "directory",
    permission=IMPORT_PERMISSION,
    menu_label=_("Import associations"),
    icon="upload",
    menu_order=320,
    menu_name="import-organisations",
)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("UTF-8, comma or semicolon separated, at most 5 MB.")
    )
    directory = forms.ModelChoiceField(label=_("Directory"), queryset=DirectoryPage.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages = DirectoryPage.objects.filter(locale=Locale.get_default()).order_by("path")
        self.fields["directory"].queryset = pages
        self.fields["directory"].initial = pages.first()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        content = upload.read()
        try:
            self.rows = read_csv(content)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        self.text = content.decode("utf-8-sig")
        return upload


@area.view("import/", "import")
def import_view(request):
    """Upload a file: it is checked in the background (nothing saved) and the staff member is
    taken to its page, which shows the progress and then the check with a confirm button."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = OrganisationImport.objects.create(
            directory=form.cleaned_data["directory"],
            created_by=request.user,
            file_name=form.cleaned_data["file"].name[:255],
            content=form.text,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            total=len(form.rows),
        )
        transaction.on_commit(lambda: check_import.enqueue(job.pk))
        return redirect("directory_admin:import_status", job.pk)
    return TemplateResponse(
        request,
        "directory/organisations/admin_import.html",
        {"form": form, "columns": COLUMNS, "imports": OrganisationImport.objects.all()[:10]},
    )


@area.view("import/<int:import_id>/", "import_status")
def import_status(request, import_id):
    """An import's page: a progress bar that refreshes itself while a task works on it (a
    `<meta http-equiv="refresh">`, so it needs no JavaScript), the check with its row errors and
    a confirm button, or the result with its row errors."""
    job = get_object_or_404(OrganisationImport, pk=import_id)
    return TemplateResponse(
        request,
        "directory/organisations/admin_import_status.html",
        {"job": job, "refresh_seconds": REFRESH_SECONDS, "S": OrganisationImport.Status},
    )


@area.view("import/<int:import_id>/confirm/", "import_confirm", post_only=True)
def import_confirm(request, import_id):
    """Start the import of a checked file (once: a second click finds it no longer waiting)."""
    job = get_object_or_404(OrganisationImport, pk=import_id)
    S = OrganisationImport.Status
    if OrganisationImport.objects.filter(pk=job.pk, status=S.CHECKED).update(
        status=S.IMPORTING, processed=0, progress_at=timezone.now()
    ):
        transaction.on_commit(lambda: run_import.enqueue(job.pk))
    else:
        messages.error(request, _("This import is not waiting for confirmation."))
    return redirect("directory_admin:import_status", job.pk)
