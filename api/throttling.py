"""Per-key rate limits: a fixed one-minute window counted in the cache (Redis in production, so
every app server shares the count)."""

import time

from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

from .models import ApiKey

WINDOW_SECONDS = 60


class ApiKeyRateThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        key = request.auth
        if not isinstance(key, ApiKey):
            return True  # the public schema and docs; content endpoints refuse keyless requests first
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        self.retry_after = (window + 1) * WINDOW_SECONDS - now
        cache_key = f"api:rate:{key.pk}:{window}"
        cache.add(cache_key, 0, timeout=WINDOW_SECONDS * 2)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=WINDOW_SECONDS * 2)
            count = 1
        return count <= key.rate_limit

    def wait(self) -> float:
        return self.retry_after
