"""Settings of the app servers ``test_cache_servers.py`` starts: the test settings, with the shared Redis cache."""

import os

from config.test_settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}}
