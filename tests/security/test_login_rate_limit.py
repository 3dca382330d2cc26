"""Login rate limit (django-axes): five wrong passwords lock that username from that IP address, nothing more.

A class of 30 sits behind one school IP: one student's typos must not lock out the others, and
someone elsewhere guessing a student's password must not lock the student out at school.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
SCHOOL = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


def log_in(client: Client, username: str, password: str, ip: str = SCHOOL):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def fail(username: str, times: int, ip: str = SCHOOL) -> list[int]:
    return [log_in(Client(), username, "wrong password", ip).status_code for _ in range(times)]


@pytest.fixture
def student(db):
    return UserFactory(username="aigerim")


def test_four_wrong_passwords_still_let_the_right_one_in(student):
    assert fail("aigerim", 4) == [200] * 4
    client = Client()
    assert log_in(client, "aigerim", PASSWORD).status_code == 302 and logged_in(client)


def test_the_fifth_wrong_password_locks_the_username_from_that_ip(student):
    assert fail("aigerim", 5)[-1] == 429


def test_a_locked_out_login_shows_the_lockout_page(student):
    fail("aigerim", 5)
    response = log_in(Client(), "aigerim", "wrong password")
    assert response.status_code == 429
    assert "registration/locked_out.html" in [template.name for template in response.templates]
    assert "Too many failed logins" in response.content.decode()


def test_a_locked_out_username_is_refused_even_with_the_right_password(student):
    fail("aigerim", 5)
    client = Client()
    response = log_in(client, "aigerim", PASSWORD)
    assert response.status_code == 429 and not logged_in(client)


def test_thirty_classmates_behind_the_same_school_ip_still_log_in(student):
    classmates = [UserFactory(username=f"classmate-{n}") for n in range(30)]
    fail("aigerim", 5)
    for classmate in classmates:
        client = Client()
        assert log_in(client, classmate.username, PASSWORD).status_code == 302 and logged_in(client)


def test_several_students_mistyping_at_school_lock_only_themselves(student):
    typists = [UserFactory(username=f"typist-{n}") for n in range(3)]
    for typist in typists:
        fail(typist.username, 5)
    client = Client()
    assert log_in(client, "aigerim", PASSWORD).status_code == 302 and logged_in(client)


def test_the_same_username_from_another_ip_still_logs_in(student):
    fail("aigerim", 5, ip=ELSEWHERE)
    client = Client()
    assert log_in(client, "aigerim", PASSWORD, ip=SCHOOL).status_code == 302 and logged_in(client)


def test_a_successful_login_resets_the_count(student):
    fail("aigerim", 4)
    log_in(Client(), "aigerim", PASSWORD)
    assert fail("aigerim", 4) == [200] * 4
    client = Client()
    assert log_in(client, "aigerim", PASSWORD).status_code == 302 and logged_in(client)


def test_a_lockout_is_counted_on_an_unknown_username_too(db):
    """Guessing usernames gets no free tries: the lock does not depend on the account existing."""
    assert fail("nobody-here", 5)[-1] == 429
