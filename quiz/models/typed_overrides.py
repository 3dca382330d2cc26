"""A learner's "I was right" on a typed answer marked wrong, kept for an admin to add as an alias or dismiss."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from content.models import Fact
from quiz.models.learning import Question
from quiz.typed_answers import MAX_TYPED_LENGTH


class TypedOverrideQuerySet(models.QuerySet):
    def open(self) -> TypedOverrideQuerySet:
        return self.filter(status=TypedOverride.Status.OPEN)


class TypedOverride(models.Model):
    """One learner's claim that a typed answer marked wrong was right; it counted as right for them."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ALIASED = "aliased", "Added as an alias"
        DISMISSED = "dismissed", "Dismissed"

    class Origin(models.TextChoices):
        QUESTION = "question", "A quiz question"
        LEARN = "learn", "Learn mode"
        FLASHCARDS = "flashcards", "Flashcards"

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="typed_overrides")
    # What an admin corrects; PROTECT as for a question's own link to its fact (facts retire, never vanish).
    fact = models.ForeignKey(Fact, on_delete=models.PROTECT, related_name="typed_overrides")
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="typed_overrides"
    )
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.QUESTION)
    text = models.CharField(max_length=MAX_TYPED_LENGTH)
    # The text as the grader compares it: overrides of one fact with the same normalised text are one case.
    normalised = models.CharField(max_length=MAX_TYPED_LENGTH * 2, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TypedOverrideQuerySet.as_manager()

    class Meta:
        ordering = ["fact", "normalised", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "question"],
                condition=Q(question__isnull=False),
                name="typed_override_once_per_learner_and_question",
                violation_error_message="You have already said you were right on this question.",
            ),
            models.CheckConstraint(
                condition=Q(origin="question", question__isnull=False)
                | (~Q(origin="question") & Q(question__isnull=True)),
                name="typed_override_question_matches_origin",
                violation_error_message="An override from a quiz question names the question; others name none.",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="typed_override_text_not_empty"),
            models.CheckConstraint(condition=~Q(normalised=""), name="typed_override_normalised_not_empty"),
            # SQLite does not enforce a column's length: the constraint does, on every database.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), MAX_TYPED_LENGTH), name="typed_override_text_short"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "aliased", "dismissed"]), name="typed_override_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=["question", "learn", "flashcards"]), name="typed_override_origin_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "fact", "normalised"], name="typed_override_triage")]

    def __str__(self) -> str:
        return f"{self.fact_id}: {self.text!r} ({self.get_status_display().lower()})"
