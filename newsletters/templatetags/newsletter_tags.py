"""Template helpers for newsletters, on the web page and in e-mails."""

import re

from django import template
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from wagtail.models import Page
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
def public_pages(pages, language=""):
    """The picked `pages` (a newsletter's chooser blocks) that are live and public, each as its
    live public translation in `language` (the active language when empty), else as itself; a
    page unpublished or put behind a view restriction since it was picked is left out, so neither
    the archive nor an e-mail names it."""
    language = language or translation.get_language()
    picked = [page.specific for page in pages if page is not None]
    localized = [(page, in_language(page, language).specific) for page in picked]
    ids = {page.pk for pair in localized for page in pair}
    public = set(Page.objects.filter(pk__in=ids).live().public().values_list("pk", flat=True))
    shown = []
    for original, translated in localized:
        if translated.pk in public:
            shown.append(translated)
        elif original.pk in public:
            shown.append(original)
    return shown
