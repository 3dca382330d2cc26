"""Learner notes (issue 15): where sources disagree or a paper errs, the learner is told beside the answer."""

import pytest
from django.urls import reverse

from quiz import attempts
from quiz.generator import Selection, build_quiz
from tests.factories import AttemptFactory, FactFactory, UserFactory
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db

NOTE = "The paper dates the ceremony to 2019; it was held in February 2020. Both years are accepted."


@pytest.fixture
def noted_fact():
    return FactFactory(learner_note=NOTE)


def test_a_quiz_question_freezes_its_facts_learner_notes(noted_fact):
    FactFactory.create_batch(5)
    built = build_quiz(selection=Selection(fact_ids=(noted_fact.pk,), count=1), seed=1)
    quiz = attempts.store_quiz(owner=UserFactory(), title="t", built=built, question_types=["choice"], seed=1)
    assert quiz.questions.get().notes == [NOTE]


def test_a_question_without_notes_stores_none():
    fact = FactFactory()
    FactFactory.create_batch(5)
    built = build_quiz(selection=Selection(fact_ids=(fact.pk,), count=1), seed=1)
    quiz = attempts.store_quiz(owner=UserFactory(), title="t", built=built, question_types=["choice"], seed=1)
    assert quiz.questions.get().notes == []


def test_the_flashcard_back_shows_the_learner_note(client, noted_fact):
    client.force_login(UserFactory())
    response = client.get(reverse("quiz:flashcards"))
    assert_valid_html(response)
    assert NOTE in response.content.decode()


def test_a_flashcard_without_a_note_shows_none(client):
    FactFactory()
    client.force_login(UserFactory())
    assert "Note:" not in client.get(reverse("quiz:flashcards")).content.decode()


def test_feedback_shows_the_learner_note(learner_client, learner, noted_fact):
    FactFactory.create_batch(5)
    built = build_quiz(selection=Selection(fact_ids=(noted_fact.pk,), count=1), seed=1)
    quiz = attempts.store_quiz(owner=learner, title="t", built=built, question_types=["choice"], seed=1)
    attempt = AttemptFactory(quiz=quiz)
    response = learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 0, "option": 0})
    page = learner_client.get(reverse("quiz:question", args=[attempt.pk, 1])).content.decode()
    assert response.status_code in (200, 303) and NOTE in page
