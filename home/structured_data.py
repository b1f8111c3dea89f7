"""schema.org JSON-LD in pages (search engines, city portals, aggregators): the one way to put a
document into a page, and the `BreadcrumbList` every page with breadcrumbs carries."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home.site_url import absolute_url
from home.text import clean_deep

SHARE_IMAGE = "img/share.png"  # 1200×630, for pages without an image of their own


def share_image_url():
    """Absolute URL (on the base URL) of the site's share image, the picture of every page,
    event and article without one of its own: Open Graph's `og:image` and JSON-LD's `image`."""
    return absolute_url(static(SHARE_IMAGE))


# The same characters django.utils.html.json_script escapes, so the JSON cannot end the
# <script> element early or be read as HTML.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """`<script type="application/ld+json">` holding `data` (a dict), escaped for HTML and
    without control characters (`home.text`)."""
    text = json.dumps(clean_deep(data), cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - <, > and & are escaped
    )


def breadcrumb_list(crumbs, page, request=None):
    """schema.org BreadcrumbList of the `crumbs` (ancestor pages, home first) and `page`."""
    items = [*crumbs, page]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "name": item.title,
                "item": absolute_url(item.get_url(request)),
            }
            for n, item in enumerate(items, start=1)
        ],
    }
