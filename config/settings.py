"""Hallyu Atlas settings: one module, read from the environment.

Development defaults need no environment at all (SQLite file, DEBUG on);
production sets SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and DATABASE_URL, and gets
HTTPS-only cookies, HSTS, an HTTPS redirect, compressed and hashed static
files (whitenoise) and a content-security policy. The README lists the
variables.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "content",
    "quiz",
    "ops",
]

MIDDLEWARE = [
    # Outermost, so every response carries X-Frame-Options: DENY, including the 400 that Security- or
    # CommonMiddleware return for a Host header not in ALLOWED_HOSTS (a response made inside a middleware
    # only passes back through the middleware listed before it).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's, with the site-wide header built once (config/csp_policy.py).
    "config.csp_policy.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every view needs a login unless marked @login_not_required (home, login, sign-up).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "quiz.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent use: WAL lets readers run beside a writer; IMMEDIATE takes the
    # write lock when a transaction starts, so two writers queue on the busy
    # timeout instead of failing with "database is locked" on lock upgrade.
    # The connection persists like PostgreSQL's (CONN_MAX_AGE): a gunicorn sync worker serves one request at a
    # time on one thread, and opening a connection per request (connect, three pragmas, and on close a WAL
    # checkpoint when it was the last one open) cost more than the bare ceiling's whole request.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: per process (local memory) by default; with several app servers, REDIS_URL
# (redis://host:6379/0) selects Redis so that every node reads and invalidates the same entries.
# Sessions (the database engine, read with one SQL statement: config/request_auth.py) and login
# lockouts (axes' database handler) live in the database, which the nodes share already.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "hallyu"),
            # Fail fast when Redis is down: a request (and /healthz) waits at most this long, not the OS default.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_ENGINE = "config.request_auth"

AUTHENTICATION_BACKENDS = [
    # Refuses logins while a username+IP pair is locked out, before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading a session's user with one SQL statement (config/request_auth.py).
    "config.request_auth.ModelBackend",
]
# Lock a username from one IP address after 5 failures, for 15 minutes. Username and IP together:
# a class of 30 behind one school IP keeps logging in while one student mistypes their password,
# and one attacker cannot lock a student out from elsewhere.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a reverse proxy, the client's address is the last one it appends to X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
# The app is written in English only and translates nothing. Off, Django skips the per-request
# translation lookups (a sixth of a question page's rendering); dates and numbers are still
# formatted for LANGUAGE_CODE, exactly as with it on.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production serves collected files with hashed names (cached for a year) and gzip/brotli copies
    # (whitenoise's storage, each URL worked out once: config/static_files.py).
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "config.static_files.StaticFilesStorage"
    },
}

# HTTPS: on by default in production; a loopback load test over plain HTTP turns it off (HTTPS=0).
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# The load balancer asks each node over plain HTTP on its private address; a redirect is no answer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 60 * 60 * 24 * 365)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# No inline script anywhere: htmx and our JavaScript are files, htmx runs with eval off (base.html's
# htmx-config). Style attributes are allowed (the mastery bars and heatmap cells carry their value
# as a CSS variable); style elements are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Email (password reset): printed to the console unless SMTP is configured in the environment.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hallyu Atlas <noreply@localhost>")

# A refused form (missing or stale CSRF token) gets a page in the site's layout, not Django's bare one.
CSRF_FAILURE_VIEW = "quiz.views.errors.csrf_failure"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "quiz:dashboard"
LOGOUT_REDIRECT_URL = "content:home"

# FSRS: spread due dates of cards learned together (off in tests, for exact dates).
FSRS_ENABLE_FUZZING = env_bool("FSRS_ENABLE_FUZZING", True)

# Where the seed files and (optionally) the source papers live.
SEEDS_DIR = Path(os.environ.get("SEEDS_DIR", BASE_DIR / "seeds"))
PAPERS_DIR = Path(os.environ.get("PAPERS_DIR", BASE_DIR.parent / "shared" / "seeds"))
