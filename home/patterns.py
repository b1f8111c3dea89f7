"""The pattern page: every component of Kuulu's design system in every state, on one page for
staff (`/<lang>/patterns/`, behind Wagtail's *Access the admin* permission), rendered with the
public stylesheets and the same includes the site uses, the way the Helsinki Design System and
wagtail.org's pattern library show theirs. Its examples are built here, not stored."""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from wagtail.images import get_image_model

from home import forms as kuulu_forms
from home.sections import Card

PERMISSION = "wagtailadmin.access_admin"

# The colour tokens of static/css/kuulu.css (:root), shown as swatches.
COLOUR_TOKENS = [
    "c-text", "c-muted", "c-bg", "c-surface", "c-border", "c-brand", "c-brand-dark", "c-on-brand", "c-link",
    "c-accent", "c-error", "c-error-bg", "c-success", "c-success-bg", "c-warning", "c-warning-bg", "c-info",
    "c-info-bg", "c-focus",
]  # fmt: skip
SPACE_TOKENS = ["space-3xs", "space-2xs", "space-xs", "space-s", "space", "space-m", "space-l", "space-xl"]
TYPE_TOKENS = ["font-size-s", "font-size-base", "font-size-m", "font-size-l", "font-size-xl"]
CARD_KINDS = ["event", "topic", "panel", "news", "organisation", "page"]


class ExampleForm(forms.Form):
    """One field of each kind the public forms use."""

    name = kuulu_forms.name_field(gettext_lazy("Name"))
    email = kuulu_forms.email_field(
        gettext_lazy("E-mail"), help_text=gettext_lazy("We never show it to anyone.")
    )
    area = forms.ChoiceField(
        label=gettext_lazy("Area"),
        choices=[("", "—"), ("keskusta", "Keskusta"), ("pohjoinen", "Pohjoinen")],
        required=False,
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("How will you take part?"),
        choices=[("place", gettext_lazy("On site")), ("online", gettext_lazy("Online"))],
        widget=forms.RadioSelect,
    )
    message = kuulu_forms.optional_text_field(gettext_lazy("Message"))
    consent = forms.BooleanField(label=gettext_lazy("I agree"))


def _prefixed(prefix, data=None):
    return ExampleForm(data, prefix=prefix, auto_id=f"{prefix}-%s")


def example_cards(image):
    """Card states: with an image, then each kind's drawn fallback, with badges and the symbol."""
    meta = [_("Example"), "Järvelä"]
    cards = []
    if image is not None:
        cards.append(
            Card(title=_("A card with an image"), url="#cards", summary=_("Example"), meta=meta, image=image,
                 image_alt=image.default_alt_text, kind="event", participation=True)
        )  # fmt: skip
    for kind in CARD_KINDS:
        cards.append(
            Card(title=_("A card without an image: %(kind)s") % {"kind": kind}, url="#cards", summary=_("Example"), meta=meta,
                 kind=kind, badge=_("Cancelled") if kind == "event" else "", participation=kind == "topic")
        )  # fmt: skip
    return cards


@require_GET
def pattern_page(request):
    """The pattern page (HTML). Anonymous visitors go to the admin login; signed-in users
    without *Access the admin* get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    invalid = _prefixed("invalid", {"invalid-name": "", "invalid-email": "ei-osoite", "invalid-mode": ""})
    invalid.is_valid()
    image = get_image_model().objects.order_by("pk").first()
    paginator = Paginator(range(1, 201), 10)
    context = {
        "colour_tokens": COLOUR_TOKENS,
        "space_tokens": SPACE_TOKENS,
        "type_tokens": TYPE_TOKENS,
        "cards": example_cards(image),
        "blank_form": _prefixed("blank"),
        "invalid_form": invalid,
        "pages": [paginator.page(1), paginator.page(10), paginator.page(20)],
        "no_filters": [],
        "two_filters": [_("Area"), _("Theme")],
        "filter_form": _prefixed("filters"),
    }
    response = TemplateResponse(request, "home/patterns.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
