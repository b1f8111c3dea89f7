from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.utils import get_field_clean_name

from home import page_cache
from home.fields import TranslatableLinesField
from home.forms import AbuseProtectedFormMixin, consent_field, email_field, name_field, phone_field
from home.i18n import default_translation
from registrations import services
from registrations.models import StaffMessage

QUESTION_PREFIX = "q_"


CHOICE_TYPES = ("dropdown", "multiselect", "radio", "checkboxes")


def option_key(label):
    """The language-independent key an answer to a choice question is stored as: the option's
    label in the event's default language as `ascii_snake_case` (Wagtail's `clean_name` rule),
    e.g. "Liikenne ja kadut" → "liikenne_ja_kadut"; the label itself if nothing is left."""
    return get_field_clean_name(label) or label


def choice_items(value):
    """Options of a choices text the way Wagtail's form builder reads it: one a line, or
    separated by commas when there is only one line."""
    lines = TranslatableLinesField.items(value)
    if len(lines) == 1:
        return [item.strip() for item in lines[0].split(",") if item.strip()]
    return lines


def question_options(question, source):
    """[(key, label)] of a choice question in its own language. `source` is the same question
    in the event's default language, whose options give the keys (matched by position: a
    translation keeps its source's options in order). A translation whose options no longer
    match its source in number (not yet synchronised) shows the source's options."""
    source_labels = choice_items(source.choices)
    labels = choice_items(question.choices)
    if len(labels) != len(source_labels):
        labels = source_labels
    return [(option_key(key_label), label) for key_label, label in zip(source_labels, labels, strict=True)]


def source_questions(event, questions):
    """{translation_key: question in the event's default language} for `questions` of `event`."""
    source_event = default_translation(event)
    if source_event.pk == event.pk:
        return {q.translation_key: q for q in questions}
    return {q.translation_key: q for q in source_event.registration_questions.all()}


class QuestionFormBuilder(FormBuilder):
    """Wagtail's form builder whose choice fields offer (key, label in the page's language)."""

    def __init__(self, fields, sources):
        super().__init__(fields)
        self.sources = sources

    def options(self, field):
        return question_options(field, self.sources.get(field.translation_key, field))

    def get_formatted_field_choices(self, field):
        return self.options(field)

    def get_formatted_field_initial(self, field):
        by_label = {label: key for key, label in self.options(field)}
        return [by_label[item] for item in choice_items(field.default_value) if item in by_label]

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type in ("radio", "dropdown"):
            initial = self.get_formatted_field_initial(field)
            options["initial"] = initial[0] if initial else None
        return options


def event_questions(event):
    """([question], {translation_key: question in the default language}) of `event`'s extra
    questions, in their order."""
    questions = list(event.registration_questions.all())
    return questions, source_questions(event, questions)


def question_fields(event, request=None):
    """Form fields of the event's extra questions (in the page's language), named q_<clean_name>;
    choice fields take the options' keys as values (`question_options`). With `request` (the
    public form), the questions are read once per process and page-cache generation
    (`home.page_cache.remember`: they are saved only with their page, which starts a new one)."""
    if request is None:
        questions, sources = event_questions(event)
    else:
        key = ("registrations.questions", event.pk)
        questions, sources = page_cache.remember(key, lambda: event_questions(event), request)
    fields = QuestionFormBuilder(questions, sources).formfields
    return {f"{QUESTION_PREFIX}{name}": field for name, field in fields.items()}, questions


def json_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return value


class SignupFormMixin:
    """What the public sign-up form and the staff's form do alike with a valid sign-up."""

    def answers(self):
        """{clean_name: value} of the extra questions, JSON-serialisable."""
        return {
            name[len(QUESTION_PREFIX) :]: json_value(value)
            for name, value in self.cleaned_data.items()
            if name.startswith(QUESTION_PREFIX)
        }

    def sign_up(self, *, language, consent, **options):
        """Save the sign-up with `registrations.services.sign_up` (its `options`: channel,
        check_open…); returns the Registration or raises `services.SignupError`."""
        data = self.cleaned_data
        return services.sign_up(
            self.event,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            group_size=data.get("group_size") or 1,
            language=language,
            answers=self.answers(),
            consent=consent,
            follow_up_opt_in=data["follow_up_opt_in"],
            **options,
        )


class SignupForm(SignupFormMixin, AbuseProtectedFormMixin, forms.Form):
    rate_limit_scope = "event-signup"
    # Per event and address: a resident evening signing up for the next one on the venue's Wi-Fi,
    # or many residents behind one mobile operator's shared address.
    rate_limit = 100
    rate_limit_window = 60 * 60

    name = name_field(_("Name"))
    email = email_field(
        _("E-mail"),
        help_text=_("We send the confirmation and a link to cancel here."),
        error_messages={"invalid": _("Write the e-mail address in the form name@example.fi.")},
    )
    phone = phone_field(_("Phone (optional)"))
    group_size = forms.IntegerField(
        label=_("How many people, yourself included?"),
        min_value=1,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    follow_up_opt_in = forms.BooleanField(
        label=_("Send me the follow-up report by e-mail when it is published."), required=False
    )
    consent = consent_field(
        _("I have read the privacy notice and agree that my details are processed for this event."),
        _("Agree to the processing of your details to sign up."),
    )

    def __init__(self, *args, event, request=None, **kwargs):
        """`request`: the request the public form answers, whose page-cache generation lets the
        event's questions be read once per process (`question_fields`)."""
        super().__init__(*args, **kwargs)
        self.event = event
        extra, self.questions = question_fields(event, request)
        # Extra questions go before the opt-in and consent, which close the form.
        ordered = {}
        for name, field in self.fields.items():
            if name == "follow_up_opt_in":
                ordered.update(extra)
            ordered[name] = field
        self.fields = ordered
        if event.max_group_size <= 1:
            del self.fields["group_size"]
        else:
            self.fields["group_size"].widget.attrs["max"] = event.max_group_size
            self.fields["group_size"].help_text = _("At most %(count)d.") % {"count": event.max_group_size}

    def clean_group_size(self):
        size = self.cleaned_data.get("group_size") or 1
        if size > self.event.max_group_size:
            raise forms.ValidationError(
                _("You can sign up at most %(count)d people at once.") % {"count": self.event.max_group_size}
            )
        return size


class GroupSizeForm(forms.Form):
    """How many people a sign-up is for, changed by the person behind its secret link (1 to the
    event's largest group). `registrations.services.change_group_size` applies it."""

    group_size = forms.IntegerField(
        label=_("How many people, yourself included?"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["group_size"].widget.attrs["max"] = event.max_group_size
        self.fields["group_size"].help_text = _("At most %(count)d.") % {"count": event.max_group_size}

    def clean_group_size(self):
        size = self.cleaned_data["group_size"]
        if size > self.event.max_group_size:
            raise forms.ValidationError(
                _("You can sign up at most %(count)d people at once.") % {"count": self.event.max_group_size}
            )
        return size


class StaffSignupForm(SignupFormMixin, forms.Form):
    """A sign-up taken by phone or at the door; e-mail is optional."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    group_size = forms.IntegerField(label=_("People"), min_value=1, initial=1)
    language = forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=[("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")],
    )
    follow_up_opt_in = forms.BooleanField(label=_("Wants the follow-up report"), required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        extra, self.questions = question_fields(event)
        for field in extra.values():
            field.required = False
        self.fields.update(extra)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(_("Give an e-mail address or a phone number."))
        return cleaned


class StaffMessageForm(forms.ModelForm):
    """A message to everyone signed up for an event and/or waiting; previewed before sending."""

    class Meta:
        model = StaffMessage
        fields = ["recipients", "subject", "body"]
        widgets = {"recipients": forms.RadioSelect, "body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "body": _(
                "Plain text, at most 5,000 characters. Each person gets it with a greeting and the link "
                "to their own sign-up, in the language they signed up in; replies go to the organiser."
            )
        }
