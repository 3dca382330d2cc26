"""Content-Security-Policy: scripts only from our own files, never inline, on every page."""

from __future__ import annotations

import html5lib
import pytest
from django.urls import reverse

from tests.conftest import HTMX
from tests.security.conftest import World

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for directive in policy.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


def pages(world: World) -> list[tuple[str, str, dict]]:
    attempt = world.attempt.pk
    return [
        ("anonymous", reverse("content:home"), {}),
        ("anonymous", reverse("login"), {}),
        ("anonymous", reverse("signup"), {}),
        ("student", reverse("quiz:dashboard"), {}),
        ("student", reverse("quiz:practice"), {}),
        ("student", reverse("quiz:question", args=[attempt, 1]), {}),
        ("student", reverse("quiz:question", args=[attempt, 1]), HTMX),
        ("student", reverse("quiz:flashcards"), {}),
        ("student", reverse("quiz:progress"), {}),
        ("student", reverse("quiz:join-classroom"), {}),
        ("instructor", reverse("quiz:teach"), {}),
        ("instructor", reverse("quiz:classroom", args=[world.classroom.pk]), {}),
        ("instructor", reverse("quiz:topic-set", args=[world.topic_set.pk]), {}),
        ("instructor", reverse("quiz:class-report", args=[world.assignment.pk]), {}),
        ("instructor", reverse("quiz:item-analysis", args=[world.assignment.pk]), {}),
    ]


def get(client, world: World, role: str, url: str, headers: dict):
    if role != "anonymous":
        client.force_login(getattr(world, role))
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response


def test_a_page_allows_scripts_from_its_own_origin_only(client, world):
    policy = directives(get(client, world, "student", reverse("quiz:dashboard"), {}))
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]


def test_no_page_allows_inline_script_or_eval(client, world):
    policy = directives(get(client, world, "student", reverse("quiz:dashboard"), {}))
    script = policy.get("script-src", policy["default-src"])
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script


def test_the_policy_forbids_framing_and_plugins(client, world):
    policy = directives(get(client, world, "student", reverse("quiz:dashboard"), {}))
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("index", range(15))
def test_every_page_carries_the_policy_and_only_script_files(client, world, index):
    role, url, headers = pages(world)[index]
    response = get(client, world, role, url, headers)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    root = html5lib.parse(response.content.decode(), namespaceHTMLElements=False)
    for script in root.iter("script"):
        assert script.get("src"), f"inline <script> on {url}"
        assert not "".join(script.itertext()).strip(), f"<script src> with a body on {url}"
    assert not [
        (element.tag, name) for element in root.iter() for name in element.attrib if name.lower().startswith("on")
    ], f"inline event handler on {url}"
