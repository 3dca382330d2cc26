"""Answering a question: server-graded, stored, fed to FSRS, with feedback and citations."""

import datetime

import fsrs
import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.models import Answer, Attempt, MemoryState
from tests.conftest import HTMX
from tests.factories import AttemptFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


def answer_url(attempt):
    return reverse("quiz:answer", args=[attempt.pk])


def test_a_correct_htmx_answer_swaps_in_feedback_with_the_citation(learner_client, attempt):
    response = learner_client.post(answer_url(attempt), {"step": 0, "option": 2}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Correct" in html and "Agency Charlie is the one." in html
    assert "Source: Oh &amp; Zholamanova 2021, Table 2" in html
    assert reverse("quiz:question", args=[attempt.pk, 2]) in html  # the Next button
    assert "<html" not in html


def test_the_answer_is_stored_with_its_score_and_the_attempt_moves_on(learner_client, attempt):
    learner_client.post(answer_url(attempt), {"step": 0, "option": 2}, **HTMX)
    stored = Answer.objects.get()
    attempt.refresh_from_db()
    assert (stored.given, stored.score, stored.is_correct) == (2, 1.0, True)
    assert (attempt.step, attempt.score, attempt.correct_count) == (1, 1.0, 1)
    assert attempt.last_answered_at is not None


def test_a_wrong_answer_shows_the_correct_one(learner_client, attempt):
    response = learner_client.post(answer_url(attempt), {"step": 0, "option": 0}, **HTMX)
    html = response.content.decode()
    assert "Not quite" in html
    assert "Your answer: <strong>Agency Alpha</strong>" in html
    assert "Correct answer: <strong>Agency Charlie</strong>" in html
    assert Answer.objects.get().score == 0.0


def test_the_progress_panel_updates_out_of_band_and_an_event_is_triggered(learner_client, attempt):
    response = learner_client.post(answer_url(attempt), {"step": 0, "option": 2}, **HTMX)
    html = response.content.decode()
    assert 'id="attempt-panel"' in html and 'hx-swap-oob="true"' in html
    assert "Answered 1 of 3" in html
    assert "progress-changed" in response["HX-Trigger"]


def test_any_option_a_cited_source_supports_is_marked_right(learner):
    quiz = QuizFactory(owner=learner)
    QuestionFactory(quiz=quiz, key=[1, 2], also_accepted=[])
    attempt = AttemptFactory(quiz=quiz)
    from django.test import Client

    client = Client()
    client.force_login(learner)
    client.post(answer_url(attempt), {"step": 0, "option": 1}, **HTMX)
    assert Answer.objects.get().is_correct


def test_without_javascript_the_answer_redirects_to_the_feedback_page(learner_client, attempt):
    response = learner_client.post(answer_url(attempt), {"step": 0, "option": 2})
    question_url = reverse("quiz:question", args=[attempt.pk, 1])
    assert response.status_code == 303 and response["Location"] == question_url
    page = learner_client.get(question_url).content.decode()
    assert "Correct" in page and "Source: Oh &amp; Zholamanova 2021, Table 2" in page and "<html" in page


def test_a_correct_answer_is_a_good_review_of_the_fact(learner_client, attempt):
    learner_client.post(answer_url(attempt), {"step": 0, "option": 2}, **HTMX)
    state = MemoryState.objects.get(fact_id=attempt.quiz.questions.get(position=0).fact_ids[0])
    good_first_review = fsrs.Scheduler(enable_fuzzing=False).review_card(fsrs.Card(), fsrs.Rating.Good)[0]
    assert state.reps == 1 and state.stability == pytest.approx(good_first_review.stability)


def test_a_correct_answer_schedules_the_fact_later_than_a_wrong_one(learner_client, attempt):
    learner_client.post(answer_url(attempt), {"step": 0, "option": 2})  # right
    learner_client.post(answer_url(attempt), {"step": 1, "order": [1, 3, 2, 0]})  # event D misplaced
    right = MemoryState.objects.get(fact_id=attempt.quiz.questions.get(position=0).fact_ids[0])
    timeline = attempt.quiz.questions.get(position=1)
    misplaced = MemoryState.objects.get(fact_id=timeline.fact_ids[2])
    assert misplaced.due < right.due and misplaced.stability < right.stability
    assert misplaced.due - timezone.now() < datetime.timedelta(minutes=2)


def test_the_attempt_page_sends_the_learner_to_the_current_question(learner_client, attempt):
    learner_client.post(answer_url(attempt), {"step": 0, "option": 2})
    response = learner_client.get(reverse("quiz:attempt", args=[attempt.pk]))
    assert response["Location"] == reverse("quiz:question", args=[attempt.pk, 2])


def test_a_question_ahead_of_the_attempt_redirects_back(learner_client, attempt):
    response = learner_client.get(reverse("quiz:question", args=[attempt.pk, 3]))
    assert response.status_code == 302 and response["Location"] == reverse("quiz:attempt", args=[attempt.pk])


@pytest.mark.parametrize("number", [0, 4, 99, 32768, 2**70])
def test_a_question_number_out_of_range_redirects_back(learner_client, attempt, number):
    response = learner_client.get(reverse("quiz:question", args=[attempt.pk, number]))
    assert response.status_code == 302 and response["Location"] == reverse("quiz:attempt", args=[attempt.pk])


def test_the_next_question_comes_as_a_fragment_for_htmx(learner_client, attempt):
    learner_client.post(answer_url(attempt), {"step": 0, "option": 2})
    response = learner_client.get(reverse("quiz:question", args=[attempt.pk, 2]), **HTMX)
    html = response.content.decode()
    assert "<html" not in html and "Put these events in order" in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_when_every_question_is_answered_the_attempt_page_offers_to_finish(learner_client, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(step=3, score=2)
    response = learner_client.get(reverse("quiz:attempt", args=[attempt.pk]))
    assert response.status_code == 200 and reverse("quiz:finish", args=[attempt.pk]) in response.content.decode()


def test_finishing_closes_the_attempt_and_shows_the_review(learner_client, attempt):
    learner_client.post(answer_url(attempt), {"step": 0, "option": 2})
    response = learner_client.post(reverse("quiz:finish", args=[attempt.pk]), {"confirm": "yes"})
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.finished_at is not None
    assert response.status_code == 303 and response["Location"] == reverse("quiz:review", args=[attempt.pk])


def test_finishing_with_htmx_is_a_client_redirect(learner_client, attempt):
    response = learner_client.post(reverse("quiz:finish", args=[attempt.pk]), {"confirm": "yes"}, **HTMX)
    assert response["HX-Redirect"] == reverse("quiz:review", args=[attempt.pk])


def test_the_review_shows_every_question_answer_and_source(learner_client, attempt):
    learner_client.post(answer_url(attempt), {"step": 0, "option": 0})
    learner_client.post(reverse("quiz:finish", args=[attempt.pk]), {"confirm": "yes"})
    html = learner_client.get(reverse("quiz:review", args=[attempt.pk])).content.decode()
    assert html.count('class="review-item') == 3
    assert "Your answer: <strong>Agency Alpha</strong>" in html
    assert "not answered" in html
    assert 'Event A <span class="muted">(1991)</span>' in html
    assert html.count("Source: Oh &amp; Zholamanova 2021, Table 2") == 3


def test_the_review_of_an_open_attempt_redirects_to_it(learner_client, attempt):
    response = learner_client.get(reverse("quiz:review", args=[attempt.pk]))
    assert response["Location"] == reverse("quiz:attempt", args=[attempt.pk])


def test_abandoning_closes_the_attempt(learner_client, attempt):
    response = learner_client.post(reverse("quiz:abandon", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.ABANDONED and response.status_code == 303
