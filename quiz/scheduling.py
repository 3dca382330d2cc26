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
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from quiz import sql
from quiz.models import MemoryState, Review

Rating = fsrs.Rating


def scheduler() -> fsrs.Scheduler:
    # Fuzzing spreads reviews of cards learned together over nearby days; tests turn it off.
    return fsrs.Scheduler(enable_fuzzing=settings.FSRS_ENABLE_FUZZING)


def rating_for_answer(*, correct: bool) -> fsrs.Rating:
    return Rating.Good if correct else Rating.Again


class StaleReview(Exception):
    """The card was reviewed since the page was shown (another tab, a double click, a replay)."""


# Rounds of read, review, compare-and-set before giving up on a fact that others keep reviewing.
REVIEW_ROUNDS = 10


@transaction.atomic(savepoint=False)
def review_facts(
    *,
    learner: AbstractBaseUser,
    ratings: Mapping[int, fsrs.Rating],
    now: datetime.datetime,
    expected_reps: Mapping[int, int] | None = None,
) -> dict[int, MemoryState]:
    """Review each fact's memory state with its rating; returns the states, saved.

    Two queries whatever the history: read the learner's states for these facts, then write them
    all in one compare-and-set upsert (`sql.save_memory_states_if_unchanged`). If another
    transaction reviewed one of the facts in between (two tabs answering at once, or two first
    reviews racing to create the row), that fact's write misses; it is read again and reviewed on
    top of the other review, so none is lost, and no lock is taken before the write. With
    `expected_reps`, a fact reviewed since the caller looked raises StaleReview instead, and the
    caller's transaction writes nothing.
    """
    fsrs_scheduler = scheduler()
    reviewed: dict[int, MemoryState] = {}
    # Sorted: concurrent upserts then lock rows in the same order and cannot deadlock.
    pending = sorted(ratings)
    for _ in range(REVIEW_ROUNDS):
        if not pending:
            return reviewed
        existing = {state.fact_id: state for state in sql.memory_states_of(learner_id=learner.pk, fact_ids=pending)}
        for fact_id, reps in (expected_reps or {}).items():
            if (existing[fact_id].reps if fact_id in existing else 0) != reps:
                raise StaleReview("This card was already rated (in another tab or by a double click).")
        states = []
        for fact_id in pending:
            state = existing.get(fact_id) or MemoryState(learner=learner, fact_id=fact_id)
            card, _ = fsrs_scheduler.review_card(state.as_card(), ratings[fact_id], now)
            state.take(card, ratings[fact_id])
            states.append(state)
        written = sql.save_memory_states_if_unchanged(states=states)
        reviewed.update((state.fact_id, state) for state in states if state.fact_id in written)
        pending = [fact_id for fact_id in pending if fact_id not in written]
        if pending and expected_reps:
            raise StaleReview("This card was already rated (in another tab or by a double click).")
    if pending:
        raise StaleReview("This fact is being reviewed elsewhere at the same moment: try again.")
    return reviewed


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
