"""Settings shared by every environment. Environment values come from config.env only."""

from __future__ import annotations

from datetime import timedelta

from csp.constants import NONCE, NONE, SELF

from config import env

BASE_DIR = env.BASE_DIR
VAR_DIR = env.VAR_DIR

DEBUG = False
SECRET_KEY = env.local_secret_key()
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin, signed into only through the staff sign-in (lockout, two-factor).
    "putright.accounts.admin_config.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "putright.core",
    "putright.workdays",
    "putright.provisions",
    "putright.landlords",
    "putright.accounts",
    "putright.residents",
    "putright.complaints",
    "putright.remedies",
    "putright.outbox",
    "putright.letters",
    "putright.inbound",
    "putright.learning",
    "putright.selfassessment",
    "putright.reporting",
    "putright.imports",
    "putright.api",
    "putright.web",
    "putright.staff",
    "putright.portal",
    "putright.demo",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "putright.web.middleware.DomainErrorMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

AUTH_USER_MODEL = "accounts.User"
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        # Pages use GOV.UK Frontend's own macros, ported to Jinja (ADR 0004).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "putright" / "web" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "putright.web.jinja.environment",
            "autoescape": True,
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "putright.web.context.service",
                "putright.staff.navigation.navigation",
            ],
        },
    },
    {
        # Django's admin keeps its own templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.database_config(VAR_DIR / "putright.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
# GOV.UK Frontend is built from npm into build/static (git-ignored) by `make frontend`.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

LOGIN_URL = "/staff/sign-in/"
LOGIN_REDIRECT_URL = "/staff/"

# Signing in. The lockout backend comes first so a locked-out account is refused before its
# password is checked; it needs the request, which every sign-in in Putright passes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair out for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Trying again while locked out does not restart the 30 minutes the page promises.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "putright.staff.views.auth.locked_out"
AXES_CLIENT_IP_CALLABLE = "putright.accounts.lockout.client_ip_address"
# Keep no record of successful sign-ins, and log failures without usernames or addresses:
# axes keeps only the failed attempts it counts, and deletes them when they expire.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "user_agent"]
# How many reverse proxies in front of Putright add to X-Forwarded-For (0: none, use the peer).
TRUSTED_PROXY_COUNT = env.env_int("TRUSTED_PROXY_COUNT", 0)

# Two-factor authentication: a TOTP authenticator app, optional unless a role requires it.
OTP_TOTP_ISSUER = "Putright"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# How long a password has been checked for before its two-factor code must be given.
PUTRIGHT_SIGN_IN_CODE_SECONDS = 300

# A password reset link works for two hours, once.
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60

# Email: the console locally; an SMTP server when EMAIL_HOST is set (required in production).
_email = env.email_config()
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
DEFAULT_FROM_EMAIL = _email["DEFAULT_FROM_EMAIL"]
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT", 20)
# Mail coming in: the mailbox `putright mail ingest --imap` reads (docs/inbound-mail.md).
INBOUND_IMAP = env.inbound_imap_config()

# GOV.UK Notify (docs/delivery.md): one API key for the installation; each landlord's
# template IDs are its delivery settings. Blank: nothing is sent through Notify.
NOTIFY_API_KEY = env.env_str("NOTIFY_API_KEY", "") or ""
NOTIFY_BASE_URL = env.env_str("NOTIFY_BASE_URL", "") or "https://api.notifications.service.gov.uk"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Logs never carry personal data: only references, identifiers and event names.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
