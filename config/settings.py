"""Settings for the medical Q&A site, read from environment variables.

Development: ``DJANGO_DEBUG=1`` (what ``make run`` sets) allows the built-in
secret key and an SQLite database in the project. Production: DEBUG off, a real
``DJANGO_SECRET_KEY``, ``DATABASE_URL`` for PostgreSQL and ``REDIS_URL`` for the
shared cache.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "config.apps.EditorialAdminConfig",  # django.contrib.admin with filters that refuse impossible values
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "reversion",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "personalization",
    "references",
    "articles",
    "reviews",
    "api",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "demo",
    "config.apps.ProjectConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "articles.page_cache.PageCacheMiddleware",  # a cached public page is answered here, before the rest
    "config.middleware.RefuseControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "personalization.middleware.AudienceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PrivatePagesMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a locked-out sign-in into its answer
]

ROOT_URLCONF = os.environ.get("DJANGO_ROOT_URLCONF", "config.urls")
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "personalization.context_processors.audiences",
                "config.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(REPLICA_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.db_routers.PublicReadReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = ["config.accounts.SignInThrottleBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reviews:dashboard"
LOGOUT_REDIRECT_URL = "articles:home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded figures live in default storage (a folder on disk unless the operator configures another
# storage backend); they are served only through /figures/ (articles.views.figures), never from MEDIA_URL.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
FIGURE_MAX_UPLOAD_BYTES = env_int("FIGURE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
FIGURE_MAX_SOURCE_PIXELS = env_int("FIGURE_MAX_SOURCE_PIXELS", 40_000_000)  # guards against decompression bombs
FIGURE_MAX_SOURCE_SIDE = env_int("FIGURE_MAX_SOURCE_SIDE", 10_000)
FIGURE_MAX_WIDTH = 2000  # the stored original is scaled down to this width
FIGURE_RENDITION_WIDTHS = (480, 960, 1600)  # smaller copies for srcset; never upscaled

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "editorial@localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SITE_NAME = os.environ.get("SITE_NAME", "Clinical Answers")

# Security: strict unless DEBUG; each can be relaxed by environment for a proxy set-up.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads the token; forms carry it
# django-csp: a strict policy on the public site; the admin is exempt (its widgets set inline styles).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# The shared page cache of the public pages (articles/page_cache.py, README "Caching"). Pages stay in
# Django's cache (Redis with REDIS_URL) until a change they show invalidates them, at most
# PAGE_CACHE_SECONDS; browsers keep them PAGE_CACHE_MAX_AGE seconds, a CDN PAGE_CACHE_S_MAXAGE (it is
# told what to purge by the Surrogate-Key header), serving a stale copy while it revalidates or while
# the site is down for the two STALE_ windows.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
PAGE_CACHE_S_MAXAGE = env_int("PAGE_CACHE_S_MAXAGE", 600)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 60)
PAGE_CACHE_STALE_IF_ERROR = env_int("PAGE_CACHE_STALE_IF_ERROR", 86400)
# Part of every page's cache key: set it to the release (a commit id) so that pages rendered by the
# previous release's templates are not served after a deploy.
PAGE_CACHE_VERSION = os.environ.get("PAGE_CACHE_VERSION", "")
# Pages only their signed-in viewer may see: never kept by a browser, proxy or CDN cache.
PRIVATE_PATH_PREFIXES = ("/admin/", "/review/", "/preview/", "/accounts/")

# The client's address (config/client_ip.py): how many reverse proxies stand in front of the
# app servers, or their addresses. DJANGO_BEHIND_PROXY alone means one (the load balancer).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"DJANGO_TRUSTED_PROXIES holds {_proxy!r}, which is neither an address nor a network such as 10.0.0.0/8."
        ) from exc
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT cannot be negative.")

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT failures for one username, or from one
# address, that username or address cannot sign in for LOGIN_LOCKOUT_MINUTES (every sign-in form).
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the wait we announce stays true
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False  # no start-up banner; every failure and lockout is still logged (logger "axes")
AXES_SENSITIVE_PARAMETERS = []  # the security log names the username and address of each failure
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "config.accounts.client_username"
AXES_LOCKOUT_CALLABLE = "config.accounts.lockout_response"

# The follow-up question limit (django-ratelimit): the same client address; the cache key is keyed
# with SECRET_KEY, so the cache holds no address, not even one that could be guessed back from a hash.
RATELIMIT_IP_META_KEY = "config.client_ip.client_ip"
RATELIMIT_HASH_ALGORITHM = "config.client_ip.keyed_digest"
# django-ratelimit knows only third-party Redis clients (W001), and without REDIS_URL the local
# memory cache counts per app-server process, as documented in README (E003).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + ([] if REDIS_URL else ["django_ratelimit.E003"])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Failed sign-ins and lockouts (logger "axes") and refused requests ("django.security") included.
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Background jobs (Django's Tasks API through the django-tasks backport; see README "Background jobs").
# The database backend is the embedded default: tasks are rows in this database and
# `manage.py db_worker` runs them. DJANGO_TASKS_BACKEND=rq moves the queue to Redis (REDIS_URL)
# once `pip install -r requirements-rq.txt` has installed django-tasks-rq; run `manage.py rqworker`.
TASKS_BACKEND = os.environ.get("DJANGO_TASKS_BACKEND", "database").strip().lower()
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("DJANGO_TASKS_BACKEND=rq needs REDIS_URL, the Redis server that holds the queue.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(f"DJANGO_TASKS_BACKEND must be “database” or “rq”, not {TASKS_BACKEND!r}.")
# A notification mail that fails (mail server down) is tried at most this many times in all,
# waiting MAIL_RETRY_DELAY_SECONDS, then twice as long after each further failure (8 tries: about two hours).
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8)
MAIL_RETRY_DELAY_SECONDS = env_int("MAIL_RETRY_DELAY_SECONDS", 60)

# Editorial workflow (see DESIGN.md "The workflow").
REVIEW_APPROVALS_REQUIRED = env_int("REVIEW_APPROVALS_REQUIRED", 1)
REVIEW_INTERVAL_DAYS = env_int("REVIEW_INTERVAL_DAYS", 365)
REVIEW_TURNAROUND_DAYS = env_int("REVIEW_TURNAROUND_DAYS", 14)  # an assignment's due date, unless its topic sets one
# Reviewer reminders (reviews/services/schedule.py): this long before the due date, again on the
# day, then the chief editors once an assignment is this long overdue; and automatic re-reviews.
REVIEW_REMINDER_BEFORE_HOURS = env_int("REVIEW_REMINDER_BEFORE_HOURS", 48)
REVIEW_ESCALATE_AFTER_HOURS = env_int("REVIEW_ESCALATE_AFTER_HOURS", 0)
REVIEW_OPEN_REREVIEWS = env_bool("REVIEW_OPEN_REREVIEWS", True)
PUBLISH_PENDING_REVIEW = env_bool("PUBLISH_PENDING_REVIEW", True)

# Search (README "Search"): at most this many matches are ranked and paged ("more than 200 answers"),
# and "did you mean" offers vocabulary words at least this similar to a misspelt one (pg_trgm, 0 to 1).
SEARCH_RESULTS_CAP = env_int("SEARCH_RESULTS_CAP", 200)
SEARCH_SPELLING_SIMILARITY = float(os.environ.get("SEARCH_SPELLING_SIMILARITY", "0.3"))

# Citation health (references/checks; README "Citation health"). Crossref and NCBI ask for a contact
# address in every request (their "polite" pools); the checks send it in the User-Agent and as mailto/email.
CITATION_CHECK_CONTACT_EMAIL = os.environ.get("CITATION_CHECK_CONTACT_EMAIL", "")
CITATION_CHECK_SITE_URL = os.environ.get("CITATION_CHECK_SITE_URL", "")
CITATION_CHECK_CROSSREF_URL = os.environ.get("CITATION_CHECK_CROSSREF_URL", "https://api.crossref.org")
CITATION_CHECK_EUTILS_URL = os.environ.get("CITATION_CHECK_EUTILS_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils")
CITATION_CHECK_NCBI_API_KEY = os.environ.get("CITATION_CHECK_NCBI_API_KEY", "")
CITATION_CHECK_CROSSREF_PER_SECOND = float(os.environ.get("CITATION_CHECK_CROSSREF_PER_SECOND", "5"))
CITATION_CHECK_PUBMED_PER_SECOND = float(os.environ.get("CITATION_CHECK_PUBMED_PER_SECOND", "3"))  # 10 with a key
CITATION_CHECK_TIMEOUT_SECONDS = float(os.environ.get("CITATION_CHECK_TIMEOUT_SECONDS", "20"))
CITATION_CHECK_RETRIES = env_int("CITATION_CHECK_RETRIES", 3)  # after the first attempt, on 429, 5xx and timeouts
CITATION_CHECK_BACKOFF_SECONDS = float(os.environ.get("CITATION_CHECK_BACKOFF_SECONDS", "2"))  # doubles each retry
CITATION_CHECK_MAX_WAIT_SECONDS = float(os.environ.get("CITATION_CHECK_MAX_WAIT_SECONDS", "120"))  # longer: next run
CITATION_CHECK_INTERVAL_DAYS = env_int("CITATION_CHECK_INTERVAL_DAYS", 30)  # the job re-checks a reference this often
CITATION_CHECK_BATCH_SIZE = env_int("CITATION_CHECK_BATCH_SIZE", 200)  # references per run of a job
LINK_CHECK_TIMEOUT_SECONDS = float(os.environ.get("LINK_CHECK_TIMEOUT_SECONDS", "15"))
LINK_CHECK_PER_HOST_PER_SECOND = float(os.environ.get("LINK_CHECK_PER_HOST_PER_SECOND", "1"))
LINK_CHECK_FAILURES_BEFORE_BROKEN = env_int("LINK_CHECK_FAILURES_BEFORE_BROKEN", 3)  # timeouts/5xx in a row
LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = env_bool("LINK_CHECK_ALLOW_PRIVATE_ADDRESSES", False)
RETRACTION_WATCH_MAX_UPLOAD_BYTES = env_int("RETRACTION_WATCH_MAX_UPLOAD_BYTES", 500 * 1024 * 1024)
PREVIEW_LINK_MAX_DAYS = env_int("PREVIEW_LINK_MAX_DAYS", 30)
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo")

# Readers' side.
AUDIENCE_COOKIE_NAME = "audience"
AUDIENCE_COOKIE_AGE = 60 * 60 * 24 * 365
FOLLOW_UP_RATE_LIMIT = env_int("FOLLOW_UP_RATE_LIMIT", 5)  # questions per IP per hour

# The content API for partners (/api/v1/, README "API for partners"): keys only, read-only, JSON.
API_DEFAULT_REQUESTS_PER_MINUTE = env_int("API_DEFAULT_REQUESTS_PER_MINUTE", 60)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasApiKey"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiKeyRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Clinical Answers content API",
    "DESCRIPTION": (
        "Read-only access for licensed partners to the publisher's **approved** answers: exactly what "
        "the public pages show, from the same published snapshots. Drafts, answers still pending "
        "review and retired answers are never served.\n\n"
        "Every content endpoint needs the key the publisher issued you, in `X-Api-Key: <key>` or "
        "`Authorization: Api-Key <key>`; without a valid key the answer is 401. Each key has a rate "
        "limit per minute (429 with `Retry-After` when exceeded). Answers carry `ETag` and "
        "`Last-Modified`; send `If-None-Match` or `If-Modified-Since` to get 304 when nothing changed. "
        'Errors are JSON: `{"detail": ..., "code": ...}`.\n\n'
        "Webhooks (registered by the publisher for your key) announce `article.published`, "
        "`article.updated`, `article.retired`, `article.restored` and `article.rereview`, signed with "
        "`X-Clinical-Answers-Signature: sha256=<HMAC-SHA256 of the body with your webhook secret>`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Webhooks: each attempt times out after WEBHOOK_TIMEOUT_SECONDS; a failed one is tried again after
# WEBHOOK_RETRY_DELAY_SECONDS, then twice as long each time, up to WEBHOOK_MAX_ATTEMPTS in all.
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 6)
WEBHOOK_RETRY_DELAY_SECONDS = env_int("WEBHOOK_RETRY_DELAY_SECONDS", 60)
# Host names or addresses exempt from the webhook guard (private, local and own addresses are
# refused otherwise): only for a receiver you run on your own network.
WEBHOOK_ALLOW_PRIVATE_HOSTS = env_list("WEBHOOK_ALLOW_PRIVATE_HOSTS")
