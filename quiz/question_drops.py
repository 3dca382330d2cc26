"""Dropping a question of an assignment from scoring (and restoring it), with every attempt regraded.

Once students have answered a question it can no longer be swapped (`quiz.question_swaps`): the class
answered it as it was. If it turns out to be wrong or ambiguous, the teacher drops it instead. The question
stays in the quiz (students who have not reached it yet still see and answer it, and their feedback says it
does not count), but every attempt's score leaves it out and is out of one question fewer. Restoring it
(a misclick) regrades the same way, so the scores are back to what they were.

How the regrade stays right while students keep answering:

- A drop or restore first locks the quiz row, so two of them on one assignment run one after the other,
  then changes the question with a conditional UPDATE (dropping twice changes nothing and says so).
- It then locks every attempt of the quiz (SELECT ... FOR UPDATE; SQLite's IMMEDIATE transactions hold the
  whole database), which waits for any answer in flight, and recomputes each attempt from its answers in
  one UPDATE issued after the locks are held, so it sees those answers.
- An answer (`attempts.record_answer`) counts its score or not by the question as it was read, then,
  holding its attempt's row, calls `regrading.regrade_if_changed`: if a drop or restore committed in
  between, the attempt is recomputed from its answers. A drop cannot commit between the answer's update
  and that check, because the drop needs the attempt's row, so no interleaving leaves a stale score.

The stored score is therefore always the sum of the attempt's answers to questions that count, and
`dropped_count` the number that do not: the class report, the dashboard and the review read those.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction

from quiz.models import Assignment, Attempt, Question
from quiz.question_swaps import swap_blocker
from quiz.regrading import lock_scoring, regrade


class DropRefused(Exception):
    """The question cannot be dropped (or restored) now; the message says why. Nothing was written."""


def drop_blocker(*, assignment: Assignment, question: Question) -> str | None:
    """Why the question cannot be dropped now, or None (two queries while nobody has finished)."""
    if question.quiz_id != assignment.quiz_id:
        return "That question is not part of this assignment."
    if question.dropped_at is not None:
        return f"Question {question.position + 1} is already dropped from scoring."
    if swap_blocker(assignment=assignment, question=question) is None:
        return "Nobody has answered this question yet: swap it for another one instead of dropping it."
    return None


def _lock_and_regrade(*, quiz_id: int) -> int:
    # Waits for answers in flight; the UPDATE that follows is a new statement, so it sees them.
    list(Attempt.objects.select_for_update().filter(quiz_id=quiz_id).order_by("pk").values_list("pk", flat=True))
    try:
        with transaction.atomic():
            return regrade(Attempt.objects.filter(quiz_id=quiz_id))
    except IntegrityError as error:  # attempt_one_question_counts: the last question that counted
        raise DropRefused("At least one question must still count: this one cannot be dropped too.") from error


@transaction.atomic
def drop_question(*, assignment: Assignment, question: Question, now: datetime.datetime) -> int:
    """Drop the question from scoring and regrade every attempt of the assignment: the number regraded.

    DropRefused (nothing written) if it is not the assignment's, is dropped already, can still be swapped,
    or is the last question that counts."""
    lock_scoring(quiz_id=assignment.quiz_id)
    question.refresh_from_db(fields=["dropped_at"])
    blocker = drop_blocker(assignment=assignment, question=question)
    if blocker:
        raise DropRefused(blocker)
    counting = Question.objects.filter(quiz_id=assignment.quiz_id, dropped_at__isnull=True).exclude(pk=question.pk)
    if not counting.exists():
        raise DropRefused("At least one question must still count: this one cannot be dropped too.")
    Question.objects.filter(pk=question.pk, dropped_at__isnull=True).update(dropped_at=now)
    question.dropped_at = now
    return _lock_and_regrade(quiz_id=assignment.quiz_id)


@transaction.atomic
def restore_question(*, assignment: Assignment, question: Question) -> int:
    """Count a dropped question again and regrade every attempt of the assignment: the number regraded."""
    if question.quiz_id != assignment.quiz_id:
        raise DropRefused("That question is not part of this assignment.")
    lock_scoring(quiz_id=assignment.quiz_id)
    if not Question.objects.filter(pk=question.pk, dropped_at__isnull=False).update(dropped_at=None):
        raise DropRefused(f"Question {question.position + 1} already counts: there is nothing to restore.")
    question.dropped_at = None
    return _lock_and_regrade(quiz_id=assignment.quiz_id)
