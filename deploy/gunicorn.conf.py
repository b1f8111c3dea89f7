"""gunicorn settings for Kuulu's web process (Procfile: `web`). Every value can be overridden by the
environment variable named beside it; see README, *Production*.

Sync workers: Kuulu's views are short, database-bound requests; nginx buffers slow clients, so a
worker is never held by a slow upload or download. Two workers per core plus one is gunicorn's
rule of thumb; on the 2-core reference machine that is 5.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Longer than any view should take (exports, the panel draw page); nginx's proxy_read_timeout is
# a little longer so gunicorn, not nginx, ends a stuck request and logs it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak in a dependency cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the application once in the master so workers share its memory (copy-on-write).
preload_app = True
# REMOTE_ADDR stays the proxy's address: Kuulu reads X-Forwarded-For itself, only from its
# trusted proxies (TRUSTED_PROXIES), and Django's SECURE_PROXY_SSL_HEADER reads X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs on stderr as JSON lines, with nginx's request id (X-Request-ID) as in the application's logs.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "request_id": "%({x-request-id}i)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "duration_us": %(D)s}'
)
