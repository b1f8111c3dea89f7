"""Template helpers for newsletters, on the web page and in e-mails."""

import re

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from wagtail.rich_text import expand_db_html

from home.i18n import in_language

register = template.Library()


@register.filter
def plain_text(source):
    """Rich text (Wagtail's database HTML) as plain text for the text part of an e-mail."""
    text = re.sub(r"</(p|h[1-6]|li)>", "\n", expand_db_html(source or ""))
    return normalize_newlines(strip_tags(text)).strip()


@register.simple_tag
def absolute_richtext(value, root_url=""):
    """Rich text with Wagtail's links expanded and root-relative addresses made absolute with
    `root_url` (an e-mail has no base address)."""
    html = expand_db_html(value.source)
    if root_url:
        html = re.sub(r'(href|src)="/', rf'\1="{root_url}/', html)
    return mark_safe(html)  # noqa: S308 (the editor's rich text, as Wagtail's |richtext)


@register.simple_tag
def localized_for(page, language=""):
    """`page` in `language` (its live translation, else itself); the active language when empty."""
    page = page.specific if hasattr(page, "specific") else page
    return in_language(page, language).specific if language else page.localized.specific
