"""/healthz: 200 "ok" when the database and the cache answer, 503 "fail" when either does not; anonymous,
never redirected to HTTPS, never locked out, and nothing in the body beyond ok or fail."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["atlas.example.org", "127.0.0.1"]
    settings.SECURE_SSL_REDIRECT = True


def test_anonymous_gets_ok_with_nothing_else(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies, "no session or CSRF cookie for the balancer"


def test_head_works_and_post_does_not(db):
    assert Client().head("/healthz").status_code == 200
    assert Client().post("/healthz").status_code in (403, 405)  # no CSRF token: refused either way


def test_in_production_over_plain_http_it_answers_instead_of_redirecting(db, production):
    # The balancer checks each node over HTTP on its own address; every other page redirects to HTTPS.
    assert Client().get("/accounts/login/", HTTP_HOST="atlas.example.org").status_code == 301
    response = Client().get("/healthz", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"


def test_a_database_that_does_not_answer_is_503(db):
    with mock.patch("ops.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"fail\n", "the reason goes to the log, not to the caller"


def test_a_cache_that_fails_is_503(db):
    with mock.patch("ops.views.cache.set", side_effect=ConnectionError("cache down")):
        assert Client().get("/healthz").status_code == 503


def test_a_cache_that_loses_what_was_written_is_503(db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert Client().get("/healthz").status_code == 503


def test_redis_reachable_is_ok_and_unreachable_is_503(db, settings, redis_url):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
    assert Client().get("/healthz").status_code == 200
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"fail\n"


def test_a_lockout_from_the_balancers_address_does_not_stop_health_checks(db, settings):
    settings.AXES_FAILURE_LIMIT = 2
    UserFactory(username="target")
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "target", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "target", "password": "wrong"}).status_code == 429
    for _ in range(5):
        assert client.get("/healthz").status_code == 200
