from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.models import Locale, Page, Site

register = template.Library()


def _request_cache(request, key, compute):
    """Memoise a value on the request so a template can ask for it many times for one query."""
    cache = request.__dict__.setdefault("_kuulu_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def localized_home(request):
    def compute():
        site = Site.find_for_request(request)
        if site is None:
            return None
        return site.root_page.localized.specific

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
    items = _request_cache(
        request,
        "menu",
        lambda: list(
            home.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth", "locale_id")
        ),
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
    return list(page.get_ancestors().filter(depth__gte=2).live())


def language_links(request, page=None):
    """One entry per language: where the same content lives in that language, if anywhere."""

    def compute():
        current = translation.get_language()
        links = []
        translations = {}
        suffix = ""
        if isinstance(page, Page) and page.id:
            for p in page.get_translations(inclusive=True).live().select_related("locale"):
                translations[p.locale.language_code] = p
            page_url = page.get_url(request) or ""
            # Routable sub-pages (e.g. /fi/calendar/2027/) keep their sub-path in the other language.
            if page_url and request.path.startswith(page_url):
                suffix = request.path[len(page_url) :]
        query = request.META.get("QUERY_STRING", "")
        for code, name in settings.LANGUAGES:
            entry = {"code": code, "name": name, "current": code == current, "translated": True}
            if isinstance(page, Page) and page.id:
                target = translations.get(code)
                if target is not None:
                    url = (target.get_url(request) or "") + suffix
                    entry["url"] = url + (f"?{query}" if query else "")
                else:
                    entry["translated"] = False
                    with translation.override(code):
                        home = localized_home_for_language(request, code)
                    entry["url"] = home.get_url(request) if home else f"/{code}/"
            else:
                entry["url"] = translate_url(request.get_full_path(), code)
            links.append(entry)
        return links

    return _request_cache(request, "language_links", compute)


def localized_home_for_language(request, language_code):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return (
        Page.objects.live()
        .filter(translation_key=site.root_page.translation_key, locale__language_code=language_code)
        .first()
    )


@register.simple_tag(takes_context=True)
def language_switcher_links(context):
    request = context.get("request")
    if request is None:
        return []
    return language_links(request, context.get("page"))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag(takes_context=True)
def localized_page(context, page):
    """The given page in the reader's language, or the page itself if not translated."""
    if page is None:
        return None
    return page.localized.specific


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
