"""The question page and the answer POST run a fixed number of queries, whatever the bank or history size."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.scheduling import Rating, review_facts
from tests.factories import AnswerFactory, AttemptFactory, FactFactory, QuestionFactory, QuizFactory
from tests.player.conftest import count_queries

pytestmark = pytest.mark.django_db
# session, user, the attempt with its quiz and question (one query), and the answer on a feedback page.
# The issue allows 6.
QUESTION_PAGE_QUERIES = 4
# session, user, the attempt with its quiz and question, move the attempt, insert the answer, the regrade
# check (a question dropped from scoring meanwhile: quiz.question_drops), memory states read +
# compare-and-set upsert. The issue allows 10.
ANSWER_POST_QUERIES = 8


def grow(learner, *, facts: int, history: int) -> None:
    """More bank, and a longer history for this learner: finished attempts and memory states."""
    bank = [FactFactory() for _ in range(facts)]
    for _ in range(history):
        answered = AnswerFactory(
            attempt=AttemptFactory(quiz=QuizFactory(owner=learner), state="finished", finished_at=timezone.now())
        )
        review_facts(learner=learner, ratings={answered.question.fact_ids[0]: Rating.Good}, now=timezone.now())
    review_facts(learner=learner, ratings={fact.pk: Rating.Again for fact in bank[:history]}, now=timezone.now())


def measure(client, learner) -> dict[str, int]:
    quiz = QuizFactory(owner=learner)
    QuestionFactory(quiz=quiz, position=0)
    QuestionFactory(quiz=quiz, position=1, timeline=True)
    QuestionFactory(quiz=quiz, position=2)
    attempt = AttemptFactory(quiz=quiz)
    answer = reverse("quiz:answer", args=[attempt.pk])
    htmx = {"HX-Request": "true"}
    return {
        "question page": count_queries(lambda: client.get(reverse("quiz:question", args=[attempt.pk, 1]))),
        "choice answer": count_queries(lambda: client.post(answer, {"step": 0, "option": 2}, headers=htmx)),
        "feedback page": count_queries(lambda: client.get(reverse("quiz:question", args=[attempt.pk, 1]))),
        "timeline page": count_queries(lambda: client.get(reverse("quiz:question", args=[attempt.pk, 2]))),
        "timeline answer": count_queries(lambda: client.post(answer, {"step": 1, "order": [1, 3, 0, 2]})),
    }


def test_query_counts_do_not_grow_with_bank_or_history(learner_client, learner):
    small = measure(learner_client, learner)
    grow(learner, facts=60, history=40)
    large = measure(learner_client, learner)
    assert small == large
    assert max(small["question page"], small["feedback page"], small["timeline page"]) <= QUESTION_PAGE_QUERIES
    assert max(small["choice answer"], small["timeline answer"]) <= ANSWER_POST_QUERIES


def test_a_timeline_answer_costs_the_same_queries_as_a_choice_answer(learner_client, learner):
    counts = measure(learner_client, learner)
    assert counts["timeline answer"] <= counts["choice answer"]
