"""Anonymous visitors see the home page, login and sign-up; everything else asks them to log in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC = ["content:home", "login", "signup"]
PRIVATE = [
    ("quiz:dashboard", []),
    ("quiz:practice", []),
    ("quiz:flashcards", []),
    ("quiz:progress", []),
    ("quiz:attempt", [1]),
    ("quiz:question", [1, 1]),
    ("quiz:review", [1]),
    ("password_change", []),
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_are_open_to_anonymous_visitors(client, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize(("name", "args"), PRIVATE)
def test_private_pages_send_anonymous_visitors_to_log_in(client, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("name", ["quiz:answer", "quiz:finish", "quiz:abandon"])
def test_anonymous_posts_change_nothing_and_ask_to_log_in(client, name):
    response = client.post(reverse(name, args=[1]), {"step": 0})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_anonymous_navigation_offers_log_in_and_sign_up_only(client):
    page = client.get(reverse("content:home")).content.decode()
    assert f'href="{reverse("login")}"' in page and f'href="{reverse("signup")}"' in page
    assert reverse("quiz:practice") not in page


def test_a_logged_in_visitor_to_the_home_page_is_sent_to_the_dashboard(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("timur", password="x-long-pass-1"))
    response = client.get(reverse("content:home"))
    assert response["Location"] == reverse("quiz:dashboard")
