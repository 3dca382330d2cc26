"""Ids no database column can hold are refused (400 in a form, 404 in a URL), never a server error.

SQLite raises OverflowError for an integer past 64 bits in an IN lookup; the fuzzer found it on the
practice form. These pin the cases down without waiting for the fuzzer to draw them.
"""

import pytest
from django.urls import reverse

from tests.factories import CountryFactory, InstructorFactory, UserFactory

pytestmark = pytest.mark.django_db
HUGE = str(2**63)


def test_the_practice_form_refuses_a_huge_country_id(client):
    CountryFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("quiz:practice"), {"countries": [HUGE], "question_types": ["choice"], "length": 5})
    assert response.status_code == 400


def test_the_flashcard_deck_refuses_a_huge_theme_id(client):
    client.force_login(UserFactory())
    assert client.get(reverse("quiz:flashcards"), {"themes": HUGE}).status_code == 400


def test_the_topic_set_form_refuses_a_huge_fact_id(client):
    client.force_login(InstructorFactory())
    data = {"name": "Big ids", "question_types": ["choice"], "question_count": 5, "facts": [HUGE], "countries": [HUGE]}
    assert client.post(reverse("quiz:topic-set-create"), data).status_code == 400


@pytest.mark.parametrize("attempt_id", [2**63, 2**70])
def test_the_question_page_and_the_answer_post_say_not_found_for_a_huge_attempt_id(client, attempt_id):
    client.force_login(UserFactory())
    assert client.get(f"/attempts/{attempt_id}/questions/1/").status_code == 404
    assert client.post(f"/attempts/{attempt_id}/answer/", {"step": 0, "option": 0}).status_code == 404
