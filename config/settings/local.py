"""A developer's or evaluator's machine.

The embedded SQLite database, debug on unless told otherwise.
"""

from config import env
from config.settings.base import *  # noqa: F403

DEBUG = env.env_bool("DEBUG", default=True)
# Serve static files straight from build/ and the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
