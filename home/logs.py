"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to.

`RequestIdMiddleware` gives every request an id: the proxy's ``X-Request-ID`` (nginx sends its
``$request_id``, see deploy/nginx.conf) when it is a plausible token (1–64 letters, digits, ``-``,
``_``), else a new random hex id. The id is answered in the ``X-Request-ID`` response header, so
a resident's error report, the proxy's access log and the application's log lines can be matched.

`RequestIdFilter` adds ``request_id`` to every log record (``"-"`` outside a request) and
`JsonFormatter` writes ``{"time", "level", "logger", "message", "request_id", …}``, with
``exc_info`` as an ``"exception"`` string; production settings use both (site_config.settings.production).
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

_request_id = contextvars.ContextVar("kuulu_request_id", default="-")
_VALID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def current_request_id():
    """The id of the request being served in this thread or task, or ``"-"``."""
    return _request_id.get()


class RequestIdMiddleware:
    """Sets the request id (see the module docstring) for the logs and the ``X-Request-ID`` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id``; never drops a record."""

    def filter(self, record):
        record.request_id = _request_id.get()
        return True


# Attributes every LogRecord has; anything else was passed in `extra=` and is logged as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, request_id, extras."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", _request_id.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | None) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
