"""A fixed-window rate limit kept in Django's cache, and the client address it counts by.

In production the cache must be shared by every worker (Redis or the database cache, see
site_config.settings.production); with a per-process cache the limit would multiply.

**Client address.** `client_ip(request)` is `REMOTE_ADDR`, unless that address is one of the
trusted proxies of the setting `KUULU_TRUSTED_PROXIES` (addresses or networks, e.g.
``["10.0.0.0/8", "127.0.0.1"]``; environment variable `TRUSTED_PROXIES`, comma-separated). Then
the `X-Forwarded-For` header (RFC 7239 §7.4 describes its de-facto form: ``client, proxy1,
proxy2``, each proxy appending the address it received from) is read from the right, skipping
trusted proxies, and the first address that is not one of them is the client. A header sent by
anyone else is ignored, so a visitor cannot choose the address they are counted by. django-axes
uses the same function (`AXES_CLIENT_IP_CALLABLE`).
"""

import hashlib
import ipaddress
import time
from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

_clock = time.time  # seconds since the epoch; the tests keep windows from ending mid-test


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _parse(address):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _trusted(address, networks):
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in networks)


def client_ip(request):
    """The address a request came from, as a string ("" when unknown); see the module docstring."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(getattr(settings, "KUULU_TRUSTED_PROXIES", ()) or ()))
    if not networks or not _trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if _parse(address) is None:
            break  # a garbled entry: trust nothing to its left
        if not _trusted(address, networks):
            return address
    return remote


def window_end(window_seconds, now=None):
    """When the current fixed window of `window_seconds` ends (an aware UTC datetime)."""
    now = _clock() if now is None else now
    return datetime.fromtimestamp((int(now // window_seconds) + 1) * window_seconds, tz=UTC)


def hit(scope, identity, limit, window_seconds):
    """Count one attempt; return True while the identity is within `limit` per window.

    Windows are aligned to multiples of `window_seconds` since the epoch, so `window_end()` says
    when a refused identity may try again. The cache key holds only a hash of the identity."""
    window = int(_clock() // window_seconds)
    digest = hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()
    key = f"ratelimit:{scope}:{digest}:{window}"
    if cache.add(key, 1, window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        return True
    return count <= limit
