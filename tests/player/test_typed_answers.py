"""Type the answer in the player: the page, server grading, the stored text, feedback, and refusals."""

import pytest
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse

from quiz.models import Answer
from tests.conftest import HTMX
from tests.factories import AnswerFactory
from tests.html import assert_valid_html
from tests.player.conftest import answer_typed, memory_of, snapshot

pytestmark = pytest.mark.django_db


def question_url(attempt, number=1):
    return reverse("quiz:question", args=[attempt.pk, number])


def test_the_question_shows_a_text_box_and_no_accepted_answer(learner_client, typed_attempt):
    html = learner_client.get(question_url(typed_attempt)).content.decode()
    assert 'name="text"' in html and 'maxlength="200"' in html
    for secret in ("Kim Dae-jung", "Kim Daejung", "Kim Dae Jung", "Kim Young-sam", "Tashkent in 1998."):
        assert secret not in html
    assert_valid_html(html)


def test_a_right_answer_is_stored_with_its_text_and_counts(learner_client, learner, typed_attempt):
    response = answer_typed(learner_client, typed_attempt, "kim dae-jung")
    assert response.status_code == 303
    answer = Answer.objects.get()
    assert (answer.text, answer.is_correct, answer.score, answer.hinted) == ("kim dae-jung", True, 1.0, False)
    typed_attempt.refresh_from_db()
    assert (typed_attempt.step, typed_attempt.score, typed_attempt.correct_count) == (1, 1.0, 1)


def test_the_feedback_of_a_right_answer_says_correct(learner_client, typed_attempt):
    html = answer_typed(learner_client, typed_attempt, "Kim Daejung", **HTMX).content.decode()
    assert "Correct" in html and "Kim Daejung" in html and "Accepted — it is spelled" not in html
    assert "I was right" not in html


def test_a_typo_is_accepted_and_the_spelling_shown(learner_client, typed_attempt):
    html = answer_typed(learner_client, typed_attempt, "Kim Dea-jung", **HTMX).content.decode()
    assert "Accepted — it is spelled Kim Dae-jung." in html
    assert Answer.objects.get().is_correct


def test_a_rival_answer_is_wrong_not_a_typo(learner_client, typed_attempt):
    html = answer_typed(learner_client, typed_attempt, "Kim Young-sam", **HTMX).content.decode()
    answer = Answer.objects.get()
    assert not answer.is_correct and answer.score == 0
    assert "Not quite" in html and "Correct answer: <strong>Kim Dae-jung</strong>" in html


def test_feedback_lists_the_accepted_answers_and_the_fact(learner_client, typed_attempt):
    html = answer_typed(learner_client, typed_attempt, "nobody", **HTMX).content.decode()
    assert "Also accepted, because a cited source or the established record supports it: Kim Dae Jung" in html
    assert "Other spellings accepted: Kim Daejung" in html
    assert "Kim Dae-jung visited Tashkent in 1998." in html


def test_the_feedback_page_without_javascript_shows_the_verdict(learner_client, typed_attempt):
    answer_typed(learner_client, typed_attempt, "Kim Dae-jun")
    html = learner_client.get(question_url(typed_attempt)).content.decode()
    assert "Accepted — it is spelled Kim Dae-jung." in html and "Kim Dae-jun" in html
    assert_valid_html(html)


def test_a_right_answer_reviews_the_fact_good_and_a_wrong_one_again(learner_client, learner, typed_attempt):
    answer_typed(learner_client, typed_attempt, "Kim Dae-jung")
    question = typed_attempt.quiz.questions.get(position=0)
    # A new card rated Good leaves the first learning step (Again would stay on it).
    assert memory_of(learner, question).step == 1


def test_a_wrong_answer_keeps_the_memory_before_it(learner_client, learner, typed_attempt):
    answer_typed(learner_client, typed_attempt, "Park Chung-hee")
    answer = Answer.objects.get()
    question = typed_attempt.quiz.questions.get(position=0)
    assert answer.memory_before is None  # a new card: "I was right" rebuilds it from nothing
    assert memory_of(learner, question).step == 0  # Again: back to the first learning step


def test_an_overlong_answer_is_refused_and_nothing_is_written(learner_client, typed_attempt):
    before = snapshot(typed_attempt)
    response = answer_typed(learner_client, typed_attempt, "K" * 201)
    assert response.status_code == 400 and "Keep the answer under 200 characters." in response.content.decode()
    assert snapshot(typed_attempt) == before


def test_an_empty_answer_is_refused_with_a_message(learner_client, typed_attempt):
    before = snapshot(typed_attempt)
    response = answer_typed(learner_client, typed_attempt, "   ", **HTMX)
    assert response.status_code == 400 and "Type an answer" in response.content.decode()
    assert snapshot(typed_attempt) == before


def test_a_replayed_answer_is_refused_and_changes_nothing(learner_client, typed_attempt):
    answer_typed(learner_client, typed_attempt, "nobody")
    before = snapshot(typed_attempt)
    response = answer_typed(learner_client, typed_attempt, "Kim Dae-jung")
    assert response.status_code == 409 and "already been answered" in response.content.decode()
    assert snapshot(typed_attempt) == before


def test_an_answer_for_a_stale_step_is_refused(learner_client, typed_attempt):
    before = snapshot(typed_attempt)
    response = answer_typed(learner_client, typed_attempt, "Kim Dae-jung", step=1)
    assert response.status_code == 409
    assert snapshot(typed_attempt) == before


def test_the_database_refuses_a_text_longer_than_the_cap(typed_attempt):
    question = typed_attempt.quiz.questions.get(position=0)
    # PostgreSQL's varchar(200) refuses it as too long (DataError); SQLite, which ignores a varchar's
    # length, by the check constraint (IntegrityError).
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        AnswerFactory(attempt=typed_attempt, question=question, given={}, text="x" * 201)


def test_the_review_shows_what_was_typed(learner_client, typed_attempt):
    answer_typed(learner_client, typed_attempt, "Kim Young-sam")
    learner_client.post(reverse("quiz:finish", args=[typed_attempt.pk]), {"confirm": "yes"})
    html = learner_client.get(reverse("quiz:review", args=[typed_attempt.pk])).content.decode()
    assert "Type the answer" in html and "Kim Young-sam" in html and "Kim Dae-jung" in html
    assert_valid_html(html)
