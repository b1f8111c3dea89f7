from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from home.filtering import grouped_choices
from home.forms import (
    AbuseProtectedFormMixin,
    consent_field,
    email_field,
    name_field,
    optional_text_field,
    phone_field,
)
from home.personal_data import normalise_email
from panels import features as F
from panels.models import Application, Draw, PopulationProfile
from taxonomy.fields import PostcodeField
from taxonomy.models import Area


def area_choices():
    """Major areas with their districts as option groups, in the reader's language."""
    language = translation.get_language() or "fi"
    areas = Area.objects.filter(locale__language_code=language).order_by("name")
    groups = grouped_choices(
        list(areas),
        value=lambda area: str(area.pk),
        whole=lambda major: _("%(area)s (whole area)") % {"area": major.name},
    )
    return [("", _("Choose your home area")), *groups]


class ApplicationForm(AbuseProtectedFormMixin, forms.Form):
    rate_limit_scope = "panel-application"
    # Per panel and address: an information evening applying on the venue's Wi-Fi.
    rate_limit = 100

    name = name_field(_("Name"))
    email = email_field(_("E-mail"), help_text=_("We send the confirmation and the result of the draw here."))
    phone = phone_field(_("Phone"))
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        help_text=_("For example 1984. We use it only to place you in an age group."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year", "size": 6}),
        error_messages={"invalid": _("Write the year of birth as four digits, for example 1984.")},
    )
    home_area = forms.ChoiceField(label=_("Home area"), required=False)
    postcode = PostcodeField(
        label=_("Or your postcode"),
        help_text=_("If you are not sure of your area, give your postcode instead."),
    )
    street_address = forms.CharField(
        label=_("Street address"),
        max_length=200,
        help_text=_("Only one person per household can be selected; we use the address for that alone."),
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    motivation = optional_text_field(
        _("Why would you like to take part? (optional)"),
        rows=5,
        help_text=_("Your answer does not affect the draw."),
    )
    consent_privacy = consent_field(
        _("I have read the privacy notice and agree that my details are processed for the selection."),
        _("Agree to the processing of your details to apply."),
    )
    consent_contact = consent_field(
        _("The city may contact me about the panel by e-mail or phone."),
        _("We must be able to contact you if you are selected."),
    )

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.fields["home_area"].choices = area_choices()
        if not panel.one_per_household:
            del self.fields["street_address"]
        for code in F.panel_features(panel):
            if code in F.BACKGROUND_BY_CODE:
                question = F.BACKGROUND_BY_CODE[code]
                self.fields[code] = forms.ChoiceField(
                    label=question.label,
                    choices=question.choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose one of the options.")},
                )
        # Background questions after the area, the free text and consents last.
        order = ["name", "email", "phone", "birth_year", "home_area", "postcode", "street_address"]
        order += [code for code in F.BACKGROUND_BY_CODE if code in self.fields]
        order += ["motivation", "consent_privacy", "consent_contact"]
        self.order_fields(order)

    def clean_email(self):
        """The address, normalised. An address that already applied is not an error here: the view
        answers as for a new application and e-mails that address instead (no account enumeration)."""
        return normalise_email(self.cleaned_data["email"])

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        this_year = timezone.localdate().year
        if not 1900 <= year <= this_year:
            raise ValidationError(_("Write the year of birth as four digits, for example 1984."))
        reference_year = self.panel.term_start.year
        if F.age_on(year, reference_year) < self.panel.minimum_age:
            raise ValidationError(
                _("Applicants must be at least %(age)s years old in %(year)s, when the term starts.")
                % {"age": self.panel.minimum_age, "year": reference_year}
            )
        return year

    def clean(self):
        cleaned = super().clean()
        area_id = cleaned.get("home_area")
        postcode = (cleaned.get("postcode") or "").strip()
        area = None
        if area_id:
            area = Area.objects.filter(pk=area_id).select_related("parent").first()
        elif postcode:
            area = Area.objects.for_postcode(postcode).select_related("parent").first()
            if area is None:
                self.add_error(
                    "postcode",
                    _(
                        "This postcode is not in the city's area list. Choose your home area from the list instead."
                    ),
                )
        elif "home_area" not in self.errors:
            self.add_error("home_area", _("Choose your home area or give your postcode."))
        self.area = area
        return cleaned

    def save(self, language):
        data = self.cleaned_data
        major = self.area.parent if self.area.parent_id else self.area
        street = data.get("street_address", "")
        application = Application(
            panel=self.panel,
            language=language,
            name=data["name"].strip(),
            email=data["email"],
            phone=data["phone"].strip(),
            street_address=street,
            postcode=data.get("postcode", ""),
            birth_year=data["birth_year"],
            motivation=data["motivation"],
            consent_contact=data["consent_contact"],
            household=Application.household_key(street, data.get("postcode", "")) if street else "",
            age_group=F.age_group_for(F.age_on(data["birth_year"], self.panel.term_start.year)),
            area=major.slug,
        )
        for code in F.BACKGROUND_BY_CODE:
            if code in data:
                setattr(application, code, data[code])
        application.save()
        return application


# --- admin forms ------------------------------------------------------------------------------------


class QuotaForm(forms.Form):
    """One min/max pair per feature value, for the features the editor ticks."""

    def __init__(self, *args, panel, quotas, **kwargs):
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.groups = []
        for feature in F.panel_features(panel):
            current = quotas.get(feature, {})
            use = forms.BooleanField(
                label=_("Use %(feature)s in the selection") % {"feature": F.feature_label(feature)},
                required=False,
                initial=bool(current),
            )
            self.fields[f"use_{feature}"] = use
            rows = []
            for value, label in F.feature_values(feature):
                lo, hi = current.get(value, (0, panel.target_size))
                for bound, initial in (("min", lo), ("max", hi)):
                    self.fields[f"{feature}__{value}__{bound}"] = forms.IntegerField(
                        label=f"{label}: {_('minimum') if bound == 'min' else _('maximum')}",
                        min_value=0,
                        max_value=panel.target_size,
                        initial=initial,
                        required=False,
                    )
                rows.append(
                    (value, label, self[f"{feature}__{value}__min"], self[f"{feature}__{value}__max"])
                )
            self.groups.append((feature, F.feature_label(feature), self[f"use_{feature}"], rows))

    def clean(self):
        from panels.problems import describe_problem
        from panels.quota_rules import quota_form_problems

        cleaned = super().clean()
        quotas = {}
        for feature in F.panel_features(self.panel):
            if not cleaned.get(f"use_{feature}"):
                continue
            quotas[feature] = {}
            for value, _label in F.feature_values(feature):
                lo = cleaned.get(f"{feature}__{value}__min")
                hi = cleaned.get(f"{feature}__{value}__max")
                lo = 0 if lo is None else lo
                hi = self.panel.target_size if hi is None else hi
                quotas[feature][value] = (lo, hi)
        for problem in quota_form_problems(quotas, self.panel.target_size):
            field = None
            if "value" in problem:
                field = f"{problem['feature']}__{problem['value']}__{'max' if problem['kind'] == 'max_above_size' else 'min'}"
            self.add_error(field if field in self.fields else None, describe_problem(problem))
        self.quotas = quotas
        return cleaned


class ProportionalForm(forms.Form):
    profile = forms.ModelChoiceField(label=_("Population profile"), queryset=PopulationProfile.objects.all())
    slack = forms.IntegerField(
        label=_("Leeway (members)"),
        min_value=0,
        max_value=10,
        initial=1,
        help_text=_("Each minimum is the proportional number minus this, each maximum plus this."),
    )


class DrawForm(forms.Form):
    algorithm = forms.ChoiceField(label=_("Algorithm"), widget=forms.RadioSelect)
    seed = forms.IntegerField(
        label=_("Random seed"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_(
            "Leave empty for a random seed. To let anyone check the draw, agree on the seed in public "
            "beforehand (for example from a public lottery result)."
        ),
    )
    one_per_household = forms.BooleanField(label=_("At most one member per household"), required=False)
    confirm_legacy = forms.BooleanField(
        label=_(
            "I understand that the legacy algorithm gives no selection probabilities and use it only in an emergency."
        ),
        required=False,
    )

    def __init__(self, *args, algorithms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["algorithm"].choices = algorithms
        self.fields["algorithm"].initial = Draw.Algorithm.MAXIMIN

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("algorithm") == Draw.Algorithm.LEGACY and not cleaned.get("confirm_legacy"):
            self.add_error(
                "confirm_legacy",
                _("Confirm that you need the legacy algorithm; maximin is the fair default."),
            )
        return cleaned
