from django import template
from django.conf import settings
from django.forms import BaseForm
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.functional import LazyObject, empty
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from home import page_cache, site_url

register = template.Library()


def _request_cache(request, key, compute):
    """Memoise a value on the request so a template can ask for it many times for one query."""
    cache = request.__dict__.setdefault("_kuulu_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def localized_home(request):
    """The home page in the reader's language (kept until content changes,
    `home.page_cache.remember`: every page's header and menu start from it)."""

    def compute():
        site = Site.find_for_request(request)
        if site is None:
            return None
        key = ("localized_home", site.pk, translation.get_language())
        return page_cache.remember(key, lambda: site.root_page.localized.specific, request)

    return _request_cache(request, "home", compute)


@register.simple_tag(takes_context=True)
def site_home(context):
    request = context.get("request")
    return localized_home(request) if request else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages of the reader's language that are marked 'show in menus'."""
    request = context.get("request")
    home = localized_home(request) if request else None
    if home is None:
        return []
    items = page_cache.remember(
        ("main_menu", home.pk),
        lambda: list(
            home.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth", "locale_id")
        ),
        request,
    )
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    return [
        {
            "page": item,
            "current": "page"
            if page is not None and item.id == getattr(page, "id", None)
            else ("true" if current_path.startswith(item.path) else ""),
        }
        for item in items
    ]


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    # depth 1 is Wagtail's root, depth 2 the home page of each language.
    return page_cache.remember(
        ("breadcrumbs", page.id),
        lambda: list(page.get_ancestors().filter(depth__gte=2).live()),
        context.get("request"),
    )


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, crumbs):
    """The breadcrumbs as schema.org BreadcrumbList JSON-LD (home.structured_data)."""
    from home.structured_data import breadcrumb_list, json_ld_script

    return json_ld_script(breadcrumb_list(crumbs, context["page"], context.get("request")))


def language_links(request, page=None, not_found=False, sub_path=True):
    """One entry per language: where the same content lives in that language, if anywhere.

    Each entry is {"code", "name", "current", "translated", "url"}. A page links to its live
    translations (a routable sub-page keeps its sub-path unless `sub_path` is False), a language
    without one to that language's home page (`translated` False). A view that is not a page
    links to its own path in the other language, without the query string after a POST (the
    form's GET page, never a submission again). On a page that was not found (`not_found`)
    nothing exists in any language: every link leads to that language's home page (404.html
    names no hreflang alternate).
    """

    def home_url(code):
        with translation.override(code):
            home = localized_home_for_language(request, code)
        return home.get_url(request) if home else f"/{code}/"

    def compute():
        current = translation.get_language()
        links = []
        translations = {}
        suffix = ""
        if isinstance(page, Page) and page.id and not not_found:
            translations = page_cache.remember(
                ("live_translations", page.id),
                lambda: {
                    p.locale.language_code: p
                    for p in page.get_translations(inclusive=True).live().select_related("locale")
                },
                request,
            )
            page_url = page.get_url(request) or ""
            # Routable sub-pages (e.g. /fi/calendar/2027/) keep their sub-path in the other language.
            if sub_path and page_url and request.path.startswith(page_url):
                suffix = request.path[len(page_url) :]
        query = request.META.get("QUERY_STRING", "") if request.method in ("GET", "HEAD") else ""
        for code, name in settings.LANGUAGES:
            entry = {"code": code, "name": name, "current": code == current, "translated": True}
            if not_found:
                entry["url"] = home_url(code)
            elif isinstance(page, Page) and page.id:
                target = translations.get(code)
                if target is not None:
                    url = (target.get_url(request) or "") + suffix
                    entry["url"] = url + (f"?{query}" if query else "")
                else:
                    entry["translated"] = False
                    entry["url"] = home_url(code)
            else:
                path = request.get_full_path() if query else request.path
                entry["url"] = translate_url(path, code)
            links.append(entry)
        return links

    return _request_cache(request, "language_links", compute)


def localized_home_for_language(request, language_code):
    """The live home page of `language_code` (kept until content changes)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return page_cache.remember(
        ("home_for_language", site.pk, language_code),
        lambda: (
            Page.objects.live()
            .filter(translation_key=site.root_page.translation_key, locale__language_code=language_code)
            .first()
        ),
        request,
    )


@register.simple_tag(takes_context=True)
def language_switcher_links(context):
    """language_links() for the template's page: `language_page` if the view names one (a
    form posted from a page to a view of its own, e.g. the idea box), else `page`."""
    request = context.get("request")
    if request is None:
        return []
    named = context.get("language_page")
    return language_links(
        request, named or context.get("page"), not_found=bool(context.get("not_found")), sub_path=not named
    )


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """ "Error:" (translated) when a form in the template's context was submitted and failed
    validation, else "": the start of the page's <title>, so a screen-reader user hears at once
    that the submission failed (WCAG 2.1 SC 3.3.1; GOV.UK Design System's error-message pattern).
    Every Kuulu form template hands its bound form to the context (`form`, `idea_form`, …)."""
    for value in context.flatten().values():
        # Lazy values stay unevaluated: touching the `csrf_token` of Django's context processor
        # would issue a CSRF cookie on pages without a form, which the page cache then never keeps.
        if isinstance(value, LazyObject) and value._wrapped is empty:
            continue
        if isinstance(value, BaseForm) and value.is_bound and value.errors:
            return pgettext("page title", "Error:")
    return ""


@register.filter
def html_datetime(value):
    """`value` (an aware datetime, a date or None) as the value of a `<time datetime>` attribute.

    HTML's *valid global date and time string* (HTML Living Standard §2.3.5.8) allows at most
    three digits of a second's fraction; Django's `date:"c"` writes microseconds. A datetime is
    written in the current time zone (Europe/Helsinki) with its UTC offset, to the second
    (`2026-03-10T18:00:00+02:00`); a date as `YYYY-MM-DD`; None as "".
    """
    if value is None or value == "":
        return ""
    if hasattr(value, "hour"):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` on the configured base URL (home.site_url), never on the request's Host."""
    return site_url.absolute_url(url)


@register.simple_tag(takes_context=True)
def localized_page(context, page):
    """The given page in the reader's language, or the page itself if not translated (kept until
    content changes, `home.page_cache.remember`: every page's footer names the accessibility
    statement and the privacy notice, two queries each)."""
    if page is None:
        return None
    key = ("localized_page", page.pk, translation.get_language())
    return page_cache.remember(key, lambda: page.localized.specific, context.get("request"))


@register.filter
def active_locale_code(_value=None):
    return Locale.get_active().language_code


PAGE_PANELS_HOOK = "kuulu_page_panels"


@register.simple_tag(takes_context=True)
def page_panels(context, page):
    """The HTML that `kuulu_page_panels` hooks (`(request, page) -> HTML or ""`) add to `page`
    (the subscribe box on the home page, the calendar and topics), in hook order."""
    request = context.get("request")
    if request is None:
        return ""
    parts = (render(request, page) for render in hooks.get_hooks(PAGE_PANELS_HOOK))
    return mark_safe("".join(part for part in parts if part))  # noqa: S308 (templates render each part)


OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}  # Open Graph wants language_TERRITORY
DESCRIPTION_LENGTH = 300


def page_description(page):
    """A page's description for search engines and share previews: its search description, else
    its summary, introduction or intro (tags stripped, at most DESCRIPTION_LENGTH characters)."""
    from django.utils.html import strip_tags
    from django.utils.text import Truncator

    for name in ("search_description", "summary", "introduction", "intro", "short_description"):
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            text = " ".join(strip_tags(value).split())
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, page=None):
    """`<meta name="description">`, Open Graph (ogp.me) and Twitter card tags for `page`: title,
    description (`page_description`, else the site's name), absolute URL on the base URL, and
    the page's image as a 1200×630 rendition, else the site's share image."""
    from home.structured_data import share_image_url

    if not isinstance(page, Page):
        page = None
    home = context.get("home") or site_home(context)
    site_name = getattr(home, "site_name", "") or ""
    title = (getattr(page, "seo_title", "") or getattr(page, "title", "")) if page else ""
    description = page_description(page) if page else ""
    url = site_url.absolute_url(page.get_url(context.get("request"))) if page and page.pk else ""
    image = getattr(page, "image", None) if page else None
    if image is not None:
        image_url = site_url.absolute_url(image.get_rendition("fill-1200x630").url)
    else:
        image_url = share_image_url()
    return {
        "title": title or site_name,
        "description": description or title or site_name,
        "url": url or (site_url.absolute_url(context["request"].path) if context.get("request") else ""),
        "image_url": image_url,
        "site_name": site_name,
        "locale": OG_LOCALES.get(translation.get_language() or "", ""),
        "type": "article"
        if page is not None and page.specific_class.__name__ == "ArticlePage"
        else "website",
    }


LOGO_HEIGHT = 48  # CSS pixels in the header; renditions are twice that for sharp screens
SYMBOL_HEIGHT = 40


def _rendition(image, height):
    if image is None:
        return None
    rendition = image.get_rendition(f"height-{2 * height}")
    width = round(rendition.width * height / rendition.height) if rendition.height else height
    return {"url": rendition.url, "width": width, "height": height}


@register.simple_tag(takes_context=True)
def brand(context):
    """The city's branding from *Site settings*, read once per request: `logo` and `symbol`
    (each `{"url", "width", "height"}` in CSS pixels, or None for Kuulu's own), `css_version`
    (what `brand.css`'s address carries so a new colour is a new file) and `settings`."""
    from home.models import SiteSettings

    request = context.get("request")

    def compute():
        settings_ = SiteSettings.for_request(request) if request else SiteSettings()
        return {
            "settings": settings_,
            "logo": _rendition(settings_.logo, LOGO_HEIGHT),
            "symbol": _rendition(settings_.participation_symbol, SYMBOL_HEIGHT),
            "css_version": (settings_.brand_colour or "default").lstrip("#"),
        }

    if request is None:
        return compute()
    return _request_cache(request, "brand", compute)
