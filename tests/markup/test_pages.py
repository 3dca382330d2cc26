"""Every page and htmx fragment a learner meets is valid HTML with labelled controls."""

import pytest
from django.urls import reverse

from tests.conftest import HTMX
from tests.factories import CountryFactory, ThemeFactory
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["content:home", "login", "signup"])
def test_public_pages_are_valid(client, name):
    CountryFactory(), ThemeFactory()
    assert_valid_html(client.get(reverse(name)))


def test_sign_up_with_errors_is_valid(client):
    assert_valid_html(client.post(reverse("signup"), {"username": "", "password1": "a", "password2": "b"}))


def test_login_with_errors_is_valid(client):
    assert_valid_html(client.post(reverse("login"), {"username": "x", "password": "y"}))


@pytest.mark.parametrize("name", ["quiz:dashboard", "quiz:practice", "password_change"])
def test_learner_pages_are_valid(learner_client, name, attempt):
    CountryFactory(), ThemeFactory()
    assert_valid_html(learner_client.get(reverse(name)))


def test_practice_with_errors_is_valid(learner_client):
    CountryFactory()
    assert_valid_html(learner_client.post(reverse("quiz:practice"), {"length": "7"}))


def test_a_choice_question_page_and_fragment_are_valid(learner_client, attempt):
    url = reverse("quiz:question", args=[attempt.pk, 1])
    assert_valid_html(learner_client.get(url))
    assert_valid_html(learner_client.get(url, **HTMX))


def test_a_timeline_question_and_its_reordered_form_are_valid(learner_client, attempt):
    learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 0, "option": 2})
    url = reverse("quiz:question", args=[attempt.pk, 2])
    assert_valid_html(learner_client.get(url))
    assert_valid_html(learner_client.get(url, {"order": [3, 2, 1, 0], "move": "2:up"}))
    assert_valid_html(learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 1}))


def test_feedback_page_and_fragment_are_valid(learner_client, attempt):
    assert_valid_html(learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 0, "option": 0}, **HTMX))
    assert_valid_html(learner_client.get(reverse("quiz:question", args=[attempt.pk, 1])))


def test_a_refused_answer_is_valid_as_page_and_fragment(learner_client, attempt):
    url = reverse("quiz:answer", args=[attempt.pk])
    assert_valid_html(learner_client.post(url, {"step": 5, "option": 0}))
    assert_valid_html(learner_client.post(url, {"step": 5, "option": 0}, **HTMX))


def test_the_finish_page_and_the_review_are_valid(learner_client, attempt):
    url = reverse("quiz:answer", args=[attempt.pk])
    learner_client.post(url, {"step": 0, "option": 2})
    learner_client.post(url, {"step": 1, "order": [0, 1, 2, 3], "confirm_order": "on"})
    assert_valid_html(learner_client.get(reverse("quiz:attempt", args=[attempt.pk])))
    learner_client.post(reverse("quiz:finish", args=[attempt.pk]), {"confirm": "yes"})
    assert_valid_html(learner_client.get(reverse("quiz:review", args=[attempt.pk])))
