"""“I was right”: a learner overrules a wrong verdict on a typed answer, once, in practice only.

The answer then counts as correct for the learner (its score, the attempt's score and count of right
answers), and the fact's memory is reviewed as if the answer had been accepted: the Again the answer
gave is replaced by Good (Hard after a hint) at the moment it was answered, when nothing reviewed the
fact since; otherwise Good is a new review on top (`scheduling.replace_review`). The text is stored as
a `TypedOverride` for an editor, who may add it as an alias (`typed_overrides`). All in one transaction.

Refused (nothing written): in an assignment (the instructor's key decides a grade), on a non-typed
question, after a right verdict, and a second time. Another learner's attempt never gets this far: the
view looks the attempt up among the requester's own (404).
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F

from quiz import typed_overrides
from quiz.models import Answer, Assignment, Attempt
from quiz.scheduling import rating_for_answer, replace_review
from quiz.typed_overrides import record_override


class OverrideRefused(Exception):
    """This answer cannot be overridden (409): the message says why; nothing was written."""


def can_override(*, answer: Answer | None, in_assignment: bool) -> bool:
    """Whether feedback offers “I was right”: a typed answer marked wrong, not overridden, in practice."""
    return (
        answer is not None
        and answer.question.is_typed
        and not answer.is_correct
        and not answer.overridden
        and not in_assignment
    )


def in_assignment(attempt: Attempt) -> bool:
    return Assignment.objects.filter(quiz_id=attempt.quiz_id).exists()


@transaction.atomic
def override_answer(*, learner: AbstractBaseUser, answer: Answer, now: datetime.datetime) -> Answer:
    """Count the learner's wrong typed answer as right, record the override, and re-rate the review."""
    attempt, question = answer.attempt, answer.question
    if attempt.learner_id != learner.pk:
        raise PermissionError("an answer is overridden by its own learner only")
    if not question.is_typed:
        raise OverrideRefused("Only an answer you typed can be marked right by you.")
    if in_assignment(attempt):
        raise OverrideRefused(
            "In an assignment the answer key decides: ask your instructor if you think you were right."
        )
    if answer.overridden:
        raise OverrideRefused("You have already said you were right about this answer: it counts as correct.")
    if answer.is_correct:
        raise OverrideRefused("This answer was accepted already: there is nothing to override.")
    # A compare-and-set: of two clicks racing, one counts the answer and the other is refused.
    if not Answer.objects.filter(pk=answer.pk, is_correct=False, overridden=False).update(
        is_correct=True, score=1.0, overridden=True
    ):
        raise OverrideRefused("You have already said you were right about this answer: it counts as correct.")
    Attempt.objects.filter(pk=attempt.pk).update(score=F("score") + 1.0, correct_count=F("correct_count") + 1)
    fact_id = question.fact_ids[0]
    try:
        record_override(learner=learner, fact=question.facts.get(pk=fact_id), text=answer.text, question=question)
    except (IntegrityError, typed_overrides.OverrideRefused) as refused:
        # Another attempt of this learner on the same question was overridden already (the database keeps
        # one per learner and question), or nothing storable was typed: the whole override is undone.
        raise OverrideRefused("You have already said you were right about this question.") from refused
    before = answer.memory_before
    replace_review(
        learner=learner,
        fact_id=fact_id,
        before=before,
        reps_after=(before["reps"] if before else 0) + 1,
        reviewed_at=answer.answered_at,
        rating=rating_for_answer(correct=True, hinted=answer.hinted),
        now=now,
    )
    answer.is_correct, answer.score, answer.overridden = True, 1.0, True
    attempt.score += 1.0
    attempt.correct_count += 1
    return answer
