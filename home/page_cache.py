"""The public page cache: anonymous GETs of live public pages (and their routable sub-pages such
as the calendar's year view and its iCal/RSS/Atom feeds) are answered from Django's cache,
without running the view, until something a page may show changes.

How it works (`PageCacheMiddleware`, `KUULU_PAGE_CACHE_SECONDS`, production default 60 s):

- **What is stored**: the response of a request that Wagtail served as a live page without view
  restrictions (`mark_public_page`, Wagtail's `before_serve_page` hook, so previews and the admin
  never are), made with `GET` by a visitor who sends no cookie but the CSRF and language ones
  (staff are logged in, so they always get a fresh page; a quick poll's "answered" marker shows
  its results), answered 200, setting no cookie and not marked
  `private`/`no-store`/`no-cache` by its view. The key is the host and the full path with its
  query string: each language (`/fi/…`, `/sv/…`, `/en/…`) and each filter combination of a
  listing or feed is an entry of its own.
- **Forms**: the forms embedded in public pages (sign-up, newsletter, polls, ideas) carry no
  token; their views check the browser's Fetch Metadata instead (`home.csrf.public_form`), so
  such a page is the same for everyone. A public page that still holds Django's token (a form
  page of its own, such as a panel application) is stored with a placeholder where each
  `csrfmiddlewaretoken` was, and every hit fills in a fresh masked token for *this* visitor
  (`django.middleware.csrf.get_token`, which also makes `CsrfViewMiddleware` set the visitor's
  own cookie). A response that used the token elsewhere is not stored. Forms post to their own
  views (never cached), which re-render with the error summary and what was typed.
- **Purge**: saving or deleting a page, a snippet (any translatable model, every language), a
  site setting, an image, a document, a view restriction or a site, publishing and unpublishing,
  and whatever an app registers with `purge_on_change` empties the whole page cache, in every
  language, and what `remember` keeps, at once and again when the transaction commits. Rows that
  only rendered pages show, registered with `purge_pages_on_change` (a sign-up changes the seats
  left), empty the stored pages but not what `remember` keeps (the request's `Site`, menus, choice
  lists): a burst of sign-ups would otherwise make every request look them up again. Any
  page may list any other (the home page's sections, the calendar and its feeds, the directory,
  news), so working out exactly which pages show an object would cost more than rendering again
  the few pages read in the next minute. Entries also expire after `KUULU_PAGE_CACHE_SECONDS`,
  which bounds what changes with the clock alone (an event passing, a sign-up opening); a view
  may keep a document longer with `keep_for` (the iCal feed: an hour).
- **nginx in front** (`deploy/nginx.conf`) sends `X-Kuulu-Proxy-Cache: 1` for visitors without
  cookies (but `csrftoken`): a page without a form token comes with `X-Accel-Expires:
  KUULU_PROXY_CACHE_SECONDS` (2 s: nginx is not purged, so a publish shows through it within
  that), and nginx keeps it and sends it as it is (with `sendfile`, as fast as a static file). A
  page with a token never gets that header, so nginx never keeps one visitor's token for
  another. That lets nginx answer a burst on one page without Python.
- **Headers**: `X-Cache: HIT` or `MISS`; `Cache-Control: public, max-age=60,
  stale-while-revalidate=60` on pages without a form token (a CDN or browser may keep them a
  minute), `private, no-cache` on pages with one (a shared cache must never hand one visitor's
  token to another) and on public pages answered to a logged-in or session-holding visitor.
  A page with figures every sign-up changes (`shows_live_figures`: the seats left) gets only
  `public, max-age=KUULU_PROXY_CACHE_SECONDS`, as long as nginx keeps it, and is never served
  stale. A stored `ETag` (feeds) is answered with 304 Not Modified when the client has it (RFC 9110
  §13).
"""

import copy
import hashlib
import re
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

GENERATION_KEY = "kuulu:page-cache:generation"
# Changed by rows that only rendered pages show (sign-ups: the seats left), not what `remember` keeps.
PAGES_GENERATION_KEY = "kuulu:page-cache:pages-generation"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
# Where the stored copy had a form token (each hit gets the visitor's own): ASCII and never
# something an editor would type.
CSRF_PLACEHOLDER = b"__kuulu_csrf_token__"
ESCAPED_PLACEHOLDER = b"__kuulu_csrf_token&#95;_"
PROXY_HEADER = "X-Kuulu-Proxy-Cache"
SHARED_CACHE_CONTROL = {"public": True, "max_age": 60, "stale_while_revalidate": 60}
PRIVATE_CACHE_CONTROL = {"private": True, "no_cache": True}

_extra_models = set()


def enabled():
    return settings.KUULU_PAGE_CACHE_SECONDS > 0


def _cache():
    return caches[settings.KUULU_PAGE_CACHE_ALIAS]


def _generations(*keys):
    """The current generation of each of `keys` ({key: hex}), one cache round trip when all are
    set; a missing one is started (`add`, so concurrent processes agree on one)."""
    cache = _cache()
    generations = cache.get_many(keys)
    for key in keys:
        if generations.get(key) is None:
            cache.add(key, uuid.uuid4().hex, None)
            generations[key] = cache.get(key)
    return generations


def _generation(request=None):
    """The content generation; with `request`, read once for that request, together with the
    pages generation (`_request_generations`)."""
    if request is not None:
        return _request_generations(request)[GENERATION_KEY]
    return _generations(GENERATION_KEY)[GENERATION_KEY]


def _request_generations(request):
    """Both generations as `request` sees them, from one cache round trip for the whole request
    (`SiteMiddleware`'s `remember` and the page cache share it)."""
    generations = getattr(request, "_kuulu_generations", None)
    if generations is None:
        generations = request._kuulu_generations = _generations(GENERATION_KEY, PAGES_GENERATION_KEY)
    return generations


def purge():
    """Empty the page cache in every language: a new generation makes every stored entry
    unreachable (they expire on their own), and what `remember` keeps is computed again. Cheap:
    one cache write. Done whether or not the page cache is on, because `remember` is."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def purge_pages():
    """Empty the stored pages in every language but keep what `remember` keeps: for rows that only
    rendered pages show (the seats left of an event), not the sites, menus and choice lists that
    `remember` holds. One cache write."""
    _cache().set(PAGES_GENERATION_KEY, uuid.uuid4().hex, None)


def purge_now_and_on_commit(purge_function=purge):
    """Purge now, and again when the current transaction commits: a request rendered between the
    two still saw the old rows and may have stored them. One purge at commit serves every change
    of the transaction (an import or a publish saves many rows; a sign-up saves its row and the
    seat row). `purge_function` is `purge` (content) or `purge_pages` (rows only pages show)."""
    purge_function()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func is purge_function for _ids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(purge_function)


#: `remember` computes its values again after this long even without a purge, so a change that
#: sends no signal (a bulk insert that forgot to purge, SQL by hand) shows within this bound, as
#: in the page cache (`KUULU_PAGE_CACHE_SECONDS`, 60 by default).
REMEMBER_SECONDS = 60
#: At most this many values are kept (a crawler reading every page's breadcrumbs within a minute
#: would otherwise keep one entry a page); past it, they are computed again from scratch.
REMEMBER_MAX_ENTRIES = 1000
_remembered = {"generation": None, "values": {}, "since": 0.0}
_clock = time.monotonic  # seconds; the tests hold it still (tests/conftest.py)


def remember(key, compute, request=None):
    """`compute()`, computed once per process and page-cache generation and then kept in memory:
    for what many pages show and that changes only when content is saved or deleted (which starts
    a new generation, see `purge`), such as the newsletter box's choice lists or the `Site` of a
    host. Works whether or not the page cache is on. `key` (hashable) names everything else the
    value depends on (the language, the host). The value is shared by every request the process
    serves: return lists and model instances that nobody changes, never a queryset. With
    `request`, the generation is read from the shared cache once for that request. Values are
    computed again after `REMEMBER_SECONDS` in any case, and at most `REMEMBER_MAX_ENTRIES` are
    kept."""
    generation = _generation(request)
    now = _clock()
    if _remembered["generation"] != generation or now - _remembered["since"] > REMEMBER_SECONDS:
        _remembered.update(generation=generation, values={}, since=now)
    values = _remembered["values"]
    if key not in values:
        if len(values) >= REMEMBER_MAX_ENTRIES:
            values.clear()
        values[key] = compute()
    return values[key]


def restricted_paths(request=None):
    """The tree paths (treebeard's `Page.path`) of the pages that have a view restriction
    (password, login, groups), a tuple of str: each of them and every page below it is private.
    Kept by `remember` (saving or deleting a `PageViewRestriction` or a page starts a new
    generation), so with `request` it costs no query after the first."""
    from wagtail.models import PageViewRestriction

    return remember(
        "restricted-paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
        request,
    )


def is_public(page, request=None):
    """Whether `page` is outside every private section: Wagtail's `PageQuerySet.public()` (which
    excludes the restricted pages and their descendants, `descendant_of_q(inclusive=True)`) for one
    page, without the query that lists the restrictions on every call."""
    return not page.path.startswith(restricted_paths(request))


def _private_prefixes():
    """The tree paths under which Wagtail may find a view restriction for a page (a tuple of str):
    each restricted page (`restricted_paths`, so the restrictions are read once a generation for
    both), and each alias of one, since `Page.get_view_restrictions` checks the page
    and its ancestors with an alias standing for its source (an alias of an alias too). A page
    whose path starts with none of them has no restriction."""
    from wagtail.models import Page

    found = set(restricted_paths())
    sources = set(found)
    while sources:
        aliases = set(Page.objects.filter(alias_of__path__in=sources).values_list("path", flat=True))
        sources = aliases - found
        found |= aliases
    return tuple(sorted(found))


_wagtail_view_restrictions = None


def view_restrictions(page):
    """Wagtail's `Page.get_view_restrictions()` (a queryset of `PageViewRestriction`), without its
    two queries (the ancestors, then the restrictions) for a page outside every private section,
    which is nearly every page a resident asks for: Wagtail's `check_view_restrictions` hook asks
    this on every page served. The private sections are kept by `remember` (saving or deleting a
    restriction or a page starts a new generation); inside one, Wagtail's own lookup answers."""
    from wagtail.models import PageViewRestriction

    if page.path and not page.path.startswith(remember("private-prefixes", _private_prefixes)):
        return PageViewRestriction.objects.none()
    return _wagtail_view_restrictions(page)


_wagtail_private_q = None


def private_q(queryset):
    """Wagtail's `PageQuerySet.private_q()` (a `Q` matching every page in a private section, the
    restricted pages included; `.public()` excludes it) from the kept `restricted_paths` instead of
    a query listing the restrictions each time a listing asks for public pages."""
    from django.db.models import Q

    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


class RememberedSiteSetting:
    """A mixin for a Wagtail site setting (`BaseSiteSetting`) that every page reads: `for_request`
    takes the row from `remember` (once per process, site and content generation; saving a
    setting starts a new generation) instead of Wagtail's `get_or_create` query on every request.
    Each request gets its own copy (Wagtail keeps the request and page URLs on the instance), so
    nothing a request does to it reaches another. `for_site`, which the settings editor uses,
    still reads the database."""

    @classmethod
    def for_request(cls, request):
        from wagtail.models import Site

        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        kept = remember(("site-setting", cls._meta.label, site.pk), lambda: cls.for_site(site), request)
        instance = copy.copy(kept)
        instance._page_url_cache = {}
        instance._request = request
        setattr(request, attribute, instance)
        return instance


class SiteMiddleware:
    """Finds the request's Wagtail `Site` once per host and page-cache generation (`remember`)
    instead of once per request: Wagtail looks it up with a query on every request
    (`Site.find_for_request`, which reads `request._wagtail_site` first). Saving a site or a
    page starts a new generation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from wagtail.models import Site

        from home.health import PROBE_PATHS

        if request.path_info not in PROBE_PATHS:
            key = ("site", request._get_raw_host(), request.get_port())
            request._wagtail_site = remember(key, lambda: Site._find_for_request(request), request)
        return self.get_response(request)


def _key(request, generation, pages_generation):
    address = f"{request.get_host()}{request.get_full_path()}".encode("utf-8", "surrogateescape")
    return f"kuulu:page:{generation}:{pages_generation}:{hashlib.sha256(address).hexdigest()}"


def keep_for(response, seconds):
    """Let the page cache keep `response` `seconds` instead of `KUULU_PAGE_CACHE_SECONDS`, for a
    document that changes only when something in it is published (which purges it anyway), not
    with the clock: e.g. an iCal feed, whose window moves by days. Returns `response`."""
    response.kuulu_page_cache_seconds = seconds
    return response


def shows_live_figures(request):
    """Say that the page being rendered for `request` shows figures every sign-up changes (the
    seats left): shared caches outside Kuulu (a CDN, a browser), which nobody purges, may keep it
    only `KUULU_PROXY_CACHE_SECONDS` (as nginx does) and never serve it stale. Kuulu's own cache
    is purged on every sign-up anyway."""
    request._kuulu_live_figures = True


def mark_public_page(page, request, serve_args, serve_kwargs):
    """Wagtail's `before_serve_page` hook: `request` is serving the live page `page`; it may be
    stored if the page has no view restriction (password, login, groups)."""
    if enabled() and not page.get_view_restrictions().exists():
        request._kuulu_public_page = True


def _anonymous_visitor(request):
    """A visitor whose page is the same as anyone else's: no cookie but the CSRF and language
    ones. A session (logged in, stored messages, a page password) or any cookie a page reads
    (the "already answered" marker of a quick poll shows its results instead of the form) means
    a page of their own."""
    return (
        set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
        and not getattr(request, "is_preview", False)
        and not request.path_info.startswith(settings.KUULU_ADMIN_PATH_PREFIXES)
    )


def _proxy_keeps(request, tokens):
    """nginx (deploy/nginx.conf) asks whether it may keep the page for
    `KUULU_PROXY_CACHE_SECONDS`: yes for a page the same for everyone, never for one with a form
    token. Anyone else who sends the header gets only the `X-Accel-Expires` header."""
    return not tokens and request.headers.get(PROXY_HEADER) == "1" and settings.KUULU_PROXY_CACHE_SECONDS > 0


def _for_proxy(response):
    response["X-Accel-Expires"] = str(settings.KUULU_PROXY_CACHE_SECONDS)
    return response


def _from_cache(request, stored):
    response = HttpResponse(status=200)
    for name, value in stored["headers"]:
        response[name] = value
    content = stored["content"]
    if stored["csrf"]:
        parts = content.split(CSRF_PLACEHOLDER)
        content = parts[0] + b"".join(get_token(request).encode() + part for part in parts[1:])
    response.content = content
    response["X-Cache"] = "HIT"
    if _proxy_keeps(request, stored["csrf"]):
        _for_proxy(response)
    if response.has_header("ETag"):
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        response = get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
    return response


def _storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and not getattr(getattr(request, "session", None), "modified", False)
    )


class PageCacheMiddleware:
    """Serves stored copies of public pages to anonymous visitors (see the module docstring).

    Sits after the session, authentication, CSRF and message middleware and before the ones that
    only add headers (frame options, CSP, permissions policy): a stored copy carries the headers
    they added, the outer ones (security, locale, CSRF cookie) run on every hit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or request.method not in ("GET", "HEAD") or not _anonymous_visitor(request):
            response = self.get_response(request)
            if getattr(request, "_kuulu_public_page", False):
                patch_cache_control(response, **PRIVATE_CACHE_CONTROL)
            return response
        generations = _request_generations(request)
        key = _key(request, generations[GENERATION_KEY], generations[PAGES_GENERATION_KEY])
        stored = _cache().get(key)
        if stored is not None:
            return _from_cache(request, stored)
        response = self.get_response(request)
        if not getattr(request, "_kuulu_public_page", False):
            return response
        if not _storable(request, response):
            patch_cache_control(response, **PRIVATE_CACHE_CONTROL)
            return response
        content = response.content
        if "text/html" in response.get("Content-Type", ""):
            # The placeholder typed or sent in a query (reflected in an error message) would
            # get the visitor's token: the same text, written so that nothing matches it.
            content = content.replace(CSRF_PLACEHOLDER, ESCAPED_PLACEHOLDER)
        content, tokens = CSRF_INPUT.subn(rb"\g<1>" + CSRF_PLACEHOLDER + rb"\g<2>", content)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not tokens:
            # The token went somewhere other than a form field: never hand it to someone else.
            patch_cache_control(response, **PRIVATE_CACHE_CONTROL)
            return response
        patch_cache_control(response, **_cache_control(request, tokens))
        headers = [(name, value) for name, value in response.items() if name.lower() != "x-cache"]
        stored = {"content": content, "headers": headers, "csrf": tokens}
        seconds = getattr(response, "kuulu_page_cache_seconds", settings.KUULU_PAGE_CACHE_SECONDS)
        _cache().set(key, stored, seconds)
        response["X-Cache"] = "MISS"
        if _proxy_keeps(request, tokens):
            _for_proxy(response)
        return response


def _cache_control(request, tokens):
    if tokens:
        return PRIVATE_CACHE_CONTROL
    if getattr(request, "_kuulu_live_figures", False):
        return {"public": True, "max_age": settings.KUULU_PROXY_CACHE_SECONDS}
    return SHARED_CACHE_CONTROL


# --- Purge on change -------------------------------------------------------------------------


def purge_on_change(*models):
    """Purge the page cache and what `remember` keeps whenever a row of one of `models` is saved
    or deleted (content: pages, snippets, settings, sites)."""
    _connect(models, _on_change, "kuulu_page_cache")


def purge_pages_on_change(*models):
    """Purge the stored pages (`purge_pages`, once now and once at commit) whenever a row of one
    of `models` is saved or deleted: for rows that rendered pages show but nothing `remember`
    keeps, e.g. sign-ups and the seat row (the seats left on event pages and listings)."""
    _connect(models, _on_pages_change, "kuulu_page_cache_pages")


def purge_nothing_on_change(*models):
    """Declare `models` rows that no page and nothing `remember` keeps ever shows, such as the
    ideas residents send (read by staff only): saving one purges nothing, although snippets purge
    on save by default (`_on_snippet_save`). Otherwise every idea posted emptied the whole cache
    and made every instance look up its sites and menus again, as sign-ups once did."""
    _extra_models.update(models)


def _connect(models, receiver, uid_prefix):
    for model in models:
        _extra_models.add(model)
        label = model._meta.label
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid_prefix}_save_{label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid_prefix}_delete_{label}")


def _on_pages_change(sender, **kwargs):
    if not kwargs.get("raw"):
        purge_now_and_on_commit(purge_pages)


def _on_change(sender, **kwargs):
    if kwargs.get("raw") or (
        kwargs.get("created") and _is_settings_created_with_defaults(kwargs["instance"])
    ):
        return
    purge_now_and_on_commit()


def _is_settings_created_with_defaults(instance):
    """A site or generic settings row that Wagtail has just created with its defaults
    (`for_request`/`for_site` do that while rendering the first page that reads them): no page
    ever showed anything else, so there is nothing to purge. Purging there made the first page view
    after a fresh install, and the first request of many tests, empty the cache it had just filled."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    if not isinstance(instance, (BaseGenericSetting, BaseSiteSetting)):
        return False
    fresh = type(instance)()
    return all(
        getattr(instance, field.attname) == getattr(fresh, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key and field.name != "site"
    )


def _content_models():
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page, PageViewRestriction, Site, TranslatableMixin

    kinds = (
        Page,
        TranslatableMixin,
        BaseGenericSetting,
        BaseSiteSetting,
        AbstractImage,
        AbstractDocument,
        PageViewRestriction,
        Site,
    )
    return [model for model in apps.get_models() if issubclass(model, kinds)]


def _on_snippet_save(sender, **kwargs):
    # Snippets are registered after the apps are ready (wagtail_hooks.py), so the few that are
    # not translatable are recognised when saved. (Only saves: a receiver for every model's
    # delete would turn off Django's fast deletes everywhere.)
    from wagtail.snippets.models import SNIPPET_MODELS

    if sender in SNIPPET_MODELS and sender not in _extra_models:
        _on_change(sender, **kwargs)


def connect():
    """Connect the purge to every content model and to Wagtail's publish signals (called from
        `HomeConfig.ready`, so the web, worker and scheduler processes all purge), and let pages find
        their view restrictions (`view_restrictions`) and listings their private sections (`private_q`)
    from what `remember` keeps."""
    from wagtail.signals import page_published, page_unpublished, published, unpublished

    global _wagtail_view_restrictions, _wagtail_private_q  # noqa: PLW0603 - set once, when the apps are ready
    from wagtail.models import Page
    from wagtail.query import PageQuerySet

    if _wagtail_view_restrictions is None:
        _wagtail_view_restrictions = Page.get_view_restrictions
        Page.get_view_restrictions = view_restrictions
        _wagtail_private_q = PageQuerySet.private_q
        PageQuerySet.private_q = private_q
    purge_on_change(*_content_models())
    post_save.connect(_on_snippet_save, dispatch_uid="kuulu_page_cache_snippets")
    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(_on_change, dispatch_uid=f"kuulu_page_cache_{id(signal)}")
