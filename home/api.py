"""Wagtail API v2, read-only, at /api/v2/. Apps add their own endpoints in AppConfig.ready()."""

from wagtail.api.v2 import views as wagtail_views
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.documents.api.v2 import views as document_views
from wagtail.images.api.v2 import views as image_views

# The largest offset a database takes (PostgreSQL's and SQLite's OFFSET is a 64-bit integer);
# nobody pages this far, so the limit is a round number well below.
MAX_OFFSET = 10**9


class KuuluPagination(WagtailPagination):
    """Wagtail's `offset`/`limit` paging; an offset over `MAX_OFFSET` is a 400 with a JSON
    `message` (Wagtail passed `offset=10**30` to the database: a 500)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view=view)


class PagesAPIViewSet(wagtail_views.PagesAPIViewSet):
    """Wagtail's pages endpoint with `KuuluPagination`; Kuulu's own endpoints subclass it."""

    pagination_class = KuuluPagination


class ImagesAPIViewSet(image_views.ImagesAPIViewSet):
    pagination_class = KuuluPagination


class DocumentsAPIViewSet(document_views.DocumentsAPIViewSet):
    pagination_class = KuuluPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)


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
