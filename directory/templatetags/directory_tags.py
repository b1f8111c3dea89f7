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


@register.simple_tag(takes_context=True)
def organisation_json_ld(context, page):
    """The organisation page's schema.org Organization (directory.structured_data)."""
    from directory.structured_data import organisation_data
    from home.structured_data import json_ld_script

    return json_ld_script(organisation_data(page, context.get("request")))


@register.simple_tag(takes_context=True)
def article_json_ld(context, page):
    """The article's schema.org NewsArticle (directory.structured_data); the publisher is the
    site's organisation from *Site settings*."""
    from directory.structured_data import article_data
    from home.models import SiteSettings
    from home.structured_data import json_ld_script

    request = context.get("request")
    publisher = SiteSettings.for_request(request).organisation_name if request else ""
    return json_ld_script(article_data(page, request, publisher))
