"""Memory states are written by compare-and-set: a review read before someone else's is redone on top of it."""

from unittest import mock

import pytest
from django.utils import timezone

from quiz import scheduling, sql
from quiz.models import MemoryState
from quiz.scheduling import Rating, StaleReview, review_facts
from tests.factories import FactFactory, MemoryStateFactory, UserFactory

pytestmark = pytest.mark.django_db


def reviewed_copy(state: MemoryState, *, reps: int) -> MemoryState:
    """The state as a review computed from a read at `reps - 1` would write it."""
    copy = MemoryState.objects.get(pk=state.pk)
    copy.reps, copy.stability = reps, 99.0
    return copy


def test_a_new_state_is_inserted_and_gets_its_id():
    learner, fact = UserFactory(), FactFactory()
    state = MemoryState(learner=learner, fact=fact, state=1, stability=1.0, difficulty=5.0, reps=1)
    state.due = state.last_review = timezone.now()
    assert sql.save_memory_states_if_unchanged(states=[state]) == {fact.pk}
    assert MemoryState.objects.get(learner=learner, fact=fact).pk == state.pk


def test_a_state_read_at_the_current_review_count_is_written():
    stored = MemoryStateFactory(reps=3)
    assert sql.save_memory_states_if_unchanged(states=[reviewed_copy(stored, reps=4)]) == {stored.fact_id}
    stored.refresh_from_db()
    assert (stored.reps, stored.stability) == (4, 99.0)


def test_a_state_read_before_another_review_is_not_written():
    stored = MemoryStateFactory(reps=3)
    assert sql.save_memory_states_if_unchanged(states=[reviewed_copy(stored, reps=3)]) == set()
    stored.refresh_from_db()
    assert (stored.reps, stored.stability) == (3, 10.5)


def test_a_first_review_racing_an_existing_row_is_not_written():
    stored = MemoryStateFactory(reps=1)
    first = MemoryState(learner=stored.learner, fact=stored.fact, state=1, stability=2.0, difficulty=5.0, reps=1)
    first.due = first.last_review = timezone.now()
    assert sql.save_memory_states_if_unchanged(states=[first]) == set()
    assert MemoryState.objects.get(pk=stored.pk).stability == 10.5


def interleaved(other_reviews: int):
    """The compare-and-set write, but another review of each fact commits before the first `other_reviews` writes."""
    real = sql.save_memory_states_if_unchanged
    calls = {"writes": 0}

    def write(*, states):
        if calls["writes"] < other_reviews:
            for state in states:
                MemoryState.objects.filter(learner=state.learner, fact_id=state.fact_id).update(reps=state.reps)
        calls["writes"] += 1
        return real(states=states)

    return mock.patch.object(sql, "save_memory_states_if_unchanged", side_effect=write), calls


def test_a_review_that_loses_the_race_is_redone_on_top_of_the_other():
    stored = MemoryStateFactory(reps=1)
    patch, calls = interleaved(other_reviews=1)
    with patch:
        states = review_facts(learner=stored.learner, ratings={stored.fact_id: Rating.Good}, now=timezone.now())
    assert calls["writes"] == 2
    assert states[stored.fact_id].reps == MemoryState.objects.get(pk=stored.pk).reps == 3


def test_a_flashcard_rating_that_loses_the_race_is_refused_not_redone():
    stored = MemoryStateFactory(reps=1)
    patch, calls = interleaved(other_reviews=1)
    with patch, pytest.raises(StaleReview):
        review_facts(
            learner=stored.learner,
            ratings={stored.fact_id: Rating.Good},
            now=timezone.now(),
            expected_reps={stored.fact_id: 1},
        )
    assert calls["writes"] == 1


def test_a_fact_that_keeps_losing_is_refused_after_the_last_round():
    stored = MemoryStateFactory(reps=1)
    patch, calls = interleaved(other_reviews=scheduling.REVIEW_ROUNDS)
    with patch, pytest.raises(StaleReview):
        review_facts(learner=stored.learner, ratings={stored.fact_id: Rating.Good}, now=timezone.now())
    assert calls["writes"] == scheduling.REVIEW_ROUNDS
