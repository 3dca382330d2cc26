"""The typed answer, hint and override paths run a fixed number of queries, whatever the bank or history size."""

import pytest
from django.urls import reverse

from tests.conftest import HTMX
from tests.factories import AttemptFactory, QuestionFactory, QuizFactory
from tests.player.conftest import count_queries
from tests.player.test_queries import ANSWER_POST_QUERIES, QUESTION_PAGE_QUERIES, grow

pytestmark = pytest.mark.django_db
# session, user, the attempt with its question, the guarded update of the attempt's hint step.
HINT_POST_QUERIES = 4
# A wrong typed answer's feedback also asks whether the quiz is an assignment ("I was right" or not).
WRONG_TYPED_ANSWER_QUERIES = ANSWER_POST_QUERIES + 1
# session, user, attempt with question, its answer, assignment?, answer and attempt updates, the fact, the
# override insert, the memory read and its compare-and-set, and the feedback's assignment check.
OVERRIDE_POST_QUERIES = 12
# The answer: its 7 statements and the savepoint of its transaction (opened and released).
EXACT_TYPED_ANSWER = ANSWER_POST_QUERIES + 2
EXACT_HINT = HINT_POST_QUERIES


def measure(client, learner) -> dict[str, int]:
    quiz = QuizFactory(owner=learner)
    for position in range(3):
        QuestionFactory(quiz=quiz, position=position, typed=True)
    attempt = AttemptFactory(quiz=quiz)
    answer = reverse("quiz:answer", args=[attempt.pk])
    hint = reverse("quiz:hint", args=[attempt.pk])
    return {
        "typed question page": count_queries(lambda: client.get(reverse("quiz:question", args=[attempt.pk, 1]))),
        "hint": count_queries(lambda: client.post(hint, {"step": 0}, **HTMX)),
        "hinted question page": count_queries(lambda: client.get(reverse("quiz:question", args=[attempt.pk, 1]))),
        "right typed answer": count_queries(lambda: client.post(answer, {"step": 0, "text": "Kim Dae-jung"}, **HTMX)),
        "wrong typed answer": count_queries(lambda: client.post(answer, {"step": 1, "text": "DJ"}, **HTMX)),
        "override": count_queries(lambda: client.post(reverse("quiz:override", args=[attempt.pk, 2]), **HTMX)),
        "typo typed answer": count_queries(lambda: client.post(answer, {"step": 2, "text": "Kim Dea-jung"}, **HTMX)),
        "feedback page": count_queries(lambda: client.get(reverse("quiz:question", args=[attempt.pk, 1]))),
    }


def test_typed_paths_do_not_grow_with_bank_or_history(learner_client, learner):
    small = measure(learner_client, learner)
    grow(learner, facts=60, history=40)
    large = measure(learner_client, learner)
    assert small == large
    assert small["hint"] <= HINT_POST_QUERIES
    assert max(small["typed question page"], small["hinted question page"]) <= QUESTION_PAGE_QUERIES
    assert max(small["right typed answer"], small["typo typed answer"]) <= ANSWER_POST_QUERIES
    assert small["wrong typed answer"] <= WRONG_TYPED_ANSWER_QUERIES
    assert small["override"] <= OVERRIDE_POST_QUERIES


def typed_attempt_of(learner):
    quiz = QuizFactory(owner=learner)
    QuestionFactory(quiz=quiz, position=0, typed=True)
    return AttemptFactory(quiz=quiz)


# The same paths with pytest-django's exact count (savepoints included: the test runs in a transaction),
# at two bank and history sizes.
@pytest.mark.parametrize("size", [5, 80])
def test_a_typed_answer_runs_the_same_queries_at_any_bank_size(
    learner_client, learner, size, django_assert_num_queries
):
    grow(learner, facts=size, history=size // 2)
    attempt = typed_attempt_of(learner)
    with django_assert_num_queries(EXACT_TYPED_ANSWER):
        learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 0, "text": "Kim Dae-jung"}, **HTMX)


@pytest.mark.parametrize("size", [5, 80])
def test_the_hint_runs_the_same_queries_at_any_bank_size(learner_client, learner, size, django_assert_num_queries):
    grow(learner, facts=size, history=size // 2)
    attempt = typed_attempt_of(learner)
    with django_assert_num_queries(EXACT_HINT):
        learner_client.post(reverse("quiz:hint", args=[attempt.pk]), {"step": 0}, **HTMX)
