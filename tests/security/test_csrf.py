"""CSRF: every POST needs the token, whether it comes from a form field or from htmx's `hx-headers` on <body>."""

from __future__ import annotations

import json

import html5lib
import pytest
from django.test import Client
from django.urls import reverse

from quiz.models import Answer
from tests.conftest import HTMX
from tests.security.conftest import World, row_counts
from tests.security.endpoints import POST_ENDPOINTS, app_url_names

pytestmark = pytest.mark.django_db


def csrf_client(world: World, role: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def url_for(world: World, name: str, params) -> str:
    args = world.url_args()
    return reverse(name, kwargs={param: args[param] for param in params})


def body_csrf_token(html: str) -> str:
    """The token htmx sends with every request: the X-CSRFToken of <body hx-headers>."""
    root = html5lib.parse(html, namespaceHTMLElements=False)
    return json.loads(root.find("body").get("hx-headers"))["X-CSRFToken"]


def test_the_endpoint_table_lists_every_url_that_accepts_a_post(world, client):
    """Without CSRF checks, a URL that takes POST answers anything but 405: those are exactly the table's."""
    client.force_login(world.instructor)
    accepting = set()
    for name, params in app_url_names().items():
        if client.post(url_for(world, name, params)).status_code != 405:
            accepting.add(name)
        client.force_login(world.instructor)  # logout is in the table and ends the session
    assert accepting == set(POST_ENDPOINTS)


@pytest.mark.parametrize("name", POST_ENDPOINTS)
def test_a_post_without_a_token_is_forbidden_and_writes_nothing(world, name):
    role, params, data = POST_ENDPOINTS[name]
    client = csrf_client(world, role)
    before = row_counts()
    response = client.post(url_for(world, name, params), data)
    assert response.status_code == 403
    assert row_counts() == before


@pytest.mark.parametrize("name", POST_ENDPOINTS)
def test_an_htmx_post_without_a_token_is_forbidden_too(world, name):
    role, params, data = POST_ENDPOINTS[name]
    before = row_counts()
    assert csrf_client(world, role).post(url_for(world, name, params), data, **HTMX).status_code == 403
    assert row_counts() == before


def test_a_wrong_token_in_the_header_is_forbidden(world):
    client = csrf_client(world, "student")
    client.get(reverse("quiz:question", args=[world.attempt.pk, 1]))
    response = client.post(
        reverse("quiz:answer", args=[world.attempt.pk]),
        {"step": 0, "option": 2},
        HTTP_X_CSRFTOKEN="x" * 32,
        **HTMX,
    )
    assert response.status_code == 403 and not Answer.objects.exists()


def test_logout_without_a_token_keeps_the_session(world):
    client = csrf_client(world, "student")
    client.post(reverse("logout"))
    assert client.get(reverse("quiz:dashboard")).status_code == 200


def test_the_page_body_carries_the_token_in_hx_headers(world):
    client = csrf_client(world, "student")
    response = client.get(reverse("quiz:question", args=[world.attempt.pk, 1]))
    token = body_csrf_token(response.content.decode())
    assert token and len(token) == 64
    assert client.cookies["csrftoken"].value


def test_an_htmx_answer_with_the_body_token_in_the_header_is_accepted(world):
    client = csrf_client(world, "student")
    token = body_csrf_token(client.get(reverse("quiz:question", args=[world.attempt.pk, 1])).content.decode())
    response = client.post(
        reverse("quiz:answer", args=[world.attempt.pk]), {"step": 0, "option": 2}, HTTP_X_CSRFTOKEN=token, **HTMX
    )
    assert response.status_code == 200
    assert Answer.objects.get(attempt=world.attempt).score == 1.0


def test_a_plain_form_post_with_the_token_field_is_accepted(world):
    client = csrf_client(world, "student")
    token = body_csrf_token(client.get(reverse("quiz:question", args=[world.attempt.pk, 1])).content.decode())
    response = client.post(
        reverse("quiz:answer", args=[world.attempt.pk]), {"step": 0, "option": 2, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 303 and Answer.objects.count() == 1


def test_an_anonymous_page_carries_the_token_too(world):
    """Log in and sign up are POSTed from pages seen before any session exists."""
    client = csrf_client(world, "anonymous")
    assert body_csrf_token(client.get(reverse("login")).content.decode())
