"""Conditional GET (RFC 9110 §13) for generated documents such as feeds: calendar apps and feed
readers poll them every few minutes, and a 304 answer costs them and the city nothing."""

from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe


def conditional_response(request, response):
    """`response` with a strong ETag from its body (unless it has one), or a 304 Not Modified
    when the request's `If-None-Match` (or, without it, `If-Modified-Since` against the
    response's `Last-Modified`) says the client already has it.

    Only for complete, non-streaming 200 responses whose body depends on nothing but the data
    (no CSRF token, no time of the request); anything else is returned unchanged."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    if not response.has_header("ETag"):
        set_response_etag(response)
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )
