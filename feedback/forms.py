"""Public forms: a poll's answers, the three-question event feedback and an idea."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import IDEA_MAX, TEXT_ANSWER_MAX, EventFeedback, Idea, PollAnswer, PollResponse
from feedback.questions import QuestionKind
from home.forms import AbuseProtectedFormMixin

SCALE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


def scale_help():
    return _("1 = very poorly, 5 = very well")


class PollForm(AbuseProtectedFormMixin, forms.Form):
    """One field per question, named after the question's block id (the same in every language)."""

    rate_limit_scope = "poll-answer"
    # Per poll and address: a full hall (up to ~400 people) on one Wi-Fi, with room for retries.
    rate_limit = 500

    def __init__(self, *args, poll, **kwargs):
        self.poll = poll
        super().__init__(*args, **kwargs)
        for block_id, question in poll.question_list():
            self.fields[f"q_{block_id}"] = self._field(question)

    def _field(self, question):
        kind, label, required = question["kind"], question["text"], question["required"]
        options = [(str(i), text) for i, text in enumerate(question["options"]) if text]
        if kind == QuestionKind.SINGLE:
            return forms.ChoiceField(
                label=label,
                required=required,
                choices=options,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one option.")},
            )
        if kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                label=label,
                required=required,
                choices=options,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Choose one or more."),
                error_messages={"required": _("Choose at least one option.")},
            )
        if kind == QuestionKind.SCALE:
            return forms.ChoiceField(
                label=label,
                required=required,
                choices=SCALE_CHOICES,
                widget=forms.RadioSelect,
                help_text=scale_help(),
                error_messages={"required": _("Choose a number from 1 to 5.")},
            )
        return forms.CharField(
            label=label,
            required=required,
            max_length=TEXT_ANSWER_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("At most %(max)d characters.") % {"max": TEXT_ANSWER_MAX},
            error_messages={"required": _("Write an answer.")},
        )

    def clean(self):
        cleaned = super().clean()
        answered = [v for k, v in cleaned.items() if k.startswith("q_") and v not in ("", [], None)]
        if not self.errors and not answered:
            raise forms.ValidationError(_("Answer at least one question."), code="empty")
        return cleaned

    def save(self, language, channel=PollResponse.Channel.ONLINE):
        response = PollResponse.objects.create(poll=self.poll, language=language, channel=channel)
        rows = []
        for block_id, question in self.poll.question_list():
            value = self.cleaned_data.get(f"q_{block_id}")
            if value in ("", [], None):
                continue
            if question["kind"] == QuestionKind.TEXT:
                rows.append(PollAnswer(response=response, question_id=block_id, text=value.strip()))
            else:
                values = value if isinstance(value, list) else [value]
                rows += [PollAnswer(response=response, question_id=block_id, choice=int(v)) for v in values]
        PollAnswer.objects.bulk_create(rows)
        return response


class EventFeedbackForm(AbuseProtectedFormMixin, forms.ModelForm):
    rate_limit_scope = "event-feedback"
    # Per event and address: every seat of a full hall on the venue's one Wi-Fi address answers.
    rate_limit = 500

    class Meta:
        model = EventFeedback
        fields = ["rating", "good", "develop"]

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"] = forms.TypedChoiceField(
            label=questions.rating_question,
            choices=SCALE_CHOICES,
            coerce=int,
            widget=forms.RadioSelect,
            help_text=scale_help(),
            error_messages={"required": _("Choose a number from 1 to 5.")},
        )
        for name, label in (("good", questions.good_question), ("develop", questions.develop_question)):
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=TEXT_ANSWER_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Optional. At most %(max)d characters.") % {"max": TEXT_ANSWER_MAX},
            )


class IdeaForm(AbuseProtectedFormMixin, forms.ModelForm):
    rate_limit_scope = "idea"
    # Per page and address: a workshop table's ideas typed in one after another.
    rate_limit = 30

    page = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Idea
        fields = ["text", "name", "email"]
        labels = {"text": _("Your idea"), "name": _("Name (optional)"), "email": _("E-mail (optional)")}
        help_texts = {
            "text": _("At most %(max)d characters.") % {"max": IDEA_MAX},
            "email": _("Only if you would like an answer. We delete your name and e-mail after 12 months."),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5, "maxlength": IDEA_MAX}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "text": {
                "required": _("Write your idea."),
                "max_length": _("Your idea is too long: at most %(limit_value)d characters."),
            },
            "email": {"invalid": _("Give the e-mail address in the form name@example.fi.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.pop("maxlength", None)  # the server explains the limit instead


class KioskPinField(forms.RegexField):
    def __init__(self, label, **kwargs):
        super().__init__(
            regex=r"^[0-9]{4,8}$",
            label=label,
            error_messages={"invalid": _("The PIN is 4 to 8 digits.")},
            widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            **kwargs,
        )


class KioskEndForm(forms.Form):
    pin = KioskPinField(_("Staff PIN"))


class KioskStartForm(forms.Form):
    """Staff start a kiosk for a poll or an event's feedback (feedback.kiosk)."""

    pin = KioskPinField(
        _("PIN that ends the kiosk"), help_text=_("4 to 8 digits. Staff need it to end the kiosk.")
    )
    pin_again = KioskPinField(_("The same PIN again"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pin") and cleaned.get("pin_again") and cleaned["pin"] != cleaned["pin_again"]:
            self.add_error("pin_again", _("The PINs differ. Type the same PIN twice."))
        return cleaned


class PaperFeedbackForm(forms.ModelForm):
    """Staff type in one paper feedback card (no honeypot or rate limit: staff only)."""

    class Meta:
        model = EventFeedback
        fields = ["rating", "good", "develop", "language"]

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        public = EventFeedbackForm(questions=questions)
        for name in ("rating", "good", "develop"):
            self.fields[name] = public.fields[name]
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the card"),
            choices=[("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")],
        )


class HeadcountForm(forms.Form):
    attendees = forms.IntegerField(
        label=_("Attendees (headcount)"),
        min_value=0,
        max_value=100000,
        help_text=_("How many people came, counted at the event. The response rate divides by it."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
