"""One source of absolute URLs: the configured base URL, `WAGTAILADMIN_BASE_URL`
(`https://osallistu.example.fi`; `make run` sets `http://$(HOST):$(PORT)`).

Wagtail builds every absolute page URL (`page.full_url`, feeds, JSON-LD, the sitemap, the API,
exports, e-mails, printed posters) from the Site's host and port; the Site Wagtail's first
migration creates says `localhost:80`. `sync_default_site` makes the default Site's root URL the
base URL after every `migrate`, and the `kuulu.E001` deploy check (`manage.py check --deploy`)
refuses a missing, non-HTTPS or local base URL in production.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver"}  # noqa: S104 - names, not binds


def base_url_parts():
    """(scheme, hostname, port) of WAGTAILADMIN_BASE_URL, port defaulted from the scheme; None
    if the setting is not an absolute http(s) URL."""
    parts = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site():
    """Give the default Wagtail Site the base URL's host and port; returns True if it changed."""
    from wagtail.models import Site

    parts = base_url_parts()
    if parts is None:
        return False
    _scheme, hostname, port = parts
    changed = False
    for site in Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port):
        site.hostname, site.port = hostname, port
        site.save()  # save(), not update(): Wagtail then forgets its cached site root paths
        changed = True
    return changed


def post_migrate_handler(sender, **kwargs):
    if sender.label == "wagtailcore":
        sync_default_site()


@checks.register(checks.Tags.security, deploy=True)
def check_base_url(app_configs, **kwargs):
    """kuulu.E001: production needs the public address as an absolute https URL."""
    parts = base_url_parts()
    if parts is None or parts[0] != "https" or parts[1] in LOCAL_HOSTS:
        return [
            checks.Error(
                f"WAGTAILADMIN_BASE_URL is {getattr(settings, 'WAGTAILADMIN_BASE_URL', '')!r}: every absolute "
                "link (feeds, e-mails, printed posters) is built from it.",
                hint="Set WAGTAILADMIN_BASE_URL to the site's public address, e.g. https://osallistu.example.fi.",
                id="kuulu.E001",
            )
        ]
    return []


def absolute_url(url):
    """`url` (a path such as `/fi/tapahtumat/rss/?area=keskusta`, or already absolute) on the
    base URL: the same host in every link, whatever Host header a request came with."""
    if not url or urlsplit(url).scheme:
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/" + url.lstrip("/")
