from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import health, patterns
from home import views as home_views
from home.api import api_router, not_found

handler404 = "home.views.page_not_found"

urlpatterns = [
    # Probes for the platform: outside i18n_patterns, so no language redirect (home/health.py).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("brand.css", home_views.brand_css, name="brand_css"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v2/", api_router.urls),
    re_path(r"^api/", not_found),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything residents read lives under /fi/, /sv/ or /en/; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("patterns/", patterns.pattern_page, name="patterns"),
    path("registrations/", include("registrations.urls")),
    path("feedback/", include("feedback.urls")),
    path("newsletters/", include("newsletters.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
