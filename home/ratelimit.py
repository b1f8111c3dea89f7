"""A fixed-window rate limit kept in Django's cache.

In production the cache must be shared by every worker (Redis or the database cache, see
site_config.settings.production); with a per-process cache the limit would multiply.
"""

import hashlib

from django.core.cache import cache


def client_ip(request):
    # Behind a proxy, configure it to set REMOTE_ADDR (e.g. with a trusted X-Forwarded-For
    # middleware at the proxy). We do not trust X-Forwarded-For from the client.
    return request.META.get("REMOTE_ADDR", "")


def hit(scope, identity, limit, window_seconds):
    """Count one attempt; return True while the identity is within `limit` per window."""
    digest = hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()
    key = f"ratelimit:{scope}:{digest}"
    if cache.add(key, 1, window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        return True
    return count <= limit
