from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("directory/organisations/email.html")
def protected_email(address):
    """An e-mail address as readable text ("name (at) example.fi") that a small script turns
    into a mailto link; the address never appears whole in the HTML."""
    user, _sep, domain = (address or "").partition("@")
    return {
        "user": user,
        "domain": domain,
        "at": _("(at)"),
        "reversed_user": user[::-1],
        "reversed_domain": domain[::-1],
    }
