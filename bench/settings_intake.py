"""Settings for the intake benchmark: production settings, with the benchmark's URLconf.

Only ROOT_URLCONF differs, so that the floor endpoint (bench.intake_urls) is served by the
same process, middleware and database settings as the real API. Never used by the product.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.intake_urls"
