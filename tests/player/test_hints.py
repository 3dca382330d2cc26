"""The hint of a typed question: revealed by a POST, recorded on the attempt, and a right answer after it
is reviewed as Hard."""

import pytest
from django.urls import reverse

from quiz.models import Answer, MemoryState
from quiz.scheduling import Rating, scheduler
from tests.conftest import HTMX
from tests.factories import AttemptFactory, QuestionFactory, QuizFactory, UserFactory
from tests.html import assert_valid_html
from tests.player.conftest import answer_typed, memory_of, snapshot

pytestmark = pytest.mark.django_db
HINT = "K__ D__-____"


def reveal(client, attempt, step=0, **headers):
    return client.post(reverse("quiz:hint", args=[attempt.pk]), {"step": step}, **headers)


def test_the_question_offers_a_hint_button_not_the_hint(learner_client, typed_attempt):
    html = learner_client.get(reverse("quiz:question", args=[typed_attempt.pk, 1])).content.decode()
    assert "Show a hint" in html and HINT not in html


def test_with_htmx_the_hint_swaps_in_and_is_recorded(learner_client, typed_attempt):
    response = reveal(learner_client, typed_attempt, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="typed-hint"' in html and HINT in html
    assert "Kim Dae-jung" not in html
    typed_attempt.refresh_from_db()
    assert typed_attempt.hinted_step == 0


def test_without_javascript_the_hint_post_redirects_to_the_question_which_shows_it(learner_client, typed_attempt):
    response = reveal(learner_client, typed_attempt)
    assert response.status_code == 303
    html = learner_client.get(response["Location"]).content.decode()
    assert HINT in html and "Show a hint" not in html
    assert_valid_html(html)


def test_revealing_twice_gives_the_same_hint(learner_client, typed_attempt):
    reveal(learner_client, typed_attempt)
    response = reveal(learner_client, typed_attempt, **HTMX)
    assert response.status_code == 200 and HINT in response.content.decode()


def test_a_right_answer_after_the_hint_is_stored_hinted_and_reviewed_hard(learner_client, learner, typed_attempt):
    reveal(learner_client, typed_attempt)
    html = answer_typed(learner_client, typed_attempt, "Kim Dae-jung", **HTMX).content.decode()
    answer = Answer.objects.get()
    assert answer.hinted and answer.is_correct and "with the hint" in html
    question = typed_attempt.quiz.questions.get(position=0)
    hard = MemoryState(learner=learner, fact_id=question.fact_ids[0])
    card, _ = scheduler().review_card(hard.as_card(), Rating.Hard, answer.answered_at)
    assert memory_of(learner, question).due == card.due


def test_the_answer_form_cannot_take_the_hint_back(learner_client, typed_attempt):
    reveal(learner_client, typed_attempt)
    learner_client.post(
        reverse("quiz:answer", args=[typed_attempt.pk]), {"step": 0, "text": "Kim Dae-jung", "hinted": "false"}
    )
    assert Answer.objects.get().hinted


def test_the_hint_of_one_question_does_not_mark_the_next(learner_client, learner):
    quiz = QuizFactory(owner=learner)
    QuestionFactory(quiz=quiz, position=0, typed=True)
    QuestionFactory(quiz=quiz, position=1, typed=True)
    attempt = AttemptFactory(quiz=quiz)
    reveal(learner_client, attempt)
    answer_typed(learner_client, attempt, "Kim Dae-jung")
    answer_typed(learner_client, attempt, "Kim Dae-jung", step=1)
    assert list(Answer.objects.order_by("question__position").values_list("hinted", flat=True)) == [True, False]


def test_a_hint_for_an_answered_step_is_refused_and_writes_nothing(learner_client, typed_attempt):
    answer_typed(learner_client, typed_attempt, "Kim Dae-jung")
    before = snapshot(typed_attempt)
    response = reveal(learner_client, typed_attempt, step=0, **HTMX)
    assert response.status_code == 409 and "already been answered" in response.content.decode()
    assert response["HX-Retarget"] == "#quiz-main"
    typed_attempt.refresh_from_db()
    assert snapshot(typed_attempt) == before and typed_attempt.hinted_step is None


def test_a_hint_for_a_choice_question_is_refused(learner_client, typed_attempt):
    answer_typed(learner_client, typed_attempt, "Kim Dae-jung")
    response = reveal(learner_client, typed_attempt, step=1)
    assert response.status_code == 400 and "Only a “Type the answer” question has a hint." in response.content.decode()
    typed_attempt.refresh_from_db()
    assert typed_attempt.hinted_step is None


@pytest.mark.parametrize("data", [{}, {"step": "x"}, {"step": "-1"}, {"step": str(2**70)}])
def test_a_malformed_hint_form_is_refused_with_400(learner_client, typed_attempt, data):
    response = learner_client.post(reverse("quiz:hint", args=[typed_attempt.pk]), data)
    assert response.status_code == 400 and "The hint form is incomplete" in response.content.decode()


def test_a_hint_on_another_learners_attempt_is_a_404(client, typed_attempt):
    client.force_login(UserFactory())
    assert reveal(client, typed_attempt).status_code == 404
    typed_attempt.refresh_from_db()
    assert typed_attempt.hinted_step is None


def test_a_get_on_the_hint_url_is_not_allowed(learner_client, typed_attempt):
    assert learner_client.get(reverse("quiz:hint", args=[typed_attempt.pk])).status_code == 405
