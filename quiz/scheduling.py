"""FSRS memory states: one per learner and fact, fed by flashcard ratings and quiz answers.

Quiz answers map to ratings (correct -> Good, a typed answer right after its
hint -> Hard, wrong -> Again); flashcards are rated by the learner. Either way
the fact's one memory state is reviewed with the same scheduler, so practice in any format moves the same due date.
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


def rating_for_answer(*, correct: bool, hinted: bool = False) -> fsrs.Rating:
    """Right = Good; right with the hint's first letters = Hard (recalled, with help); wrong = Again."""
    if not correct:
        return Rating.Again
    return Rating.Hard if hinted else Rating.Good


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
    return review_facts_noting_before(learner=learner, ratings=ratings, now=now, expected_reps=expected_reps)[0]


@transaction.atomic(savepoint=False)
def review_facts_noting_before(
    *,
    learner: AbstractBaseUser,
    ratings: Mapping[int, fsrs.Rating],
    now: datetime.datetime,
    expected_reps: Mapping[int, int] | None = None,
) -> tuple[dict[int, MemoryState], dict[int, dict | None]]:
    """`review_facts`, also returning each fact's memory as it was just before the review that was written
    (`MemoryState.snapshot`, None for a new card), at no extra query: what `replace_review` puts back."""
    fsrs_scheduler = scheduler()
    reviewed: dict[int, MemoryState] = {}
    before: dict[int, dict | None] = {}
    # Sorted: concurrent upserts then lock rows in the same order and cannot deadlock.
    pending = sorted(ratings)
    for _ in range(REVIEW_ROUNDS):
        if not pending:
            return reviewed, before
        existing = {state.fact_id: state for state in sql.memory_states_of(learner_id=learner.pk, fact_ids=pending)}
        for fact_id, reps in (expected_reps or {}).items():
            if (existing[fact_id].reps if fact_id in existing else 0) != reps:
                raise StaleReview("This card was already rated (in another tab or by a double click).")
        states = []
        for fact_id in pending:
            state = existing.get(fact_id) or MemoryState(learner=learner, fact_id=fact_id)
            before[fact_id] = state.snapshot()
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
    return reviewed, before


@transaction.atomic
def replace_review(
    *,
    learner: AbstractBaseUser,
    fact_id: int,
    before: dict | None,
    reps_after: int,
    reviewed_at: datetime.datetime,
    rating: fsrs.Rating,
    now: datetime.datetime,
) -> MemoryState:
    """Re-rate a past review: the fact's memory becomes what `rating` at `reviewed_at` would have made of
    `before` (its state just before that review), if nothing reviewed the fact since (its review count is
    still `reps_after`). The review count stays: one review, rated differently. If the fact was reviewed
    since (a flashcard, another quiz), history is not rewritten: `rating` is a new review on top, now.
    Written as a compare-and-set on the review count, so a review racing this one is never overwritten."""
    current = MemoryState.objects.filter(learner=learner, fact_id=fact_id).first()
    if current is not None and current.reps == reps_after:
        state = MemoryState.from_snapshot(before, learner=learner, fact_id=fact_id)
        card, _ = scheduler().review_card(state.as_card(), rating, reviewed_at)
        state.take(card, rating)
        fields = {name: getattr(state, name) for name in MemoryState.SNAPSHOT_FIELDS}
        if MemoryState.objects.filter(pk=current.pk, reps=reps_after).update(**fields):
            state.pk = current.pk
            return state
    return review_facts(learner=learner, ratings={fact_id: rating}, now=now)[fact_id]


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
