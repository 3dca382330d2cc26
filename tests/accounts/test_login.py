"""Log in, log out and change the password, with Django's auth views and our templates."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def student(db):
    return UserFactory(username="dilnoza")


def test_logging_in_lands_on_the_dashboard(client, student):
    response = client.post(reverse("login"), {"username": "dilnoza", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("quiz:dashboard")


def test_logging_in_returns_to_the_page_that_asked(client, student):
    next_url = reverse("quiz:progress")
    response = client.post(reverse("login"), {"username": "dilnoza", "password": PASSWORD, "next": next_url})
    assert response["Location"] == next_url


def test_a_wrong_password_is_refused_with_a_message(client, student):
    response = client.post(reverse("login"), {"username": "dilnoza", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logging_out_is_a_post_and_ends_the_session(client, student):
    client.force_login(student)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_changing_the_password_keeps_the_learner_logged_in(client, student):
    client.force_login(student)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "tashkent-silk-road-9", "new_password2": "tashkent-silk-road-9"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("password_change_done")
    student.refresh_from_db()
    assert student.check_password("tashkent-silk-road-9")
    assert client.get(reverse("quiz:dashboard")).status_code == 200


def test_a_wrong_old_password_changes_nothing(client, student):
    client.force_login(student)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "tashkent-silk-road-9", "new_password2": "tashkent-silk-road-9"},
    )
    assert response.status_code == 200
    student.refresh_from_db()
    assert student.check_password(PASSWORD)
