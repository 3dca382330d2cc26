"""Settings for the load test's server (tests/load/run.py sets DJANGO_SETTINGS_MODULE to this module): the app's
own settings, environment-driven as in production, with the URLconf that adds the ceiling views."""

from config.settings import *  # noqa: F403  (everything as the app runs it; only the URLconf differs)

ROOT_URLCONF = "tests.load.urls"
