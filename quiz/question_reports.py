"""Learners report a problem with a question; admins triage the reports (Django admin).

A learner may report a question once they have seen its feedback: they answered it, or the attempt
it belongs to is closed (the review shows every question). One report per learner and question (a
unique constraint): a second submission, from a double click or a second tab, finds the first one and
changes nothing.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q

from quiz.models import ID_MAX, Attempt, Question, QuestionReport


def reportable_question(*, learner: AbstractBaseUser, question_id: int) -> Question | None:
    """The question, if the learner has seen its feedback; None otherwise (the view's 404): one query."""
    if not 0 < question_id <= ID_MAX:  # SQLite cannot even compare an id past 64 bits
        return None
    seen = Attempt.objects.filter(learner=learner, quiz_id=OuterRef("quiz_id")).filter(
        Q(answers__question_id=OuterRef("pk")) | ~Q(state=Attempt.State.IN_PROGRESS)
    )
    return Question.objects.filter(pk=question_id).filter(Exists(seen)).first()


@transaction.atomic
def report_question(
    *, learner: AbstractBaseUser, question: Question, kind: str, comment: str
) -> tuple[QuestionReport, bool]:
    """Store the learner's report on the question; returns (report, created). A repeat returns the first one."""
    try:
        with transaction.atomic():
            report = QuestionReport.objects.create(
                learner=learner, question=question, fact_id=question.fact_ids[0], kind=kind, comment=comment
            )
    except IntegrityError:
        return QuestionReport.objects.get(learner=learner, question=question), False
    return report, True


def report_counts(*, quiz_id: int) -> dict[int, tuple[int, int]]:
    """{question id: (open reports, all reports)} for the quiz's questions: one grouped query."""
    rows = (
        QuestionReport.objects.filter(question__quiz_id=quiz_id)
        .values("question_id")
        .annotate(total=Count("pk"), open=Count("pk", filter=Q(status=QuestionReport.Status.OPEN)))
        .values_list("question_id", "open", "total")
        .order_by()
    )
    return {question_id: (open_count, total) for question_id, open_count, total in rows}
