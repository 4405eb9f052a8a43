"""Django settings: everything that varies comes from the environment (see web/env.py)."""

from __future__ import annotations

import datetime
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF

from zhenggai.web.env import envbool, envint, envlist, envstr, s3_storage, secret_key

# Lets ModelForm[Source] and the like be written at run time, as the type checker reads them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent

#: The SQLite database, the evidence files and the generated secret key live here.
DATA_DIR = Path(envstr("ZHENGGAI_DATA_DIR", "./data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = envbool("DEBUG", False)
#: The names this site answers to: localhost only, unless ALLOWED_HOSTS names the public ones
#: (`zhenggai run --host 0.0.0.0` refuses to start without it).
LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", LOCAL_HOSTS)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "zhenggai.web",
    "zhenggai.orgs",
    "zhenggai.jobs",
    "zhenggai.ledger",
    "zhenggai.notify",
    "zhenggai.meetings",
    "zhenggai.records",
    "zhenggai.reviews",
]

MIDDLEWARE = [
    # First: a body larger than the page takes is refused from its Content-Length, before it is read.
    "zhenggai.web.limits.RefuseOversizeBodies",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zhenggai.web.firstrun.FirstRunMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: turns a login that Axes flagged as locked out into the Chinese lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhenggai.web.urls"
WSGI_APPLICATION = "zhenggai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhenggai.web.context.navigation",
                "zhenggai.web.userguide.context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'zhenggai.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a team at once: readers never wait for the writer (WAL); a write
    # transaction takes the lock when it begins, so a read never has to become a write half-way
    # (which SQLite refuses at once with "database is locked"); and a writer waits its turn.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("ZHENGGAI_SQLITE_TIMEOUT", 20, minimum=1),
        "init_command": "PRAGMA journal_mode=WAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "display_name", "email")},
    },
    {"NAME": "zhenggai.web.security.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: Axes counts failed logins in the database (so every app server sees them) and refuses a
#: username at an address after AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_TIME.
AUTHENTICATION_BACKENDS = [
    "zhenggai.web.security.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("ZHENGGAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("ZHENGGAI_LOGIN_LOCKOUT_MINUTES", 15))
# A username at one address: an office behind one NAT address is not locked out by one person's
# typos, and nobody can lock a colleague out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # failures only: no record of every successful login
AXES_LOCKOUT_CALLABLE = "zhenggai.web.security.lockout"
AXES_CLIENT_IP_CALLABLE = "zhenggai.web.security.client_ip"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "ledger:index"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Only for operators who want collectstatic behind another web server; unset, files come from the apps.
STATIC_ROOT = envstr("ZHENGGAI_STATIC_ROOT", "") or None
# Static files come straight from the apps: no collectstatic step, no CDN.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

#: Evidence files (佐证材料): where they are kept, how big, which kinds.
EVIDENCE_DIR = Path(envstr("ZHENGGAI_EVIDENCE_DIR", str(DATA_DIR / "evidence"))).resolve()
#: They go through the storage API: EVIDENCE_DIR, or an S3-compatible bucket that every app server shares.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "evidence": s3_storage("evidence/") or {"BACKEND": "zhenggai.ledger.evidence.EvidenceFolder"},
}
EVIDENCE_MAX_BYTES = envint("ZHENGGAI_EVIDENCE_MAX_MB", 20) * 1024 * 1024
EVIDENCE_EXTENSIONS = envlist(
    "ZHENGGAI_EVIDENCE_EXTENSIONS",
    ["pdf", "jpg", "jpeg", "png", "docx", "xlsx", "txt", "doc", "xls", "wps", "ofd", "zip"],
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20

#: The public opinion page's rate limit (meetings/ratelimit.py): tries per sender (network address)
#: and per link within a sliding window of this many seconds, counted in the database.
OPINION_SENDER_LIMIT = envint("ZHENGGAI_OPINION_SENDER_LIMIT", 10, minimum=1)
OPINION_LINK_LIMIT = envint("ZHENGGAI_OPINION_LINK_LIMIT", 100, minimum=1)
OPINION_LIMIT_WINDOW = envint("ZHENGGAI_OPINION_LIMIT_WINDOW", 600, minimum=1)
#: The address of a reverse proxy whose X-Forwarded-For `zhenggai run` believes (the sender's address).
TRUSTED_PROXY = envstr("ZHENGGAI_TRUSTED_PROXY", "")

#: Ledger rows due within this many days are marked yellow (督办 practice); overdue rows red.
DUE_SOON_DAYS = envint("ZHENGGAI_DUE_SOON_DAYS", 10)
LEDGER_PAGE_SIZE = envint("ZHENGGAI_LEDGER_PAGE_SIZE", 50)
#: An Excel import of more measures than this is checked by the background worker (a progress bar,
#: then the preview); a smaller one in the request, at once.
IMPORT_CHECK_INLINE_ROWS = envint("ZHENGGAI_IMPORT_CHECK_INLINE_ROWS", 500)

#: Background work (zhenggai.jobs): tasks on django-tasks, kept in the database by default and run
#: by the worker that `zhenggai run` starts (or `zhenggai db_worker`); another backend is a setting.
TASKS = {
    "default": {
        "BACKEND": envstr("ZHENGGAI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
#: A running job's progress, outside any database transaction: a folder by default (one machine),
#: or whatever Django cache every app server and worker shares (ZHENGGAI_PROGRESS_CACHE=redis://…).
PROGRESS_CACHE = envstr("ZHENGGAI_PROGRESS_CACHE", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "progress": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": PROGRESS_CACHE}
        if PROGRESS_CACHE.startswith(("redis://", "rediss://"))
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": PROGRESS_CACHE or str(DATA_DIR / "progress"),
        }
    ),
}

#: The daily digest (`zhenggai remind`): links in e-mails and group messages start with SITE_URL;
#: e-mail goes out only when EMAIL_HOST is set; a group robot gets WEBHOOK_TIMEOUT seconds to answer.
SITE_URL = envstr("ZHENGGAI_SITE_URL", "http://127.0.0.1:8000")
WEBHOOK_TIMEOUT = envint("ZHENGGAI_WEBHOOK_TIMEOUT", 10, minimum=1)
EMAIL_HOST = envstr("EMAIL_HOST", "")
DIGEST_EMAIL = bool(EMAIL_HOST)
EMAIL_PORT = envint("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "整改台账 <zhenggai@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


#: The ledger's JSON API (zhenggai.ledger.api): token or session login, errors as {"detail": …}.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "整改台账 API",
    "DESCRIPTION": "整改措施的查询、新增、修改与整改进展填报。认证：POST /api/token/ 取得令牌，请求头 Authorization: Token <令牌>。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema is for the people who use the API: it is served to them only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # One name for the status choices wherever they appear (status, status_before, status_after).
    "ENUM_NAME_OVERRIDES": {"MeasureStatusEnum": "zhenggai.ledger.models.Status"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", False)
CSRF_FAILURE_VIEW = "zhenggai.web.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"

#: HTTPS, set through the environment (docs/deploy.md). Behind a reverse proxy that terminates TLS,
#: ZHENGGAI_BEHIND_PROXY trusts its X-Forwarded-Proto (for the redirect) and X-Forwarded-For (for
#: login throttling).
BEHIND_PROXY = envbool("ZHENGGAI_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)

#: No inline script or style anywhere: pages load only the app's own files (tests/ops/test_csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # An opinion link's token never reaches a log, whoever writes the line (web/logs.py).
    "filters": {"public_links": {"()": "zhenggai.web.logs.HidePublicLinks"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["public_links"]}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
