"""Settings for the queues benchmark: production settings, with unhashed static file names.

Only the static files storage differs: plain storage gives the pages their URLs without a
``collectstatic`` run and its manifest, and costs a page no more than a manifest look-up
would. Never used by the product.
"""

from config.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
