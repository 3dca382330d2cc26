"""The one-statement read behind the question page and the answer POST: the attempt, its quiz, its question."""

import pytest

from quiz import sql
from quiz.models import Attempt
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def lookup(attempt, *, number, learner_id=None):
    return sql.attempt_with_question(attempt_id=attempt.pk, learner_id=learner_id or attempt.learner_id, number=number)


def test_it_reads_the_attempt_its_quiz_title_and_the_numbered_question(attempt):
    found, question = lookup(attempt, number=2)
    stored = attempt.quiz.questions.get(position=1)
    assert (found.pk, found.step, found.state, found.question_count) == (attempt.pk, 0, "in_progress", 3)
    assert found.quiz.title == attempt.quiz.title
    assert (question.pk, question.options, question.key, question.citations) == (
        stored.pk,
        stored.options,
        stored.key,
        stored.citations,
    )


def test_the_fields_it_leaves_out_still_load_when_read(attempt, django_assert_num_queries):
    found, _ = lookup(attempt, number=1)
    with django_assert_num_queries(1):
        assert found.started_at == attempt.started_at


@pytest.mark.parametrize("number", [0, 4, 32768, 2**70])
def test_a_number_the_quiz_does_not_have_gives_no_question(attempt, number):
    found, question = lookup(attempt, number=number)
    assert found.pk == attempt.pk and question is None


def test_another_learners_attempt_does_not_exist(attempt):
    with pytest.raises(Attempt.DoesNotExist):
        lookup(attempt, number=1, learner_id=UserFactory().pk)


@pytest.mark.parametrize("attempt_id", [0, -1, 2**63, 2**70])
def test_an_id_no_row_can_have_does_not_exist(attempt, attempt_id):
    with pytest.raises(Attempt.DoesNotExist):
        sql.attempt_with_question(attempt_id=attempt_id, learner_id=attempt.learner_id, number=1)
