"""Building blocks for every public form: a honeypot, a rate limit and length limits."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home import ratelimit

HONEYPOT_FIELD = "website_url"


class AbuseProtectedFormMixin:
    """Adds a honeypot field that people never see and bots fill in.

    Use `check_rate_limit(request)` in the view before saving. Subclasses set
    `rate_limit_scope`, `rate_limit` (attempts) and `rate_limit_window` (seconds).
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
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("Your submission looks automated and was not saved. Please try again."),
                code="honeypot",
            )
        return cleaned

    def check_rate_limit(self, request, identity=None):
        """Return True if allowed; otherwise add a form error and return False."""
        identity = identity or ratelimit.client_ip(request)
        if ratelimit.hit(self.rate_limit_scope, identity, self.rate_limit, self.rate_limit_window):
            return True
        self.add_error(
            None,
            _("Too many attempts from your connection. Please wait a while and try again."),
        )
        return False
