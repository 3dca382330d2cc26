"""Re-rating a past review ("I was right"): the review is replaced when nothing came after it, else a new one
is added on top."""

import datetime

import pytest
from django.utils import timezone

from quiz.models import MemoryState
from quiz.scheduling import Rating, replace_review, review_facts, review_facts_noting_before, scheduler
from tests.factories import FactFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed_twice():
    """A learner who rated a fact Good, then (a day later) Again: the Again is the review to re-rate."""
    learner, fact = UserFactory(), FactFactory()
    start = timezone.now() - datetime.timedelta(days=2)
    review_facts(learner=learner, ratings={fact.pk: Rating.Good}, now=start)
    again_at = start + datetime.timedelta(days=1)
    _, before = review_facts_noting_before(learner=learner, ratings={fact.pk: Rating.Again}, now=again_at)
    return learner, fact, before[fact.pk], again_at


def test_the_memory_before_a_review_is_noted(reviewed_twice):
    _, _, before, _ = reviewed_twice
    assert before["reps"] == 1


def test_a_replaced_review_gives_what_good_would_have_given(reviewed_twice):
    learner, fact, before, again_at = reviewed_twice
    expected = MemoryState.from_snapshot(before, learner=learner, fact_id=fact.pk)
    card, _ = scheduler().review_card(expected.as_card(), Rating.Good, again_at)
    state = replace_review(
        learner=learner,
        fact_id=fact.pk,
        before=before,
        reps_after=2,
        reviewed_at=again_at,
        rating=Rating.Good,
        now=timezone.now(),
    )
    stored = MemoryState.objects.get(learner=learner, fact=fact)
    assert (stored.reps, stored.due, stored.stability, stored.lapses) == (2, card.due, card.stability, 0)
    assert state.pk == stored.pk


def test_a_review_since_is_kept_and_the_rating_added_on_top(reviewed_twice):
    learner, fact, before, again_at = reviewed_twice
    review_facts(learner=learner, ratings={fact.pk: Rating.Hard}, now=again_at + datetime.timedelta(hours=1))
    replace_review(
        learner=learner,
        fact_id=fact.pk,
        before=before,
        reps_after=2,
        reviewed_at=again_at,
        rating=Rating.Good,
        now=timezone.now(),
    )
    assert MemoryState.objects.get(learner=learner, fact=fact).reps == 4
