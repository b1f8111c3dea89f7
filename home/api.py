"""Wagtail API v2, read-only, at /api/v2/. Apps add their own endpoints in AppConfig.ready().

Every endpoint answers in JSON, errors included: `{"message": …}` with 400 for a bad parameter
and 404 for an unknown object or address under /api/ (`not_found`); `offset` is bounded
(`MAX_OFFSET`), `limit` by Wagtail's `WAGTAILAPI_LIMIT_MAX`. The README's *API* section lists
the endpoints and parameters.
"""

from types import SimpleNamespace

from django.http import JsonResponse
from rest_framework.renderers import BrowsableAPIRenderer
from wagtail.api.v2 import filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.renderers import CleanJSONRenderer

# Past this, an offset only costs the database (SQLite and PostgreSQL overflow on 2**63).
MAX_OFFSET = 1_000_000


class BoundedPagination(WagtailPagination):
    """Wagtail's offset/limit paging with `offset` at most MAX_OFFSET (else a 400)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0").strip()
        if offset.isdecimal() and (len(offset) > 12 or int(offset) > MAX_OFFSET):
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class FieldsFilter(filters.FieldsFilter):
    """Wagtail's `?<field>=<value>` filter, leaving alone the parameters a view filters itself
    (`own_filter_parameters`): `?series=<slug>` is the events endpoint's, not the `series`
    foreign key's id."""

    def filter_queryset(self, request, queryset, view):
        own = set(getattr(view, "own_filter_parameters", ())) & set(request.GET)
        if own:
            query = request.GET.copy()
            for name in own:
                query.pop(name)
            request = SimpleNamespace(GET=query)
        return super().filter_queryset(request, queryset, view)


def _with_kuulu_rules(viewset):
    return type(
        viewset.__name__,
        (viewset,),
        {
            "__module__": __name__,
            "pagination_class": BoundedPagination,
            "renderer_classes": [CleanJSONRenderer, BrowsableAPIRenderer],
            "filter_backends": [
                FieldsFilter if backend is filters.FieldsFilter else backend
                for backend in viewset.filter_backends
            ],
        },
    )


KuuluPagesAPIViewSet = _with_kuulu_rules(PagesAPIViewSet)


def not_found(request, *args, **kwargs):
    """JSON 404 for an address under /api/ that no endpoint serves."""
    return JsonResponse({"message": "not found"}, status=404)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", KuuluPagesAPIViewSet)
api_router.register_endpoint("images", _with_kuulu_rules(ImagesAPIViewSet))
api_router.register_endpoint("documents", _with_kuulu_rules(DocumentsAPIViewSet))


def exception_handler(exc, context):
    """REST framework's handler, plus: a value the database field cannot take (Wagtail's field
    filters pass `?start=2026-02-30` or `?start="` to the query as they are) is a 400 with a JSON
    `message`, as Wagtail answers its own bad parameters, not a 500.

    `REST_FRAMEWORK["EXCEPTION_HANDLER"]` names it."""
    from django.core.exceptions import ValidationError
    from rest_framework import status
    from rest_framework.response import Response
    from rest_framework.views import exception_handler as rest_framework_handler

    if isinstance(exc, (ValidationError, ValueError, OverflowError)):
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        return Response({"message": " ".join(messages)}, status=status.HTTP_400_BAD_REQUEST)
    return rest_framework_handler(exc, context)
