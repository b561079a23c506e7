"""Django settings, all read from the environment (see `.env.example` for every setting)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from sodsong.config import data_dir, env_bool, env_int, env_list, env_str, load_environment, secret_key

load_environment()

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = secret_key()
DEBUG = env_bool("SODSONG_DEBUG", False)
ALLOWED_HOSTS = env_list("SODSONG_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("SODSONG_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "sodsong.web",
    "sodsong.procurement",
    "sodsong.watch",
    "sodsong.coalition",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sodsong.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sodsong.web.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sodsong.urls"
WSGI_APPLICATION = "sodsong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            # Django's cached loader, one copy per language with constant {% translate %} tags done.
            "loaders": [
                (
                    "sodsong.web.template_loader.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sodsong.web.context_processors.site",
            ],
            "builtins": ["sodsong.web.templatetags.thai"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'sodsong.sqlite3'}"),
        conn_max_age=env_int("SODSONG_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE avoids lock upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAREHOUSE_PATH = Path(env_str("SODSONG_WAREHOUSE", str(DATA_DIR / "warehouse.duckdb")))
MEDIA_ROOT = DATA_DIR / "media"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first: Thai unless the visitor chose English. The browser's Accept-Language is not used.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]  # each named in its own language
# Each app keeps its own translations in <app>/locale (Django finds them).
LANGUAGE_COOKIE_NAME = "sodsong_language"
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_AGE = env_int("SODSONG_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Sessions expire after SODSONG_SESSION_SECONDS without activity (not from sign-in).
SESSION_SAVE_EVERY_REQUEST = True
LOGIN_URL = "staff:login"
OTP_TOTP_ISSUER = "Sodsong"
# Staff sign-in throttling: failures per username (4x that per address) within the lockout window.
STAFF_LOGIN_MAX_FAILURES = env_int("SODSONG_STAFF_LOGIN_MAX_FAILURES", 5)
STAFF_LOGIN_LOCKOUT_SECONDS = env_int("SODSONG_STAFF_LOGIN_LOCKOUT_SECONDS", 900)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy set SODSONG_HTTPS=1: cookies become secure and HSTS is sent.
_HTTPS = env_bool("SODSONG_HTTPS", False)
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_SSL_REDIRECT = _HTTPS and env_bool("SODSONG_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if _HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _HTTPS
SECURE_HSTS_PRELOAD = False
if _HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("SODSONG_MAX_BODY_BYTES", 2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# LINE Messaging API (used by the watch part).
LINE_CHANNEL_SECRET = env_str("LINE_CHANNEL_SECRET", "")
LINE_CHANNEL_ACCESS_TOKEN = env_str("LINE_CHANNEL_ACCESS_TOKEN", "")
LINE_API_BASE = env_str("LINE_API_BASE", "https://api.line.me")
# The content (blob) API; blank: api-data.line.me with the official LINE_API_BASE, else LINE_API_BASE.
LINE_API_DATA_BASE = env_str("LINE_API_DATA_BASE", "")
LINE_MAX_BODY_BYTES = env_int("SODSONG_LINE_MAX_BODY_BYTES", 1024 * 1024)
LINE_REPLY_MAX_AGE_SECONDS = env_int("SODSONG_LINE_REPLY_MAX_AGE_SECONDS", 50)
LINE_PUSH_QUOTA = env_int("SODSONG_LINE_PUSH_QUOTA", 300)
LINE_RATE_LIMIT = env_int("SODSONG_LINE_RATE_LIMIT", 20)
LINE_RATE_WINDOW_SECONDS = env_int("SODSONG_LINE_RATE_WINDOW_SECONDS", 60)
# Who processes stored LINE events: "process" (one `sodsong line work` started by `sodsong serve`),
# "thread" (one in each server process), "off" (run `sodsong line work` yourself).
LINE_WORKER = env_str("SODSONG_LINE_WORKER", "process")
# The acknowledgement's own SQLite file (auto: unless PostgreSQL with LINE_WORKER=off); see watch/line/spool.py.
LINE_SPOOL = env_str("SODSONG_LINE_SPOOL", "auto")
LINE_SPOOL_PATH = env_str("SODSONG_LINE_SPOOL_PATH", "")
LINE_SPOOL_FSYNC = env_bool("SODSONG_LINE_SPOOL_FSYNC", False)
LINE_RICHMENU_WEBSITE = env_str("SODSONG_LINE_RICHMENU_WEBSITE", "")

# Evidence files (photos, documents, audio, video) larger than this are refused, on every channel.
WATCH_EVIDENCE_MAX_BYTES = env_int("SODSONG_EVIDENCE_MAX_BYTES", 25 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("SODSONG_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
