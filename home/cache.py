"""Django's Redis cache backend with one redis-py client per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache operation; with
redis-py 5 and later that constructor fills a table of ~700 response callbacks, about 55 µs of CPU,
more than the operation itself (≈ 30 µs on loopback). A sign-up touches the cache four times (the
page-cache generations, the rate limit, the purge now and at commit), an e-mail task twice. The
client holds no connection of its own (the pool does, and redis-py's pool starts afresh in a
forked process), so one client per pool serves every operation. Production uses it when
`REDIS_URL` is set (site_config.settings.production)."""

from django.core.cache.backends import redis as django_redis


class _KeptClient(django_redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        """The `redis.Redis` client of the pool Django would use for `key` (the first server for
        writes), built once per pool."""
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_kept_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, same `LOCATION` and `OPTIONS`, whose
    operations reuse one client per connection pool (module docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClient
