"""A request for a host we do not serve is refused with 400, and that refusal still cannot be framed."""

import pytest
from django.test import Client


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["atlas.example.org"]


@pytest.mark.parametrize("https", [False, True], ids=["http", "https-redirect"])
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/dashboard/", "/no-such-page/"])
def test_a_foreign_host_gets_400_with_x_frame_options(db, production, settings, https, path):
    # With the HTTPS redirect on, SecurityMiddleware reads the host first; without it, CommonMiddleware does.
    settings.SECURE_SSL_REDIRECT = https
    response = Client().get(path, HTTP_HOST="evil.example.net")
    assert response.status_code == 400
    assert response["X-Frame-Options"] == "DENY"


def test_our_own_host_is_served_with_x_frame_options(db, production):
    response = Client().get("/accounts/login/", HTTP_HOST="atlas.example.org")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
