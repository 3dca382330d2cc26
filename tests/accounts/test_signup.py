"""Sign-up: a new account is a student, logged in, sent to the dashboard; bad input keeps nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
GOOD = {"username": "aigerim", "password1": "steppe-lantern-42", "password2": "steppe-lantern-42"}


def test_signing_up_creates_a_student_and_logs_them_in(client):
    response = client.post(reverse("signup"), GOOD)
    assert response.status_code == 303
    assert response["Location"] == reverse("content:home")
    user = User.objects.get(username="aigerim")
    assert list(user.groups.values_list("name", flat=True)) == ["student"]
    assert not user.is_staff
    assert client.get(reverse("quiz:dashboard")).status_code == 200


def test_the_new_student_is_welcomed_on_the_dashboard(client):
    response = client.post(reverse("signup"), GOOD, follow=True)
    html = response.content.decode()
    # One greeting (issue 17): the heading; the message says what to do next.
    assert "Welcome, aigerim" in html and "Welcome back" not in html and "You are signed up" in html


def test_mismatched_passwords_are_refused_and_nothing_is_created(client):
    response = client.post(reverse("signup"), {**GOOD, "password2": "something-else-42"})
    assert response.status_code == 400
    assert "The two password fields didn’t match." in response.content.decode()
    assert not User.objects.filter(username="aigerim").exists()


def test_a_taken_username_is_refused(client):
    UserFactory(username="aigerim")
    response = client.post(reverse("signup"), GOOD)
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert User.objects.filter(username="aigerim").count() == 1


def test_a_weak_password_is_refused(client):
    response = client.post(reverse("signup"), {**GOOD, "password1": "aigerim", "password2": "aigerim"})
    assert response.status_code == 400
    assert not User.objects.filter(username="aigerim").exists()


def test_extra_fields_cannot_make_a_staff_account(client):
    client.post(reverse("signup"), {**GOOD, "is_staff": "on", "is_superuser": "on", "groups": "2"})
    user = User.objects.get(username="aigerim")
    assert not user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["student"]


def test_a_logged_in_user_is_sent_home_from_sign_up(client):
    client.force_login(UserFactory())
    response = client.get(reverse("signup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("content:home")
