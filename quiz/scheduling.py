"""FSRS memory states: one per learner and fact, fed by flashcard ratings and quiz answers.

Quiz answers map to ratings (correct -> Good, wrong -> Again); flashcards are
rated by the learner. Either way the fact's one memory state is reviewed with
the same scheduler, so practice in any format moves the same due date.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import fsrs
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction

from quiz.models import MemoryState, Review

Rating = fsrs.Rating
MEMORY_FIELDS = ["state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses"]


def scheduler() -> fsrs.Scheduler:
    # Fuzzing spreads reviews of cards learned together over nearby days; tests turn it off.
    return fsrs.Scheduler(enable_fuzzing=settings.FSRS_ENABLE_FUZZING)


def rating_for_answer(*, correct: bool) -> fsrs.Rating:
    return Rating.Good if correct else Rating.Again


class StaleReview(Exception):
    """The card was reviewed since the page was shown (another tab, a double click, a replay)."""


@transaction.atomic(savepoint=False)
def review_facts(
    *,
    learner: AbstractBaseUser,
    ratings: Mapping[int, fsrs.Rating],
    now: datetime.datetime,
    expected_reps: Mapping[int, int] | None = None,
) -> dict[int, MemoryState]:
    """Review each fact's memory state with its rating; returns the states, saved.

    Three queries whatever the history (two on SQLite): a lock on the learner, the learner's
    existing states for these facts, then one upsert. The learner's row is the
    lock because a fact never reviewed has no state row to lock yet: without it,
    two first reviews racing on PostgreSQL would both start from a new card and
    one would be lost. (SQLite's immediate transactions already queue writers.)
    With `expected_reps`, a fact reviewed since the caller looked raises
    StaleReview and nothing is written.
    """
    if not ratings:
        return {}
    if connection.features.has_select_for_update:
        list(get_user_model().objects.select_for_update().filter(pk=learner.pk).values_list("pk", flat=True))
    existing = {
        state.fact_id: state
        for state in MemoryState.objects.select_for_update().filter(learner=learner, fact_id__in=list(ratings))
    }
    for fact_id, reps in (expected_reps or {}).items():
        if (existing[fact_id].reps if fact_id in existing else 0) != reps:
            raise StaleReview("This card was already rated (in another tab or by a double click).")
    fsrs_scheduler = scheduler()
    states: dict[int, MemoryState] = {}
    for fact_id, rating in ratings.items():
        state = existing.get(fact_id) or MemoryState(learner=learner, fact_id=fact_id)
        card, _ = fsrs_scheduler.review_card(state.as_card(), rating, now)
        state.take(card, rating)
        states[fact_id] = state
    MemoryState.objects.bulk_create(
        list(states.values()),
        update_conflicts=True,
        unique_fields=["learner", "fact"],
        update_fields=MEMORY_FIELDS,
    )
    return states


@transaction.atomic
def rate_flashcard(
    *, learner: AbstractBaseUser, fact_id: int, rating: fsrs.Rating, expected_reps: int, now: datetime.datetime
) -> MemoryState:
    """A flashcard rating: review the fact's memory (if nobody rated it meanwhile) and log the rating."""
    state = review_facts(learner=learner, ratings={fact_id: rating}, now=now, expected_reps={fact_id: expected_reps})[
        fact_id
    ]
    Review.objects.create(learner=learner, fact_id=fact_id, rating=rating, reviewed_at=now, due_after=state.due)
    return state
