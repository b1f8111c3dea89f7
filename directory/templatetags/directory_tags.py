"""Template tools shared by the directory's pages.

``{{ person.email|protected_email }}`` shows an address that people (and screen readers) can
read but harvesters looking for ``name@domain`` or ``mailto:`` do not find: the page holds
"name (at) domain" and the address reversed and base64-encoded in a data attribute.
``{% protected_email_script %}`` (once per page, in ``extra_head``) loads the small script that
turns each of them back into an ordinary mailto link for readers with JavaScript.
"""

import base64

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


def _encode(address):
    return base64.b64encode(address[::-1].encode()).decode()


@register.filter
def protected_email(address):
    address = (address or "").strip()
    if "@" not in address:
        return address
    user, domain = address.rsplit("@", 1)
    return format_html(
        '<span class="protected-email" data-protected-email="{}">{}<span class="protected-email__at"> {} </span>{}</span>',
        _encode(address),
        user,
        gettext("(at)"),
        domain,
    )


@register.simple_tag
def protected_email_script():
    return format_html('<script src="{}" defer></script>', static("directory/protected-email.js"))


@register.filter
def language_labels(obj, field_name="languages"):
    """The display names of a ChoiceListField's values, e.g. {{ person|language_labels }}."""
    return obj._meta.get_field(field_name).labels(getattr(obj, field_name))
