"""What learners do: quizzes (frozen questions), attempts and answers, and FSRS memory states.

A quiz's questions are generated once and stored with their key, so grading
never depends on the bank changing under an attempt, and the key never has to
reach the browser: the page shows option texts, the form posts their index.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence

import fsrs
from django.conf import settings
from django.db import connections, models
from django.db.models import F, Q, Value
from django.db.models.functions import Least

from content.models import Country, Fact, Theme
from quiz.generator import QuestionType, order_score

# A fact counts as fully mastered once FSRS expects the learner to still
# recall it with 90% probability three weeks after the last review: stability
# is, by definition, the interval after which recall drops to 90%.
MASTERY_STABILITY_DAYS = 21.0

# Questions are numbered by small-integer columns (position, step, question_count).
QUESTIONS_PER_QUIZ_MAX = 32767
# Primary keys are 64-bit (BigAutoField).
ID_MAX = 2**63 - 1
# What the question page and the answer POST read of an attempt (the rest stays deferred).
ATTEMPT_FIELDS_READ = {"id", "quiz", "learner", "state", "step", "question_count", "score", "correct_count"}


def mastery_expression(prefix: str = "") -> Least:
    """mastery = min(1, stability / 21 days), as SQL over a MemoryState (reached through `prefix`)."""
    return Least(F(f"{prefix}stability") / Value(MASTERY_STABILITY_DAYS), Value(1.0))


class Quiz(models.Model):
    """A set of generated questions a learner (or, later, a class) works through."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quizzes")
    title = models.CharField(max_length=200)
    countries = models.ManyToManyField(Country, blank=True, related_name="+")
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    question_types = models.JSONField(default=list)
    seed = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "quizzes"

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """One stored question of a quiz, with its key and what feedback shows."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    type = models.CharField(max_length=20, choices=QuestionType.choices)
    prompt = models.TextField()
    # Choice types: option texts in the order shown. Timeline: item labels in the order shown.
    options = models.JSONField()
    # Choice types: indexes of the options a cited source supports (usually one).
    # Timeline: the shown indexes in true chronological order.
    key = models.JSONField()
    # Timeline: each shown item's date as displayed. Year->event: each option's date, so feedback says when
    # the picked event happened (feedback only).
    item_dates = models.JSONField(default=list, blank=True)
    # Answers other sources support that are not among the options (feedback only).
    also_accepted = models.JSONField(default=list, blank=True)
    # Feedback: the facts' statements and their citations, frozen with the question.
    statements = models.JSONField(default=list)
    citations = models.JSONField(default=list)
    # The question's facts in shown order (one, or one per timeline item). The
    # `facts` relation holds the same set with integrity (a fact with quiz history
    # cannot be deleted, only retired); this copy spares the answer POST a join.
    fact_ids = models.JSONField()
    facts = models.ManyToManyField(Fact, through="QuestionFact", related_name="quiz_questions")

    class Meta:
        ordering = ["quiz", "position"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "position"], name="question_position_unique_per_quiz"),
            models.CheckConstraint(condition=Q(type__in=QuestionType.all), name="question_type_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.quiz_id}#{self.position + 1}: {self.prompt[:60]}"

    @property
    def is_timeline(self) -> bool:
        return self.type == QuestionType.TIMELINE

    def grade(self, given: int | list[int]) -> float:
        """The score of a validated answer: 1 or 0 for a choice, the share of pairs in order for a timeline."""
        if self.is_timeline:
            return order_score(self.key, given)
        return 1.0 if given in self.key else 0.0

    def facts_recalled(self, given: int | list[int]) -> dict[int, bool]:
        """Which of the question's facts the answer shows the learner recalled.

        A choice answer speaks for its one fact. In a timeline, an event counts
        as recalled when the learner put it in its true position.
        """
        if not self.is_timeline:
            return {fact_id: self.grade(given) == 1.0 for fact_id in self.fact_ids}
        return {self.fact_ids[item]: given.index(item) == self.key.index(item) for item in range(len(self.options))}

    def correct_texts(self) -> list[str]:
        """The correct answer as shown in feedback: option text(s), or the items in true order."""
        return [self.options[index] for index in self.key]

    def options_with_dates(self) -> list[tuple[str, str]]:
        """Year->event feedback: every option with when its event happened (empty for other types)."""
        if self.is_timeline or not self.item_dates:
            return []
        return list(zip(self.options, self.item_dates, strict=False))

    def timeline_in_true_order(self) -> list[tuple[str, str]]:
        return [(self.options[index], self.item_dates[index]) for index in self.key]


class QuestionFact(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE)
    fact = models.ForeignKey(Fact, on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "fact"], name="question_fact_unique")]

    def __str__(self) -> str:
        return f"{self.question_id} <- {self.fact_id}"


class AttemptQuerySet(models.QuerySet):
    def open(self) -> AttemptQuerySet:
        return self.filter(state=Attempt.State.IN_PROGRESS)

    def finished(self) -> AttemptQuerySet:
        return self.filter(state=Attempt.State.FINISHED)

    def move_past(self, *, attempt_id: int, position: int, score: float, correct: bool, now: datetime.datetime) -> bool:
        """Count one more answer on an attempt that is open and still at question `position`: one guarded
        UPDATE, True if it matched. A closed attempt or a stale step (another tab, a replay, a double
        click) matches no row and changes nothing.

        Written in SQL: on the answer POST, building the equivalent `.update(step=F("step") + 1, ...)`
        took twice as long as running it.
        """
        connection = connections[self.db]
        quote = connection.ops.quote_name
        step, score_column, correct_count = quote("step"), quote("score"), quote("correct_count")
        sql = (
            f"UPDATE {quote(self.model._meta.db_table)} SET {step} = {step} + 1, "
            f"{score_column} = {score_column} + %s, {correct_count} = {correct_count} + %s, "
            f"{quote('last_answered_at')} = %s WHERE {quote('id')} = %s AND {quote('state')} = %s AND {step} = %s"
        )
        last_answered_at = self.model._meta.get_field("last_answered_at").get_db_prep_save(now, connection)
        params = [score, int(correct), last_answered_at, attempt_id, Attempt.State.IN_PROGRESS, position]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount == 1

    def get_with_question(self, *, attempt_id: int, learner_id: int, number: int) -> tuple[Attempt, Question | None]:
        """The learner's attempt (Attempt.DoesNotExist if it is not theirs) with its quiz's title, and its
        question `number` (1-based; None if the quiz has no such number).

        The question page and the answer POST, the hottest requests, need all three: one SQL statement,
        written out because building the equivalent select_related query took three times as long as
        running it. The attempt's timestamps and the quiz's other fields are left deferred (Django loads
        a deferred field if something reads it; the query-count tests would show it).
        """
        if not (0 < attempt_id <= ID_MAX and 0 < learner_id <= ID_MAX):
            raise self.model.DoesNotExist  # also keeps an id past 64 bits from SQLite (OverflowError)
        connection = connections[self.db]
        quote = connection.ops.quote_name
        attempt_fields = [field for field in Attempt._meta.concrete_fields if field.name in ATTEMPT_FIELDS_READ]
        read = [  # (model, table alias, fields read), in the order of the select list
            (Attempt, "attempt", attempt_fields),
            (Quiz, "quiz", [Quiz._meta.pk, Quiz._meta.get_field("title")]),
            (Question, "question", Question._meta.concrete_fields),
        ]
        select = ", ".join(f"{alias}.{quote(field.column)}" for _, alias, fields in read for field in fields)
        pk, quiz_id = quote("id"), quote("quiz_id")
        sql = (
            f"SELECT {select} FROM {quote(Attempt._meta.db_table)} attempt "
            f"JOIN {quote(Quiz._meta.db_table)} quiz ON quiz.{pk} = attempt.{quiz_id} "
            f"LEFT JOIN {quote(Question._meta.db_table)} question "
            f"ON question.{quiz_id} = attempt.{quiz_id} AND question.{quote('position')} = %s "
            f"WHERE attempt.{pk} = %s AND attempt.{quote('learner_id')} = %s"
        )
        # A number no question can have (URLs and forms carry any integer) asks for position -1: no row.
        position = number - 1 if 1 <= number <= QUESTIONS_PER_QUIZ_MAX else -1
        with connection.cursor() as cursor:
            cursor.execute(sql, [position, attempt_id, learner_id])
            row = cursor.fetchone()
        if row is None:
            raise self.model.DoesNotExist
        values = iter(row)
        attempt, quiz, question = (
            model.from_db(
                self.db,
                [field.attname for field in fields],
                [_from_db(field, next(values), connection) for field in fields],
            )
            for model, _, fields in read
        )
        attempt.quiz = quiz
        return attempt, (question if question.pk is not None else None)


def _from_db(field: models.Field, value, connection):
    """A column's value as the ORM would give it to Python: the backend's converters, then the field's."""
    column = field.get_col(field.model._meta.db_table)
    for converter in [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]:
        value = converter(value, column, connection)
    return value


class Attempt(models.Model):
    """A learner working through a quiz. `step` counts answered questions: the current one is at `step`."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        FINISHED = "finished", "Finished"
        ABANDONED = "abandoned", "Abandoned"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    state = models.CharField(max_length=12, choices=State.choices, default=State.IN_PROGRESS)
    step = models.PositiveSmallIntegerField(default=0)
    question_count = models.PositiveSmallIntegerField()
    # Sum of the answers' scores, kept in the same transaction as each answer.
    score = models.FloatField(default=0.0)
    correct_count = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    last_answered_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "learner"],
                condition=Q(state="in_progress"),
                name="attempt_one_open_per_learner_and_quiz",
                violation_error_message="You already have an attempt in progress on this quiz.",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["in_progress", "finished", "abandoned"]), name="attempt_state_valid"
            ),
            models.CheckConstraint(condition=Q(step__lte=F("question_count")), name="attempt_step_within_quiz"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=F("step")), name="attempt_score_within_answered"
            ),
            models.CheckConstraint(condition=Q(correct_count__lte=F("step")), name="attempt_correct_within_answered"),
            models.CheckConstraint(
                condition=Q(state="in_progress", finished_at__isnull=True)
                | (~Q(state="in_progress") & Q(finished_at__isnull=False)),
                name="attempt_closed_iff_finished_at",
            ),
        ]
        indexes = [models.Index(fields=["learner", "-started_at"], name="attempt_learner_recent")]

    def __str__(self) -> str:
        return f"{self.learner} on {self.quiz}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.IN_PROGRESS

    @property
    def is_complete(self) -> bool:
        return self.step >= self.question_count

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.question_count) if self.question_count else 0

    @property
    def duration(self) -> datetime.timedelta | None:
        end = self.finished_at or self.last_answered_at
        return end - self.started_at if end else None

    @property
    def minutes_spent(self) -> int | None:
        duration = self.duration
        return max(1, round(duration.total_seconds() / 60)) if duration is not None else None


class Answer(models.Model):
    """What a learner gave for one question, graded on the server."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Choice: the index of the chosen option. Timeline: the shown indexes in the learner's order.
    given = models.JSONField()
    score = models.FloatField()
    is_correct = models.BooleanField()
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["attempt", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="answer_once_per_question"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="answer_score_between_0_and_1"),
            models.CheckConstraint(condition=Q(is_correct=False) | Q(score=1), name="answer_correct_means_full_score"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} q{self.question.position + 1}: {self.score:.2f}"

    def given_texts(self) -> list[str]:
        if self.question.is_timeline:
            return [self.question.options[index] for index in self.given]
        return [self.question.options[self.given]]


class MemoryStateQuerySet(models.QuerySet):
    def save_if_unchanged(self, states: Sequence[MemoryState]) -> set[int]:
        """Write reviewed states in one statement, as a compare-and-set; returns the fact ids written.

        A state without a row is inserted. An existing row is updated only if its review count is still
        one less than the state's, i.e. nobody reviewed the fact since it was read; otherwise the row is
        left as it is and its fact id is missing from the result. (Django's bulk_create upsert cannot
        take that condition, hence the SQL; PostgreSQL and SQLite share the syntax.)
        """
        if not states:
            return set()
        connection = connections[self.db]
        quote = connection.ops.quote_name
        fields = [field for field in self.model._meta.concrete_fields if not field.primary_key]
        table, reps = quote(self.model._meta.db_table), quote("reps")
        row = f"({', '.join(['%s'] * len(fields))})"
        sql = (
            f"INSERT INTO {table} ({', '.join(quote(field.column) for field in fields)}) "
            f"VALUES {', '.join([row] * len(states))} "
            f"ON CONFLICT ({quote('learner_id')}, {quote('fact_id')}) DO UPDATE SET "
            + ", ".join(
                f"{quote(field.column)} = excluded.{quote(field.column)}"
                for field in fields
                if field.name not in ("learner", "fact")
            )
            + f" WHERE {table}.{reps} = excluded.{reps} - 1 RETURNING {quote('id')}, {quote('fact_id')}"
        )
        params = [
            field.get_db_prep_save(getattr(state, field.attname), connection) for state in states for field in fields
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            written = {fact_id: pk for pk, fact_id in cursor.fetchall()}
        for state in states:
            if state.fact_id in written:
                state.pk = written[state.fact_id]
        return set(written)


class MemoryState(models.Model):
    """One learner's FSRS memory of one fact, fed by flashcard ratings and quiz answers alike."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memory_states")
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="memory_states")
    state = models.PositiveSmallIntegerField(choices=[(s.value, s.name.title()) for s in fsrs.State])
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField()
    difficulty = models.FloatField()
    due = models.DateTimeField()
    last_review = models.DateTimeField()
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)

    objects = MemoryStateQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "fact"], name="memory_state_one_per_learner_and_fact"),
            models.CheckConstraint(condition=Q(stability__gt=0), name="memory_state_stability_positive"),
            models.CheckConstraint(
                condition=Q(difficulty__gte=1, difficulty__lte=10), name="memory_state_difficulty_1_10"
            ),
            models.CheckConstraint(condition=Q(reps__gte=1), name="memory_state_reviewed_at_least_once"),
        ]
        indexes = [models.Index(fields=["learner", "due"], name="memory_state_learner_due")]

    def __str__(self) -> str:
        return f"{self.learner} / {self.fact_id}: due {self.due:%Y-%m-%d %H:%M}"

    @property
    def mastery(self) -> float:
        return min(1.0, self.stability / MASTERY_STABILITY_DAYS)

    def as_card(self) -> fsrs.Card:
        # An explicit card_id: without one, fsrs.Card() stamps the clock and sleeps 1 ms to keep ids
        # unique, a millisecond on every answer and rating. Our cards are identified by the fact.
        if self.pk is None and not self.reps:
            return fsrs.Card(card_id=self.fact_id or 0)
        return fsrs.Card(
            card_id=self.fact_id or 0,
            state=fsrs.State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )

    def take(self, card: fsrs.Card, rating: fsrs.Rating) -> None:
        """Copy a reviewed card's memory into this row and count the review."""
        was_review = self.reps and self.state == fsrs.State.Review
        self.state = card.state.value
        self.step = card.step
        self.stability = card.stability
        self.difficulty = card.difficulty
        self.due = card.due
        self.last_review = card.last_review
        self.reps = (self.reps or 0) + 1
        if was_review and rating == fsrs.Rating.Again:
            self.lapses = (self.lapses or 0) + 1


class Review(models.Model):
    """A flashcard rating (quiz answers are logged as Answers)."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(choices=[(r.value, r.name) for r in fsrs.Rating])
    reviewed_at = models.DateTimeField()
    due_after = models.DateTimeField()

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(rating__in=[1, 2, 3, 4]), name="review_rating_valid")]
        indexes = [models.Index(fields=["learner", "-reviewed_at"], name="review_learner_recent")]

    def __str__(self) -> str:
        return f"{self.learner} rated {self.fact_id} {self.get_rating_display()}"


# Instructors: classes, topic sets and assignments.

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
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.classroom})"

    def is_open_at(self, now: datetime.datetime) -> bool:
        return self.opens_at <= now
