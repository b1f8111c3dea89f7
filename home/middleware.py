import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils.translation import gettext as _

# Wagtail's admin still uses inline scripts and styles; only there is the policy relaxed.
ADMIN_RELAXATIONS = {
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "blob:"],
    # The page editor shows its live preview in a frame from the same origin.
    "frame-ancestors": ["'self'"],
}


# Browser features no Kuulu page uses, switched off for every page and any frame in it
# (W3C Permissions Policy).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), browsing-topics=()"
)


def is_admin_request(request):
    # Wagtail renders a page preview by passing a fake request for the page's public URL
    # through the middleware; it marks it with `is_preview`. The preview is shown in a frame.
    return getattr(request, "is_preview", False) or request.path_info.startswith(
        settings.KUULU_ADMIN_PATH_PREFIXES
    )


class KuuluCSPMiddleware(CSPMiddleware):
    """django-csp with a strict policy on the public site and a relaxed one under /admin/.

    It also lets the admin frame itself (X-Frame-Options: SAMEORIGIN) for the page preview,
    while the public site keeps DENY from XFrameOptionsMiddleware, which runs after this and
    leaves an existing header alone.
    """

    def process_response(self, request, response):
        if is_admin_request(request) and "X-Frame-Options" not in response:
            response["X-Frame-Options"] = "SAMEORIGIN"
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_request(request):
            return PolicyParts(
                config=parts.config,
                update=parts.update,
                replace={**(parts.replace or {}), **ADMIN_RELAXATIONS},
                nonce=parts.nonce,
            )
        return parts


# A NUL byte is never text a person typed, PostgreSQL refuses it in any text value, and
# surrogate code points cannot be encoded for the database or a response.
FORBIDDEN_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


def _forbidden(values):
    return any(isinstance(value, str) and FORBIDDEN_CHARACTERS.search(value) for value in values)


class RejectUndecodableInputMiddleware:
    """Answers 400 (plain text, translated) to a request whose path, query string, form fields or
    cookies hold a NUL byte or a lone surrogate, before any view or database query sees them.

    Invalid UTF-8 in a query string is already decoded by Django with U+FFFD replacement
    (`QueryDict`), so it reaches views as ordinary text. Uploaded files are not inspected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._is_bad(request):
            return HttpResponseBadRequest(
                _("The request contains characters that cannot be processed (such as a NUL byte)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def _is_bad(request):
        if FORBIDDEN_CHARACTERS.search(request.path_info):
            return True
        if _forbidden(request.GET.keys()) or _forbidden(v for _, vs in request.GET.lists() for v in vs):
            return True
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            # An oversized or malformed body raises Django's own 400 (SuspiciousOperation) here.
            post = request.POST
            if _forbidden(post.keys()) or _forbidden(v for _, vs in post.lists() for v in vs):
                return True
        return _forbidden(request.COOKIES.values())


class KuuluLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 under /api/ stays a JSON 404: Django would
    redirect it to /fi/api/…, which the page tree answers with the HTML 404 page."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)
