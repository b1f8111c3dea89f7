from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("fi-plain", _("Plain Finnish (selkosuomi)")),
    ("fse", _("Finnish Sign Language")),
    ("fss", _("Finland-Swedish Sign Language")),
    ("se", _("Northern Sami")),
    ("ru", _("Russian")),
    ("et", _("Estonian")),
    ("uk", _("Ukrainian")),
    ("ar", _("Arabic")),
    ("so", _("Somali")),
    ("other", _("Other languages")),
]


class PostcodeField(forms.CharField):
    """An optional Finnish postcode input (five digits, see `taxonomy.models.POSTCODE_RE`) for
    finding a resident's area: at most five characters, a numeric keyboard on phones and the
    browser's postal-code autofill."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6})
        super().__init__(max_length=5, widget=widget, **kwargs)


class ChoiceListField(models.JSONField):
    """A list of choice values stored as JSON; edited as a group of checkboxes.

    Works the same on SQLite and PostgreSQL, and wagtail-localize copies it unchanged to
    translations (the values are codes; their labels are translated in templates).
    """

    def __init__(self, *args, choices_list=None, **kwargs):
        self.choices_list = list(choices_list or [])
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # The choices only drive validation and the form, not the database column.
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices_list", None)
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {code for code, _label in self._resolved_choices()}
        unknown = [v for v in value or [] if v not in allowed]
        if unknown:
            raise ValidationError(_("Unknown choice: %(value)s") % {"value": ", ".join(map(str, unknown))})

    def _resolved_choices(self):
        return self.choices_list

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self._resolved_choices(),
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def labels(self, values):
        lookup = dict(self._resolved_choices())
        return [lookup.get(v, v) for v in values or []]
