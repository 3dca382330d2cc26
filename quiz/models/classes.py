"""Class models: what instructors set up (classes, topic sets, assignments) and students join."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from content.models import Country, Fact, Theme
from quiz.models.learning import Quiz
from quiz.models.question_type import QuestionType

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    rng = secrets.SystemRandom()
    return "".join(rng.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class OwnedQuerySet(models.QuerySet):
    def visible_to(self, user) -> OwnedQuerySet:
        """What `user` may see and change: their own, or everything for staff."""
        return self if user.is_staff else self.filter(owner=user)


class Classroom(models.Model):
    """A class an instructor owns; students join it with its code."""

    name = models.CharField(max_length=120)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms_owned")
    join_code = models.CharField(max_length=JOIN_CODE_LENGTH, unique=True, default=new_join_code)
    # A code stops working after this moment; None keeps it working until it is replaced.
    join_code_expires_at = models.DateTimeField(null=True, blank=True)
    students = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="classrooms")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "class"
        verbose_name_plural = "classes"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="classroom_name_unique_per_owner",
                violation_error_message="You already have a class with this name.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def code_is_valid(self, now: datetime.datetime) -> bool:
        return self.join_code_expires_at is None or now < self.join_code_expires_at


class Membership(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["classroom", "student__username"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.classroom}"


MAX_TOPIC_SET_QUESTIONS = 50
ASSIGNMENT_INSTRUCTIONS_MAX = 2000


class TopicSet(models.Model):
    """A named selection an instructor reuses: countries x themes x question types x length, or hand-picked facts."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_sets")
    name = models.CharField(max_length=120)
    countries = models.ManyToManyField(Country, blank=True, related_name="+")
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    question_types = models.JSONField()
    question_count = models.PositiveSmallIntegerField(default=10)
    # Optional: only these facts (still filtered by the countries and themes chosen).
    facts = models.ManyToManyField(Fact, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="topic_set_name_unique_per_owner",
                violation_error_message="You already have a topic set with this name.",
            ),
            models.CheckConstraint(
                condition=Q(question_count__gte=1, question_count__lte=MAX_TOPIC_SET_QUESTIONS),
                name="topic_set_question_count_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def question_type_labels(self) -> list[str]:
        return [QuestionType.labels[question_type] for question_type in self.question_types]


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> AssignmentQuerySet:
        """Assignments of classes `user` owns (all for staff)."""
        return self if user.is_staff else self.filter(classroom__owner=user)

    def for_student(self, user) -> AssignmentQuerySet:
        return self.filter(classroom__memberships__student=user)


class Assignment(models.Model):
    """A topic set given to a class, frozen as one quiz every student takes, with an open and a due date."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    topic_set = models.ForeignKey(TopicSet, on_delete=models.PROTECT, related_name="assignments")
    # The questions are built once, so every student answers the same items (the item analysis needs that).
    quiz = models.OneToOneField(Quiz, on_delete=models.PROTECT, related_name="assignment")
    title = models.CharField(max_length=200)
    # What the students read on their dashboard and at the start of the quiz ("Read chapter 3 first").
    instructions = models.TextField(blank=True, max_length=ASSIGNMENT_INSTRUCTIONS_MAX)
    opens_at = models.DateTimeField()
    due_at = models.DateTimeField()
    # Optional: the assignment is done only once the student's mastery of its facts reaches this percentage.
    mastery_target = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_at__gt=F("opens_at")),
                name="assignment_due_after_open",
                violation_error_message="The due date must be after the opening date.",
            ),
            models.CheckConstraint(
                condition=Q(mastery_target__isnull=True) | Q(mastery_target__gte=1, mastery_target__lte=100),
                name="assignment_mastery_target_percent",
            ),
            # SQLite does not enforce a column's length: the constraint does, on every database.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("instructions"), ASSIGNMENT_INSTRUCTIONS_MAX),
                name="assignment_instructions_short",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="assignment_title_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.classroom})"

    def is_open_at(self, now: datetime.datetime) -> bool:
        return self.opens_at <= now
