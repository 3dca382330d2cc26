"""Recomputing attempts' scores from their answers, leaving out questions dropped from scoring.

An attempt's `score` and `correct_count` are kept up to date answer by answer (`attempts.record_answer`);
when a teacher drops a question from scoring or restores it (`quiz.question_drops`), they are recomputed
here from the answers themselves, so the stored figures always equal a count from scratch.
"""

from __future__ import annotations

from django.db.models import Count, FloatField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from quiz import sql
from quiz.models import Answer, Attempt, Question, Quiz


def _counted(attempt_ref: str, *, aggregate) -> Coalesce:
    """An attempt's answers to questions that count, aggregated, as a subquery on the attempt `attempt_ref`."""
    answers = (
        Answer.objects.filter(attempt_id=OuterRef(attempt_ref), question__dropped_at__isnull=True)
        .order_by()
        .values("attempt_id")
        .annotate(total=aggregate)
        .values("total")
    )
    output = FloatField() if isinstance(aggregate, Sum) else IntegerField()
    return Coalesce(Subquery(answers, output_field=output), Value(0, output_field=output))


def lock_scoring(*, quiz_id: int) -> None:
    """Hold the quiz's row until the transaction ends: drops, restores and starts of the assignment on one quiz run
    one after another, so each sees which questions count as the one before left them."""
    Quiz.objects.select_for_update().filter(pk=quiz_id).values_list("pk", flat=True).get()


def regrade(attempts: QuerySet) -> int:
    """Recompute the attempts' score, fully right count and dropped count from their answers: one UPDATE.

    The caller holds the attempts' rows (or is an answer holding its own), so the statement sees every
    answer committed before it."""
    dropped = (
        Question.objects.filter(quiz_id=OuterRef("quiz_id"), dropped_at__isnull=False)
        .order_by()
        .values("quiz_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return attempts.update(
        score=_counted("pk", aggregate=Sum("score")),
        correct_count=_counted("pk", aggregate=Count("pk", filter=Q(is_correct=True))),
        dropped_count=Coalesce(Subquery(dropped, output_field=IntegerField()), Value(0)),
    )


def regrade_if_changed(*, attempt_id: int, question_id: int, counted: bool) -> bool:
    """For an answer just recorded while holding its attempt's row: if the question has been dropped (or
    restored) since the answer was graded with `counted`, regrade the attempt; True if it did. On the answer
    path, so the usual case is one SELECT by primary key in SQL (`sql.scoring_mark_changed`)."""
    if not sql.scoring_mark_changed(question_id=question_id, counted=counted):
        return False
    return bool(regrade(Attempt.objects.filter(pk=attempt_id)))
