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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a file, not memory: an in-memory database hides locking between connections,
    and the concurrency tests must meet the same locks production does."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
