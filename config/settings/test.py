"""The test suite: whichever DATABASE_URL is given (SQLite by default, PostgreSQL in CI)."""

from config.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Serve static files straight from build/ and the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
