"""The policy header written once per process (config/csp_policy.py) is django-csp's own, and what django-csp
decides per response (decorators, nonces, a changed setting) still goes through django-csp."""

from __future__ import annotations

import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp_update
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from config.csp_policy import CSPMiddleware

pytestmark = pytest.mark.django_db


def through_middleware(view, request=None):
    request = request or RequestFactory().get("/")
    middleware = CSPMiddleware(view)
    return middleware(request)


def test_a_page_gets_exactly_the_policy_django_csp_builds(client):
    response = client.get(reverse("login"))
    assert response["Content-Security-Policy"] == build_policy()
    assert "Content-Security-Policy-Report-Only" not in response


def test_a_view_that_updates_the_policy_gets_django_csps_policy_for_it():
    @csp_update({"img-src": ["https://maps.example.org"]})
    def view(request):
        return HttpResponse("map")

    policy = through_middleware(view)["Content-Security-Policy"]
    assert "https://maps.example.org" in policy
    assert policy == build_policy(update={"img-src": ["https://maps.example.org"]})


@override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": [SELF], "script-src": [SELF, NONCE]}})
def test_a_request_that_used_a_nonce_gets_it_in_the_policy():
    def view(request):
        return HttpResponse(str(request.csp_nonce))

    response = through_middleware(view)
    assert f"'nonce-{response.content.decode()}'" in response["Content-Security-Policy"]


def test_a_nonce_asked_for_after_the_header_is_written_is_an_error():
    request = RequestFactory().get("/")
    through_middleware(lambda request: HttpResponse("ok"), request)
    with pytest.raises(Exception, match="csp_nonce"):
        str(request.csp_nonce)


def test_a_changed_setting_changes_the_header(client):
    before = client.get(reverse("login"))["Content-Security-Policy"]
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": [SELF], "img-src": ["*"]}}):
        changed = client.get(reverse("login"))["Content-Security-Policy"]
    assert changed != before and "img-src *" in changed
    assert client.get(reverse("login"))["Content-Security-Policy"] == before
