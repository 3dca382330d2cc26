""" "I was right" after a wrong typed verdict: once, only then, counted right for the round, recorded for an editor."""

import pytest
from django.urls import reverse

from quiz.models import LearnAnswer, LearnStage, MemoryState, TypedOverride
from tests.conftest import HTMX
from tests.factories import CountryFactory, UserFactory
from tests.html import assert_valid_html
from tests.learn.conftest import current, post_answer, scholars, snapshot, start

pytestmark = pytest.mark.django_db
WRONG = "Aigerim Bekovna-Sultan"


@pytest.fixture
def wrong_typed(learner_client):
    """A round whose latest answer is a typed one marked wrong: (round, that answer)."""
    country = CountryFactory(slug="kyrgyzstan")
    scholars(["Aigerim Bekova", "Dauren Sultanov", "Madina Yusupova", "Timur Rakhimov"], country=country)
    round_ = start(learner_client, countries=[country.pk])
    for _ in range(round_.item_count):
        post_answer(learner_client, round_)
    post_answer(learner_client, round_, text=WRONG)
    answer = LearnAnswer.objects.latest("turn")
    assert answer.is_typed and not answer.correct
    round_.refresh_from_db()
    return round_, answer


def override_url(round_, answer):
    return reverse("quiz:learn-override", args=[round_.pk, answer.pk])


def say_i_was_right(client, round_, answer, **headers):
    round_.refresh_from_db()
    return client.post(override_url(round_, answer), {"turn": round_.turn}, **headers)


def test_the_wrong_typed_verdict_offers_i_was_right(learner_client, wrong_typed):
    round_, answer = wrong_typed
    response = learner_client.get(reverse("quiz:learn-answer", args=[round_.pk, answer.pk]))
    assert_valid_html(response)
    assert "I was right" in response.content.decode()


def test_a_right_or_a_choice_verdict_offers_no_override(learner_client, wrong_typed):
    round_, _ = wrong_typed
    choice = LearnAnswer.objects.filter(round=round_).earliest("turn")
    assert (
        "I was right"
        not in learner_client.get(reverse("quiz:learn-answer", args=[round_.pk, choice.pk])).content.decode()
    )


def test_i_was_right_counts_the_fact_as_done_for_the_round(learner_client, wrong_typed):
    round_, answer = wrong_typed
    assert say_i_was_right(learner_client, round_, answer).status_code == 303
    answer.refresh_from_db()
    answer.item.refresh_from_db()
    round_.refresh_from_db()
    assert answer.overridden and answer.item.stage == LearnStage.DONE and round_.done_count == 1
    assert answer.item.overridden and answer.item.misses == 0


def test_i_was_right_records_the_text_for_an_editor(learner_client, learner, wrong_typed):
    round_, answer = wrong_typed
    say_i_was_right(learner_client, round_, answer)
    override = TypedOverride.objects.get()
    assert (override.learner, override.fact_id, override.text) == (learner, answer.item.fact_id, WRONG)
    assert override.origin == TypedOverride.Origin.LEARN and override.question is None


def test_i_was_right_reviews_the_fact_as_a_right_answer_instead_of_again(learner_client, learner, wrong_typed):
    round_, answer = wrong_typed
    say_i_was_right(learner_client, round_, answer)
    state = MemoryState.objects.get(learner=learner, fact=answer.item.fact)
    # The choice's Good, then Good in place of the Again: two reviews, no lapse, not relearning.
    assert state.reps == 2 and state.lapses == 0 and state.state != 3


def test_with_htmx_the_verdict_is_swapped_for_counted_as_right(learner_client, wrong_typed):
    round_, answer = wrong_typed
    response = say_i_was_right(learner_client, round_, answer, **HTMX)
    assert response.status_code == 200
    assert_valid_html(response, fragment=True)
    body = response.content.decode()
    assert "Counted as right" in body and "I was right</button>" not in body


def test_i_was_right_is_accepted_once(learner_client, wrong_typed):
    round_, answer = wrong_typed
    say_i_was_right(learner_client, round_, answer)
    before = snapshot()
    response = say_i_was_right(learner_client, round_, answer)
    assert response.status_code == 409 and snapshot() == before
    assert TypedOverride.objects.count() == 1


def test_i_was_right_is_refused_on_a_right_answer(learner_client, wrong_typed):
    round_, _ = wrong_typed
    right = LearnAnswer.objects.filter(round=round_, correct=True).latest("turn")
    before = snapshot()
    assert say_i_was_right(learner_client, round_, right).status_code == 409
    assert snapshot() == before


def test_i_was_right_is_refused_once_the_round_moved_on(learner_client, wrong_typed):
    round_, answer = wrong_typed
    post_answer(learner_client, round_)
    before = snapshot()
    assert say_i_was_right(learner_client, round_, answer).status_code == 409
    assert snapshot() == before


def test_i_was_right_on_another_learners_round_is_a_404(client, wrong_typed):
    round_, answer = wrong_typed
    client.force_login(UserFactory())
    before = snapshot()
    assert client.post(override_url(round_, answer), {"turn": round_.turn}).status_code == 404
    assert snapshot() == before


def test_an_overridden_fact_is_not_asked_again_in_the_round(learner_client, wrong_typed):
    round_, answer = wrong_typed
    say_i_was_right(learner_client, round_, answer)
    remaining = set()
    while (item := current(round_)) is not None:
        remaining.add(item.pk)
        post_answer(learner_client, round_)
    assert answer.item_id not in remaining
    assert LearnAnswer.objects.filter(item=answer.item).count() == 2
