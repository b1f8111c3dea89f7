from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from directory.models import (
    ActivityLanguage,
    FieldOfActivity,
    Municipality,
    OrganisationPage,
    TargetGroup,
    normalise_register_number,
)
from home import page_cache
from home.forms import (
    AbuseProtectedFormMixin,
    ListingSelect,
    consent_field,
    email_field,
    name_field,
    optional_text_field,
)


class RegisterNumberField(forms.CharField):
    """An optional number in the Finnish Register of Associations, cleaned to the form 123.456
    (`directory.models.normalise_register_number`; its ValidationError names the bad value)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        return normalise_register_number(super().clean(value))


def municipality_choices(request=None):
    """Active municipalities grouped by region, in the reader's language: Django grouped choices
    `[("", prompt), (region name, [(code, municipality name), …]), …]`, sorted by name. Read and
    sorted once per language and page-cache generation (`home.page_cache.remember`, at most a
    minute), not for every proposal form: ~300 rows that change when municipalities merge."""

    def compute():
        municipalities = list(Municipality.objects.filter(active=True).select_related("region"))
        regions = {}
        for municipality in municipalities:
            regions.setdefault(municipality.region, []).append((municipality.code, municipality.name))
        choices = [("", _("Choose the home municipality"))]
        for region in sorted(regions, key=lambda r: r.name):
            choices.append((region.name, sorted(regions[region], key=lambda c: c[1])))
        return choices

    return page_cache.remember(
        ("directory.municipality_choices", translation.get_language()), compute, request
    )


class ProposalForm(AbuseProtectedFormMixin, forms.Form):
    """A new directory entry, or an update to one, proposed by the association itself."""

    rate_limit_scope = "directory-proposal"
    rate_limit = 5

    title = forms.CharField(label=_("Name of the association"), max_length=255)
    register_number = RegisterNumberField(
        label=_("Register number (optional)"),
        max_length=15,
        help_text=_("The number in the Register of Associations, for example 123.456."),
    )
    # ~300 municipalities in their regions' groups, written in one pass (ListingSelect)
    municipality = forms.ChoiceField(label=_("Home municipality"), widget=ListingSelect)
    summary = forms.CharField(
        label=_("Short description"),
        max_length=300,
        help_text=_("One or two sentences for the listing, at most 300 characters."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description = optional_text_field(_("Longer description (optional)"), rows=6, max_length=5000)
    fields_of_activity = forms.MultipleChoiceField(
        label=_("Fields of activity"), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of activity"), required=False, widget=forms.CheckboxSelectMultiple
    )
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")
    email = forms.EmailField(
        label=_("Public e-mail of the association (optional)"),
        required=False,
        help_text=_("Shown on the page in a form that is hard for spam robots to collect."),
    )
    phone = forms.CharField(label=_("Public phone (optional)"), required=False, max_length=40)
    meeting_places = optional_text_field(_("Meeting places (optional)"))
    accessibility = optional_text_field(_("Accessibility (optional)"))
    looking_for_volunteers = forms.BooleanField(label=_("We are looking for volunteers"), required=False)
    looking_for_partners = forms.BooleanField(
        label=_("We are looking for co-operation partners"), required=False
    )
    submitter_name = name_field(_("Your name"), max_length=150)
    submitter_email = email_field(
        _("Your e-mail"),
        help_text=_("We tell you here when the entry is published. It is not shown on the page."),
    )
    message = optional_text_field(_("Message to the editors (optional)"))
    consent = consent_field(
        _("I may publish these details on behalf of the association."),
        _("Confirm that you may publish the association's details."),
    )

    def __init__(self, *args, directory, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = directory
        self.organisation = organisation
        self.fields["municipality"].choices = municipality_choices()
        self.fields["fields_of_activity"].choices = [
            (f.slug, f.name) for f in FieldOfActivity.objects.filter(parent__isnull=True)
        ]
        self.fields["target_groups"].choices = [(t.slug, t.name) for t in TargetGroup.objects.all()]
        self.fields["languages"].choices = [(lang.code, lang.name) for lang in ActivityLanguage.objects.all()]
        if organisation is not None and not self.is_bound:
            self.initial.update(self.initial_from(organisation))

    @staticmethod
    def initial_from(page):
        return {
            "title": page.title,
            "register_number": page.register_number,
            "municipality": page.municipality.code if page.municipality_id else "",
            "summary": page.summary,
            "description": strip_tags(page.description).strip(),
            **page.classification_codes(),
            **{name: getattr(page, name) for name in OrganisationPage.SELF_DESCRIBED_FIELDS},
        }

    def clean_municipality(self):
        try:
            return Municipality.objects.get(code=self.cleaned_data["municipality"], active=True)
        except Municipality.DoesNotExist:
            raise ValidationError(_("Choose the home municipality from the list.")) from None

    def clean(self):
        cleaned = super().clean()
        title, municipality = cleaned.get("title"), cleaned.get("municipality")
        if self.organisation is None and title and municipality:
            duplicate = OrganisationPage.objects.child_of(self.directory).filter(
                title__iexact=title.strip(), municipality=municipality
            )
            if duplicate.exists():
                self.add_error(
                    "title",
                    _(
                        "%(name)s in %(municipality)s is already in the directory. "
                        "Open its page and choose “Propose an update” instead."
                    )
                    % {"name": title, "municipality": municipality.name},
                )
        return cleaned
