"""“I was right”: once, in practice only, after a wrong verdict on a typed answer; the answer then counts,
the override is stored for an editor, and the fact's Again review is replaced by Good."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from quiz.models import Answer, Attempt, MemoryState, TypedOverride
from quiz.scheduling import Rating, rate_flashcard, scheduler
from tests.conftest import HTMX
from tests.factories import AssignmentFactory, AttemptFactory, UserFactory
from tests.player.conftest import answer_typed, memory_of, snapshot

pytestmark = pytest.mark.django_db


def override(client, attempt, number=1, **headers):
    return client.post(reverse("quiz:override", args=[attempt.pk, number]), **headers)


@pytest.fixture
def wrong(learner_client, typed_attempt):
    """The typed question answered "DJ", his well-known initials, which the key does not list."""
    answer_typed(learner_client, typed_attempt, "DJ")
    return Answer.objects.get()


def test_a_wrong_typed_answer_offers_i_was_right(learner_client, typed_attempt, wrong):
    html = learner_client.get(reverse("quiz:question", args=[typed_attempt.pk, 1])).content.decode()
    assert "I was right" in html and reverse("quiz:override", args=[typed_attempt.pk, 1]) in html


def test_the_override_counts_the_answer_as_right(learner_client, typed_attempt, wrong):
    response = override(learner_client, typed_attempt, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "Counted as right" in html and "I was right" not in html
    wrong.refresh_from_db()
    assert (wrong.is_correct, wrong.score, wrong.overridden) == (True, 1.0, True)
    typed_attempt.refresh_from_db()
    assert (typed_attempt.score, typed_attempt.correct_count) == (1.0, 1)


def test_the_override_is_stored_for_an_editor(learner_client, learner, typed_attempt, wrong):
    override(learner_client, typed_attempt)
    stored = TypedOverride.objects.get()
    question = typed_attempt.quiz.questions.get(position=0)
    assert (stored.learner, stored.fact_id, stored.question, stored.text) == (
        learner,
        question.fact_ids[0],
        question,
        "DJ",
    )


def test_without_javascript_the_override_redirects_to_the_feedback(learner_client, typed_attempt, wrong):
    response = override(learner_client, typed_attempt)
    assert response.status_code == 303
    assert response["Location"] == reverse("quiz:question", args=[typed_attempt.pk, 1])


def test_the_again_review_is_replaced_by_good_at_the_answer_time(learner_client, learner, typed_attempt, wrong):
    override(learner_client, typed_attempt)
    question = typed_attempt.quiz.questions.get(position=0)
    state = memory_of(learner, question)
    good, _ = scheduler().review_card(
        MemoryState(fact_id=question.fact_ids[0]).as_card(), Rating.Good, wrong.answered_at
    )
    assert (state.reps, state.step, state.due, state.stability) == (1, good.step, good.due, good.stability)


def test_a_review_since_the_answer_is_kept_and_good_added_on_top(learner_client, learner, typed_attempt, wrong):
    question = typed_attempt.quiz.questions.get(position=0)
    later = timezone.now() + datetime.timedelta(minutes=5)
    rate_flashcard(learner=learner, fact_id=question.fact_ids[0], rating=Rating.Again, expected_reps=1, now=later)
    override(learner_client, typed_attempt)
    assert memory_of(learner, question).reps == 3


def test_a_second_override_is_refused_and_changes_nothing(learner_client, typed_attempt, wrong):
    override(learner_client, typed_attempt)
    before = snapshot(typed_attempt), TypedOverride.objects.count()
    response = override(learner_client, typed_attempt)
    assert response.status_code == 409 and "already said you were right" in response.content.decode()
    assert (snapshot(typed_attempt), TypedOverride.objects.count()) == before


def test_an_override_after_a_right_verdict_is_refused(learner_client, typed_attempt):
    answer_typed(learner_client, typed_attempt, "Kim Dae-jung")
    before = snapshot(typed_attempt)
    response = override(learner_client, typed_attempt)
    assert response.status_code == 409 and "accepted already" in response.content.decode()
    assert snapshot(typed_attempt) == before and not TypedOverride.objects.exists()


def test_an_override_of_a_choice_question_is_refused(learner_client, typed_attempt, wrong):
    learner_client.post(reverse("quiz:answer", args=[typed_attempt.pk]), {"step": 1, "option": 0})
    before = snapshot(typed_attempt)
    response = override(learner_client, typed_attempt, number=2)
    assert response.status_code == 409 and "Only an answer you typed" in response.content.decode()
    assert snapshot(typed_attempt) == before


def test_an_override_of_an_unanswered_question_is_refused(learner_client, typed_attempt):
    response = override(learner_client, typed_attempt)
    assert response.status_code == 409 and "has not been answered" in response.content.decode()


def test_in_an_assignment_there_is_no_override(client, typed_attempt):
    student = typed_attempt.learner
    AssignmentFactory(quiz=typed_attempt.quiz)
    client.force_login(student)
    html = answer_typed(client, typed_attempt, "DJ", **HTMX).content.decode()
    assert "Not quite" in html and "I was right" not in html
    before = snapshot(typed_attempt)
    response = override(client, typed_attempt)
    assert response.status_code == 409 and "In an assignment the answer key decides" in response.content.decode()
    assert snapshot(typed_attempt) == before and not TypedOverride.objects.exists()


def test_another_learners_attempt_is_a_404(client, typed_attempt, wrong):
    client.force_login(UserFactory())
    assert override(client, typed_attempt).status_code == 404
    wrong.refresh_from_db()
    assert not wrong.overridden and not TypedOverride.objects.exists()


def test_an_override_of_a_finished_practice_attempt_updates_its_score(learner_client, typed_attempt, wrong):
    learner_client.post(reverse("quiz:finish", args=[typed_attempt.pk]), {"confirm": "yes"})
    assert override(learner_client, typed_attempt).status_code == 303
    attempt = Attempt.objects.get(pk=typed_attempt.pk)
    assert attempt.state == Attempt.State.FINISHED and attempt.score == 1.0


def test_the_database_keeps_an_overridden_answer_counted(typed_attempt, wrong):
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(pk=wrong.pk).update(overridden=True)


def test_a_get_on_the_override_url_is_not_allowed(learner_client, typed_attempt, wrong):
    assert learner_client.get(reverse("quiz:override", args=[typed_attempt.pk, 1])).status_code == 405


def test_a_retake_cannot_override_a_question_overridden_before(learner_client, learner, typed_attempt, wrong):
    override(learner_client, typed_attempt)
    learner_client.post(reverse("quiz:finish", args=[typed_attempt.pk]), {"confirm": "yes"})
    retake = AttemptFactory(quiz=typed_attempt.quiz, learner=learner)
    answer_typed(learner_client, retake, "DJ")
    response = override(learner_client, retake)
    assert response.status_code == 409 and "already said you were right" in response.content.decode()
    assert not Answer.objects.get(attempt=retake).is_correct and TypedOverride.objects.count() == 1
