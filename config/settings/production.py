"""Production: PostgreSQL, secrets and hosts from the environment, HTTPS only."""

from config import env
from config.settings.base import *  # noqa: F403

DEBUG = env.env_bool("DEBUG", default=False)
SECRET_KEY = env.required_str("SECRET_KEY")
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise env.ImproperlyConfiguredError("ALLOWED_HOSTS must be set in production")
env.required_str("DATABASE_URL")
# Staff reset their passwords by email, so production names a real mail server.
env.email_config(production=True)

STATIC_ROOT = env.VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_SSL_REDIRECT = env.env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
