"""Staff view: import organisations from a CSV upload (same rules as `import_organisations`)."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from directory.importer import COLUMNS, ImportFileError, import_rows, read_csv
from directory.models import DirectoryPage
from home.admin import StaffArea

IMPORT_PERMISSION = "directory.import_organisations"
MAX_UPLOAD = 5 * 1024 * 1024

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
    dry_run = forms.BooleanField(label=_("Check only, save nothing"), required=False)
    atomic = forms.BooleanField(label=_("Save nothing if any row has an error"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages = DirectoryPage.objects.filter(locale=Locale.get_default()).order_by("path")
        self.fields["directory"].queryset = pages
        self.fields["directory"].initial = pages.first()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


@area.view("import/", "import")
def import_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_csv(form.cleaned_data["file"].read())
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            report = import_rows(
                form.cleaned_data["directory"],
                rows,
                dry_run=form.cleaned_data["dry_run"],
                atomic=form.cleaned_data["atomic"],
                user=request.user,
            )
    return TemplateResponse(
        request,
        "directory/organisations/admin_import.html",
        {"form": form, "report": report, "columns": COLUMNS},
    )
