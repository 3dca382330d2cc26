"""The site header: each role's links, and the current page marked for assistive technology."""

import re

import pytest
from django.urls import reverse

from tests.factories import InstructorFactory, UserFactory

pytestmark = pytest.mark.django_db
LEARNER_LINKS = ["Home", "Practice", "Learn", "Flashcards", "Progress"]
LEARNER_LINKS_NAMES = ["dashboard", "practice", "learn", "flashcards", "progress"]


def main_nav(client, url: str) -> list[tuple[str, str, bool]]:
    """(href, label, marked current) for each link of the main navigation."""
    page = client.get(url).content.decode()
    nav = re.search(r'<nav aria-label="Main".*?<ul>(.*?)</ul>', page, re.S).group(1)
    return [
        (href, label, bool(current))
        for href, current, label in re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)
    ]


def test_a_student_sees_the_learner_links_only(client):
    client.force_login(UserFactory())
    links = main_nav(client, reverse("quiz:dashboard"))
    assert [label for _, label, _ in links] == LEARNER_LINKS
    assert [href for href, _, _ in links] == [reverse(f"quiz:{name}") for name in LEARNER_LINKS_NAMES]


def test_an_instructor_also_sees_teach(client):
    client.force_login(InstructorFactory())
    assert [label for _, label, _ in main_nav(client, reverse("quiz:dashboard"))] == [*LEARNER_LINKS, "Teach"]


def test_staff_also_see_teach_and_admin(client):
    client.force_login(UserFactory(is_staff=True))
    links = main_nav(client, reverse("quiz:dashboard"))
    assert [label for _, label, _ in links] == [*LEARNER_LINKS, "Teach", "Admin"]
    assert links[-1][0] == reverse("admin:index")


@pytest.mark.parametrize("name", LEARNER_LINKS_NAMES)
def test_the_current_page_and_only_it_is_marked(client, name):
    client.force_login(UserFactory())
    links = main_nav(client, reverse(f"quiz:{name}"))
    assert [href for href, _, current in links if current] == [reverse(f"quiz:{name}")]


def test_a_page_outside_the_navigation_marks_none(client):
    client.force_login(UserFactory())
    assert not any(current for _, _, current in main_nav(client, reverse("password_change")))


def test_the_account_links_point_to_password_change_and_logout(client):
    client.force_login(UserFactory(username="dilnoza"))
    page = client.get(reverse("quiz:dashboard")).content.decode()
    assert f'<a href="{reverse("password_change")}" title="Change password">dilnoza</a>' in page
    assert f'action="{reverse("logout")}"' in page
