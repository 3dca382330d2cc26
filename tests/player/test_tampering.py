"""Answers that must change nothing: stale, replayed, foreign, malformed or after the end (400/404/409)."""

from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz import attempts, sql
from quiz.models import Answer, Attempt
from tests.conftest import HTMX
from tests.factories import AttemptFactory, QuestionFactory, QuizFactory, UserFactory
from tests.player.conftest import snapshot

pytestmark = pytest.mark.django_db


def answer_url(attempt):
    return reverse("quiz:answer", args=[attempt.pk])


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_an_option_that_does_not_belong_to_the_question_is_refused(learner_client, attempt, headers):
    before = snapshot(attempt)
    response = learner_client.post(answer_url(attempt), {"step": 0, "option": 7}, **headers)
    assert response.status_code == 400
    assert "does not belong to this question" in response.content.decode()
    assert snapshot(attempt) == before


@pytest.mark.parametrize("option", ["", "two", "-1", "2.5"])
def test_a_malformed_option_is_refused(learner_client, attempt, option):
    before = snapshot(attempt)
    assert learner_client.post(answer_url(attempt), {"step": 0, "option": option}).status_code == 400
    assert snapshot(attempt) == before


@pytest.mark.parametrize("step", ["", "x", "1e3"])
def test_a_malformed_step_is_refused(learner_client, attempt, step):
    before = snapshot(attempt)
    assert learner_client.post(answer_url(attempt), {"step": step, "option": 2}).status_code == 400
    assert snapshot(attempt) == before


def test_a_replayed_answer_is_a_conflict(learner_client, attempt):
    learner_client.post(answer_url(attempt), {"step": 0, "option": 2}, **HTMX)
    before = snapshot(attempt)
    response = learner_client.post(answer_url(attempt), {"step": 0, "option": 0}, **HTMX)
    assert response.status_code == 409 and "already been answered" in response.content.decode()
    assert snapshot(attempt) == before and Answer.objects.count() == 1


def test_a_stale_page_from_another_tab_is_a_conflict(learner_client, attempt):
    learner_client.post(answer_url(attempt), {"step": 0, "option": 2})
    learner_client.post(answer_url(attempt), {"step": 1, "order": [1, 3, 0, 2]})
    before = snapshot(attempt)
    response = learner_client.post(answer_url(attempt), {"step": 1, "order": [0, 1, 2, 3], "confirm_order": "on"})
    assert response.status_code == 409 and snapshot(attempt) == before


@pytest.mark.parametrize("step", ["-1", "-7", "32767", str(2**70)])
def test_a_step_no_question_has_is_a_conflict(learner_client, attempt, step):
    before = snapshot(attempt)
    assert learner_client.post(answer_url(attempt), {"step": step, "option": 2}).status_code == 409
    assert snapshot(attempt) == before


def test_an_answer_whose_facts_others_keep_reviewing_is_a_conflict(learner_client, attempt):
    """Every compare-and-set write of the memory state loses: the answer and the attempt's move are undone."""
    before = snapshot(attempt)
    with mock.patch.object(sql, "save_memory_states_if_unchanged", return_value=set()):
        response = learner_client.post(answer_url(attempt), {"step": 0, "option": 2}, **HTMX)
    assert response.status_code == 409 and "try again" in response.content.decode()
    assert snapshot(attempt) == before


def test_a_step_ahead_of_the_attempt_is_a_conflict(learner_client, attempt):
    before = snapshot(attempt)
    assert learner_client.post(answer_url(attempt), {"step": 2, "option": 2}).status_code == 409
    assert snapshot(attempt) == before


def test_an_answer_after_finishing_is_a_conflict(learner_client, attempt):
    learner_client.post(reverse("quiz:finish", args=[attempt.pk]), {"confirm": "yes"})
    before = snapshot(attempt)
    response = learner_client.post(answer_url(attempt), {"step": 0, "option": 2})
    assert response.status_code == 409 and "already finished" in response.content.decode()
    assert snapshot(attempt) == before


def test_finishing_twice_grades_once(learner_client, attempt):
    learner_client.post(reverse("quiz:finish", args=[attempt.pk]), {"confirm": "yes"})
    before = snapshot(attempt)
    assert learner_client.post(reverse("quiz:finish", args=[attempt.pk]), {"confirm": "yes"}).status_code == 409
    assert snapshot(attempt) == before


def test_a_double_click_that_races_past_the_step_check_changes_nothing(learner, attempt):
    """Both requests read step 0; the second one's conditional update matches no row."""
    question = attempt.quiz.questions.get(position=0)
    stale = Attempt.objects.get(pk=attempt.pk)
    attempts.record_answer(learner=learner, attempt=attempt, question=question, given=2, now=timezone.now())
    before = snapshot(attempt)
    with pytest.raises(attempts.AnswerConflict):
        attempts.record_answer(learner=learner, attempt=stale, question=question, given=0, now=timezone.now())
    assert snapshot(attempt) == before


@pytest.mark.parametrize(
    "name, method, data",
    [
        ("quiz:answer", "post", {"step": 0, "option": 2}),
        ("quiz:finish", "post", {"confirm": "yes"}),
        ("quiz:abandon", "post", {}),
        ("quiz:attempt", "get", None),
        ("quiz:review", "get", None),
    ],
)
def test_another_learners_attempt_is_not_found(client, attempt, name, method, data):
    intruder = UserFactory()
    client.force_login(intruder)
    before = snapshot(attempt)
    response = getattr(client, method)(reverse(name, args=[attempt.pk]), data)
    assert response.status_code == 404 and snapshot(attempt) == before


def test_another_learners_question_page_is_not_found(client, attempt):
    client.force_login(UserFactory())
    assert client.get(reverse("quiz:question", args=[attempt.pk, 1])).status_code == 404


def test_a_missing_attempt_is_not_found(learner_client):
    assert learner_client.post(reverse("quiz:answer", args=[999999]), {"step": 0}).status_code == 404


def test_answering_by_get_is_not_allowed(learner_client, attempt):
    assert learner_client.get(answer_url(attempt)).status_code == 405


def test_anonymous_answers_go_to_the_login_page(client, attempt):
    before = snapshot(attempt)
    response = client.post(answer_url(attempt), {"step": 0, "option": 2})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert snapshot(attempt) == before


@pytest.mark.parametrize(
    "order",
    [[0, 1, 2], [0, 1, 2, 3, 3], [0, 0, 1, 2], [0, 1, 2, 4], ["a", 1, 2, 3], []],
    ids=["missing", "extra", "duplicate", "foreign", "not-a-number", "empty"],
)
def test_a_timeline_that_is_not_a_permutation_of_its_items_is_refused(learner_client, attempt, order):
    learner_client.post(answer_url(attempt), {"step": 0, "option": 2})
    before = snapshot(attempt)
    response = learner_client.post(answer_url(attempt), {"step": 1, "order": order, "confirm_order": "on"}, **HTMX)
    assert response.status_code == 400 and snapshot(attempt) == before


def test_the_open_attempt_is_unique_per_learner_and_quiz(learner, attempt):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AttemptFactory(quiz=attempt.quiz, learner=learner)


def test_a_finished_attempt_does_not_block_a_new_one(learner, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(state="finished", finished_at=timezone.now())
    assert AttemptFactory(quiz=attempt.quiz, learner=learner).is_open


def test_a_question_from_another_quiz_cannot_be_answered_in_this_attempt(learner, attempt):
    other = QuestionFactory(quiz=QuizFactory(owner=learner), position=0)
    before = snapshot(attempt)
    with pytest.raises(attempts.AnswerConflict):
        attempts.record_answer(learner=learner, attempt=attempt, question=other, given=2, now=timezone.now())
    assert snapshot(attempt) == before


def test_closing_an_attempt_twice_raises_attempt_closed_and_changes_nothing(attempt):
    attempts.close_attempt(attempt=attempt, state=Attempt.State.FINISHED, now=timezone.now())
    before = snapshot(attempt)
    with pytest.raises(attempts.AttemptClosed, match="already finished"):
        attempts.close_attempt(attempt=attempt, state=Attempt.State.ABANDONED, now=timezone.now())
    assert snapshot(attempt) == before
