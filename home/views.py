from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, Site

from home.models import SiteSettings
from home.site_url import absolute_url

SEARCH_RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def page_not_found(request, exception=None):
    """The 404 page (`handler404`), in the language of the address (LocaleMiddleware): its front
    page link and language links lead to each language's home page, and it names no hreflang
    alternate, since the missing page exists in no language."""
    return render(request, "404.html", {"not_found": True}, status=404)


def csrf_failure(request, reason=""):
    """`CSRF_FAILURE_VIEW` (403): a form sent from another site (the Fetch Metadata check of
    `home.csrf.public_form`) or without a valid Django token (an expired cookie, a stale admin
    tab). Nothing was saved; the page says so in the language of the address and leads back to
    the front page. `reason` (Django's, in English) goes to the log only."""
    return render(request, "403_csrf.html", {"not_found": True}, status=403)


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    page_obj = None
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(query, operator="and")
        )
        page_obj = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "home/search.html",
        {"search_query": query, "page_obj": page_obj},
    )


@require_GET
def sitemap(request):
    """Every live, public page in every language, each with hreflang links to its translations."""
    site = Site.find_for_request(request)
    pages = Page.objects.none()
    if site:
        # The site root and its translations (the home page of each language) and all below them.
        roots = Q()
        for root in site.root_page.get_translations(inclusive=True):
            roots |= Q(path__startswith=root.path)
        pages = Page.objects.live().public().filter(roots)
    pages = pages.select_related("locale").only(
        "id", "url_path", "path", "depth", "translation_key", "last_published_at", "locale__language_code"
    )
    groups = defaultdict(list)
    entries = []
    for page in pages:
        url = page.get_full_url(request)
        if not url:
            continue
        entry = {"loc": url, "lastmod": page.last_published_at, "lang": page.locale.language_code}
        groups[page.translation_key].append(entry)
        entries.append((page.translation_key, entry))
    urls = [{**entry, "alternates": groups[key]} for key, entry in entries]
    response = TemplateResponse(
        request, "home/sitemap.xml", {"urls": urls}, content_type="application/xml; charset=utf-8"
    )
    patch_cache_control(response, max_age=3600)
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def brand_css(request):
    """The site's brand colours (*Site settings*) as CSS custom properties, `text/css`.

    Linked from every page after `kuulu.css` with the colour in its address (`?v=`), so a
    changed colour is a new address and the file can be cached for a year; a stylesheet rather
    than an inline style because the public Content-Security-Policy allows no inline style.
    """

    palette = SiteSettings.for_request(request).palette
    body = ":root {\n" + "".join(f"  {name}: {value};\n" for name, value in palette.items()) + "}\n"
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=365 * 24 * 3600)
    return response
