"""Test-only settings overrides (the settings module itself stays environment-driven)."""

import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Hashing at full cost makes every login in the suite slow; tests need speed, not strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.FSRS_ENABLE_FUZZING = False
    # Look static files up per request: no collectstatic before the tests.
    settings.WHITENOISE_AUTOREFRESH = True
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
