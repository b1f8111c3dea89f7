"""Building blocks for every public form: a honeypot, a rate limit, length limits and no
control characters (`home.text`)."""

import html

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from home import ratelimit, text

HONEYPOT_FIELD = "website_url"


class AbuseProtectedFormMixin:
    """Adds a honeypot field that people never see and bots fill in, and a rate limit.

    Use `check_rate_limit(request, target)` in the view before saving. Subclasses set
    `rate_limit_scope`, `rate_limit` (attempts per client address and target) and
    `rate_limit_window` (seconds). The count is kept per scope, per target object (this event's
    feedback, this poll: one event's full hall does not use up another's) and per client address
    (`home.ratelimit.client_ip`, which honours only trusted proxies).
    """

    rate_limit_scope = "form"
    rate_limit = 10
    rate_limit_window = 60 * 60

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}),
        )

    def clean(self):
        cleaned = super().clean()
        text.control_character_errors(self)
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("Your submission looks automated and was not saved. Please try again."),
                code="honeypot",
            )
        return cleaned

    def check_rate_limit(self, request, target=None, identity=None):
        """Return True if allowed; otherwise add a form error saying when to try again (local time)
        and return False. `target` is the object answered (a page, poll…; its translation key is
        used when it has one, so every language version shares one count)."""
        identity = identity or ratelimit.client_ip(request)
        scope = self.rate_limit_scope
        if target is not None:
            scope = f"{scope}:{getattr(target, 'translation_key', None) or target.pk}"
        if ratelimit.hit(scope, identity, self.rate_limit, self.rate_limit_window):
            return True
        retry_at = timezone.localtime(ratelimit.window_end(self.rate_limit_window))
        self.add_error(
            None,
            _("Too many attempts from your connection. Please try again at %(time)s.")
            % {"time": formats.time_format(retry_at, "TIME_FORMAT")},
        )
        return False


# Fields that several public forms ask for in the same way. Each caller passes its own label and
# help text (they say what the form does with the value); the autocomplete tokens are the HTML
# standard's (WHATWG HTML, "Autofilling form controls"), so browsers and password managers can
# fill them in (WCAG 2.1 success criterion 1.3.5).


def name_field(label, *, max_length=200, **kwargs):
    """A person's name as they write it."""
    return forms.CharField(
        label=label, max_length=max_length, widget=forms.TextInput(attrs={"autocomplete": "name"}), **kwargs
    )


def email_field(label, *, help_text="", **kwargs):
    """An e-mail address, at most 254 characters (RFC 5321's limit for a path, less the brackets)."""
    return forms.EmailField(
        label=label,
        max_length=254,
        help_text=help_text,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        **kwargs,
    )


def phone_field(label):
    """An optional phone number, free-form, at most 40 characters."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )


def optional_text_field(label, *, rows=3, max_length=2000, **kwargs):
    """An optional free-text answer of several lines."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def consent_field(label, required_message):
    """A box the person must tick to send the form (agreeing to the processing of their details,
    confirming a right to publish…); `required_message` says what is missing when it is not."""
    return forms.BooleanField(label=label, error_messages={"required": required_message})


class ListingSelect(forms.Select):
    """Django's `Select`, its options written in one pass instead of one template each: the same
    HTML as Django's `select.html` and `select_option.html` (attributes, `optgroup`s, `selected`).
    Listings' filter forms and the directory's proposal form offer hundreds of options
    (municipalities, fields of activity), and rendering each through a template cost more than
    the directory's database queries."""

    widget_type = "select"  # for `kuulu_forms.widget_type`: styled and laid out as any select

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                option_attrs = option["attrs"]
                written = " selected" if option_attrs == {"selected": True} else flatatt(option_attrs)
                parts.append(
                    f'\n  <option value="{_escape(option["value"])}"{written}>{_escape(option["label"])}</option>\n'
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value and label is escaped)


def _escape(value):
    """Django's `conditional_escape` without its lazy-string wrapper (hundreds of options a form)."""
    return value if isinstance(value, SafeData) else html.escape(str(value))


#: Django's widget templates that are nothing but `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)
MULTIPLE_HIDDEN_TEMPLATE = "django/forms/widgets/multiple_hidden.html"


class FormRenderer(DjangoTemplates):
    """Django's default form renderer (`FORM_RENDERER`), with `<input>` widgets written in Python:
    the same HTML as Django's `input.html` and `attrs.html` (and `multiple_hidden.html`, one input a
    value), without rendering two templates an input. A page's filter form and newsletter box have
    about ten inputs, which through templates cost 1–2 ms. Every other widget goes through its
    template as before."""

    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        if template_name == MULTIPLE_HIDDEN_TEMPLATE and all(
            sub["template_name"] in INPUT_TEMPLATES for sub in context["widget"]["subwidgets"]
        ):
            return "".join(input_html(sub) for sub in context["widget"]["subwidgets"])
        return super().render(template_name, context, request)


def input_html(widget):
    """`<input …>` of a widget's template context (`widget`: type, name, value, attrs) as Django's
    `input.html` writes it: `value` left out when None, an attribute left out when False and
    written bare when True, every text escaped."""
    escape = conditional_escape
    value = "" if widget["value"] is None else f' value="{escape(_as_text(widget["value"]))}"'
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}'
        f"{attrs_html(widget['attrs'])}>"
    )


def attrs_html(attrs):
    """The attributes as Django's `attrs.html` writes them (each with a leading space)."""
    escape = conditional_escape
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(_as_text(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _as_text(value):
    """The template filter `stringformat:"s"`: the value as text, still safe if it was."""
    text = "%s" % value  # noqa: UP031 (what the filter does)
    return mark_safe(text) if isinstance(value, SafeData) else text  # noqa: S308 (it was safe)
