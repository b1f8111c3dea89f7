"""The subscribe form and the preferences form.

Choices are offered in the reader's language and stored as language-independent slugs (the same
values as the calendar's filters), so `?area=keskusta&theme=koulut` pre-fills the form in any
language. A value that is not a choice is an error in the form's error summary.
"""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from home import page_cache
from home.forms import AbuseProtectedFormMixin, consent_field, email_field
from home.i18n import active_locale
from newsletters import audience
from newsletters.models import ContentKind, NewsletterArchivePage
from participation_pages.filters import format_rows
from taxonomy.filters import area_rows, theme_rows

CHOICE_FIELDS = ("areas", "themes", "formats", "kinds", "lists")
#: The forms a subscription can come from (recorded as the consent's source).
SOURCES = ("home", "calendar", "topic", "directory", "subscribe")


def area_choices(locale):
    """(slug, name) of the locale's areas: each major area, then its districts under it. The
    rows are the area filter's (`taxonomy.filters.area_rows`), kept per content generation."""
    areas = area_rows.for_locale(locale)
    choices = []
    for major in (a for a in areas if a.parent_id is None):
        choices.append((major.slug, major.name))
        choices += [(a.slug, f"{major.name}: {a.name}") for a in areas if a.parent_id == major.pk]
    return choices


def list_choices(locale):
    archives = NewsletterArchivePage.objects.live().public().filter(locale=locale).order_by("title")
    return [(page.list_slug, page.title) for page in archives]


def choice_lists():
    """{"areas", "themes", "formats", "lists": [(slug, name)]} in the active language, read from
    the database once per page-cache generation (`home.page_cache.remember`): the subscribe box
    is on the home page, the calendar and every topic, and saving an area, theme, format or
    newsletter page starts a new generation."""
    language = translation.get_language()

    def compute():
        locale = active_locale()
        return {
            "areas": area_choices(locale),
            # The calendar's filter rows: a calendar page (which has both) reads them once.
            "themes": [(t.slug, t.name) for t in theme_rows.for_locale(locale)],
            "formats": [(f.slug, f.name) for f in format_rows.for_locale(locale)],
            "lists": list_choices(locale),
        }

    return page_cache.remember(("newsletters.choice_lists", language), compute)


class ChoicesMixin:
    """The multiple-choice fields shared by both forms; `compact` makes them hidden inputs (the
    subscribe box on the home, calendar and topic pages carries the page's choices that way)."""

    def add_choice_fields(self, compact=False):
        lists = choice_lists()
        specs = {
            "areas": (_("Areas"), lists["areas"]),
            "themes": (_("Themes"), lists["themes"]),
            "formats": (_("Event formats"), lists["formats"]),
            "kinds": (_("What to tell you about"), list(ContentKind.choices)),
            "lists": (_("Newsletters"), lists["lists"]),
        }
        help_texts = {
            "areas": _("None chosen: every area. A district also brings what concerns its whole major area."),
            "themes": _("None chosen: every theme."),
            "formats": _("None chosen: every format."),
            "kinds": _("None chosen: everything."),
        }
        for name, (label, choices) in specs.items():
            widget = forms.MultipleHiddenInput if compact else forms.CheckboxSelectMultiple
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=choices,
                required=False,
                widget=widget,
                help_text=help_texts.get(name, ""),
            )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the e-mails"),
            choices=[
                (code, translation.get_language_info(code)["name_local"])
                for code, _name in settings.LANGUAGES
            ],
            initial=translation.get_language(),
            widget=forms.HiddenInput if compact else forms.RadioSelect,
        )

    def chosen_labels(self):
        """[(label, [choice names])] of the choices already made, for the compact box."""
        found = []
        for name in CHOICE_FIELDS:
            field = self.fields[name]
            values = self[name].value() or []
            names = [label for value, label in field.choices if value in values]
            if names:
                found.append((field.label, names))
        return found


class SubscribeForm(ChoicesMixin, AbuseProtectedFormMixin, forms.Form):
    rate_limit_scope = "newsletter-subscribe"
    rate_limit = 10

    def __init__(self, *args, compact=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"] = email_field(
            _("Your e-mail address"), help_text=_("We send a link to confirm it; nothing else before that.")
        )
        self.add_choice_fields(compact)
        self.fields["consent"] = consent_field(
            _(
                "I agree that my address and choices are stored to send me these e-mails, as the privacy notice describes."
            ),
            _("Tick the box to agree to the storing of your address, or we cannot send you e-mails."),
        )
        self.fields["source"] = forms.ChoiceField(
            choices=[(s, s) for s in SOURCES], initial="subscribe", widget=forms.HiddenInput
        )
        self.order_fields(["email", *CHOICE_FIELDS, "language", "consent"])


class PreferencesForm(ChoicesMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_choice_fields()


class AudienceForm(forms.Form):
    """Staff choose who a composed newsletter goes to (`newsletters.audience`): the archive's
    named list, or the subscribers of chosen areas and themes. An empty `audience` means the
    list, so a bare POST sends to the list as before."""

    def __init__(self, *args, archive, **kwargs):
        super().__init__(*args, **kwargs)
        locale = active_locale()
        self.fields["audience"] = forms.ChoiceField(
            label=_("Send to"),
            choices=[
                (audience.LIST, _("The list “%(list)s”") % {"list": archive.title}),
                (audience.AREAS_THEMES, _("Subscribers of the chosen areas and themes")),
            ],
            initial=audience.LIST,
            required=False,
            widget=forms.RadioSelect,
        )
        self.fields["areas"] = forms.MultipleChoiceField(
            label=_("Areas"),
            choices=area_choices(locale),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "A major area also reaches the subscribers of its districts; a district also those of its major area."
            ),
        )
        self.fields["themes"] = forms.MultipleChoiceField(
            label=_("Themes"),
            choices=[(t.slug, t.name) for t in theme_rows.for_locale(locale)],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def clean(self):
        data = super().clean()
        data["audience"] = data.get("audience") or audience.LIST
        if data["audience"] == audience.AREAS_THEMES and not (data.get("areas") or data.get("themes")):
            self.add_error("areas", _("Choose at least one area or theme."))
        return data

    def audience_kwargs(self, archive):
        """The keyword arguments of `audience.recipients` for the valid form."""
        data = self.cleaned_data
        if data["audience"] == audience.LIST:
            return {"list_slug": archive.list_slug}
        return {"areas": data["areas"], "themes": data["themes"]}
