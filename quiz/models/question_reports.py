"""Learners' reports of a problem with a question (wrong, ambiguous, unclear, a typo), triaged by admins."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from content.models import Fact
from quiz.models.learning import Question

REPORT_COMMENT_MAX = 500


class QuestionReportQuerySet(models.QuerySet):
    def open(self) -> QuestionReportQuerySet:
        return self.filter(status=QuestionReport.Status.OPEN)


class QuestionReport(models.Model):
    """One learner's report on one question; its fact is kept so the report reaches the fact's admin page."""

    class Kind(models.TextChoices):
        WRONG = "wrong", "The answer is wrong"
        AMBIGUOUS = "ambiguous", "More than one answer fits"
        UNCLEAR = "unclear", "The question is unclear"
        TYPO = "typo", "A typo or a formatting problem"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="reports")
    # The question's (first) fact: what an admin corrects. PROTECT, as for the question's own link to it.
    fact = models.ForeignKey(Fact, on_delete=models.PROTECT, related_name="question_reports")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_reports")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    comment = models.TextField(blank=True, max_length=REPORT_COMMENT_MAX)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "question"],
                name="question_report_one_per_learner_and_question",
                violation_error_message="You have already reported this question.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["wrong", "ambiguous", "unclear", "typo"]), name="question_report_kind_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=["open", "resolved"]), name="question_report_status_valid"),
            # SQLite does not enforce a column's length: the constraint does, on every database.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comment"), REPORT_COMMENT_MAX), name="question_report_comment_short"
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="question_report_triage")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: question {self.question_id} ({self.get_status_display().lower()})"
