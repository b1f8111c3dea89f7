"""CSRF protection for the forms residents fill in on public pages, without a per-visitor token.

Django's token (`{% csrf_token %}`) makes a page different for every visitor: a page that carries
one cannot be kept by nginx or a CDN as it is, and a burst of residents sent to one event page by a
newsletter would be rendered, or at least rewritten, for each of them. The forms embedded in public
pages — sign-up, the newsletter box and subscribe page, quick polls, the idea box — are therefore
protected by what the browser itself says about where a request comes from (W3C *Fetch Metadata
Request Headers*; OWASP's CSRF Prevention Cheat Sheet lists it as a complete alternative to tokens
for browsers that send it), through the `django-modern-csrf` library, which implements the
algorithm of Go 1.25's `http.CrossOriginProtection`:

- `Sec-Fetch-Site: same-origin` or `none` (typed or bookmarked): accepted;
- `Sec-Fetch-Site: same-site` or `cross-site`: accepted only if `Origin` is this site or one of
  `CSRF_TRUSTED_ORIGINS`, otherwise refused with Django's CSRF failure page (403);
- no `Sec-Fetch-Site` but an `Origin` (older browsers): accepted only if it is this site;
- neither header: not a browser (a browser since 2020 sends `Origin` on every cross-site POST), so
  not a forgery of a resident's browser: accepted. Rate limits still apply.

These forms hold no session and grant no authority, so the token added nothing the headers do not.
Everything behind a login (the admin, staff views) and the personal pages reached by a secret link
(managing a sign-up, newsletter preferences) keep Django's token check: their pages are never
shared anyway.
"""

from django.views.decorators.csrf import csrf_exempt
from modern_csrf.decorators import csrf_protect as fetch_metadata_protect


def public_form(view):
    """Decorate the view that receives a form embedded in public pages: Django's token check is
    replaced by the Fetch Metadata check (module docstring). The form's template then has no
    `{% csrf_token %}`. A refused request gets `CSRF_FAILURE_VIEW`'s 403 and changes nothing."""
    return csrf_exempt(fetch_metadata_protect(view))
