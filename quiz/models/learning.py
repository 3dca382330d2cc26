"""Learner models: quizzes (frozen questions), attempts and answers, and FSRS memory states.

A quiz's questions are generated once and stored with their key, so grading
never depends on the bank changing under an attempt, and the key never has to
reach the browser: the page shows option texts, the form posts their index.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import fsrs
from django.conf import settings
from django.db import models
from django.db.models import F, FloatField, Func, Q, Value
from django.db.models.functions import Greatest, Least, Length, Power
from django.db.models.lookups import LessThanOrEqual
from django.utils.functional import cached_property

from content.models import Country, Fact, FactTopics, Theme
from quiz.models.question_type import QuestionType, order_score
from quiz.typed_answers import MAX_TYPED_LENGTH, TypedKey

# A fact counts as fully mastered once FSRS expects the learner to still
# recall it with 90% probability three weeks after the last review: stability
# is, by definition, the interval after which recall drops to 90%.
MASTERY_STABILITY_DAYS = 21.0

# Questions are numbered by small-integer columns (position, step, question_count).
QUESTIONS_PER_QUIZ_MAX = 32767
# Primary keys are 64-bit (BigAutoField).
ID_MAX = 2**63 - 1


def minutes_from_seconds(seconds: float) -> int:
    """Time spent as every page shows it (the review, the class report and its CSV): whole minutes, and
    at least 1 for any time at all, so a 40-second quiz reads "1 min" everywhere rather than "0 min" on one."""
    return max(1, round(seconds / 60)) if seconds > 0 else 0


def mastery_expression(prefix: str = "") -> Least:
    """mastery = min(1, stability / 21 days), as SQL over a MemoryState (reached through `prefix`)."""
    return Least(F(f"{prefix}stability") / Value(MASTERY_STABILITY_DAYS), Value(1.0))


class Level(models.TextChoices):
    """What a learner reads about a fact, from its FSRS memory state (MemoryState.level; LEVEL_FILTERS in SQL).

    A percentage of stability / 21 days reads as "you learned nothing" for weeks after answering well; a
    level says where the fact stands in words, and every page (progress, dashboard, class report and its
    CSV) counts the same four. The sentences are the rule as the progress page shows it.
    """

    NEW = "new", "New"
    LEARNING = "learning", "Learning"
    FAMILIAR = "familiar", "Familiar"
    MASTERED = "mastered", "Mastered"

    @property
    def rule(self) -> str:
        return LEVEL_RULES[self]


LEVEL_RULES = {
    Level.NEW: "You have not met this fact yet.",
    Level.LEARNING: "You met it recently or missed it last time, so it comes back within minutes or a day.",
    Level.FAMILIAR: "You recalled it, and it now comes back after days rather than minutes.",
    Level.MASTERED: "You would still recall it three weeks after your last review, nine times in ten.",
}

# The levels of facts met, as conditions on a MemoryState (the same rule as MemoryState.level).
LEVEL_FILTERS = {
    Level.LEARNING: Q(state__in=[fsrs.State.Learning.value, fsrs.State.Relearning.value]),
    Level.FAMILIAR: Q(state=fsrs.State.Review.value, stability__lt=MASTERY_STABILITY_DAYS),
    Level.MASTERED: Q(state=fsrs.State.Review.value, stability__gte=MASTERY_STABILITY_DAYS),
}

# FSRS-6's forgetting curve with the default parameters the scheduler uses (scheduling.scheduler()):
# R(t) = (1 + FACTOR * t / stability) ** DECAY, t in whole days since the last review.
FSRS_DECAY = -fsrs.Scheduler().parameters[20]
FSRS_FACTOR = 0.9 ** (1 / FSRS_DECAY) - 1


class DaysSince(Func):
    """Whole days from `expression` (a datetime column) to `now`, as SQL (fsrs counts timedelta.days)."""

    output_field = FloatField()

    def __init__(self, expression, *, now: datetime.datetime) -> None:
        # now first: the templates read "now - expression".
        super().__init__(Value(now, output_field=models.DateTimeField()), expression)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="FLOOR(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
            arg_joiner=" - ",
            **extra,
        )


def retrievability_expression(*, now: datetime.datetime) -> Power:
    """A MemoryState's probability of recall at `now` (FSRS's retrievability), as SQL."""
    days = Greatest(DaysSince(F("last_review"), now=now), Value(0.0))
    return Power(Value(1.0) + Value(FSRS_FACTOR) * days / F("stability"), Value(FSRS_DECAY))


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
    # Typed: `TypedKey.to_json()`, everything grading needs (answer, aliases, claims, years, values, rivals).
    key = models.JSONField()
    # Timeline: each shown item's date as displayed. Year->event: each option's date, so feedback says when
    # the picked event happened (feedback only).
    item_dates = models.JSONField(default=list, blank=True)
    # Answers other sources support that are not among the options (feedback only).
    also_accepted = models.JSONField(default=list, blank=True)
    # Feedback: the facts' statements and their citations, frozen with the question.
    statements = models.JSONField(default=list)
    # The facts' learner notes (a paper's error, sources that disagree), frozen with the statements.
    notes = models.JSONField(default=list, blank=True)
    citations = models.JSONField(default=list)
    # The question's facts in shown order (one, or one per timeline item). The
    # `facts` relation holds the same set with integrity (a fact with quiz history
    # cannot be deleted, only retired); this copy spares the answer POST a join.
    fact_ids = models.JSONField()
    facts = models.ManyToManyField(Fact, through="QuestionFact", related_name="quiz_questions")
    # Set when the assignment's teacher drops the question from scoring (quiz.question_drops): it is still
    # shown and answered, but no attempt's score counts it. None: it counts.
    dropped_at = models.DateTimeField(null=True, blank=True)

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

    @property
    def is_typed(self) -> bool:
        return self.type == QuestionType.TYPED

    def typed_key(self) -> TypedKey:
        """A typed question's key, as frozen with it (read on the server only: never rendered before answering)."""
        return TypedKey.from_json(self.key)

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
        """The correct answer as shown in feedback: option text(s), the items in true order, or a typed
        question's answer (its claims are in `also_accepted`)."""
        if self.is_typed:
            return [self.key["answer"]]
        return [self.options[index] for index in self.key]

    def other_spellings(self) -> list[str]:
        """A typed question's aliases: other spellings and names of the same answer, accepted as typed."""
        return list(self.key.get("aliases", ())) if self.is_typed else []

    def options_with_dates(self) -> list[tuple[str, str]]:
        """Year->event feedback: every option with when its event happened (empty for other types)."""
        if self.is_timeline or not self.item_dates:
            return []
        return list(zip(self.options, self.item_dates, strict=False))

    def timeline_in_true_order(self) -> list[tuple[str, str]]:
        return [(self.options[index], self.item_dates[index]) for index in self.key]

    def timeline_outcome(self, given: list[int]) -> TimelineOutcome:
        """A timeline answer event by event, in the learner's order: in its true place or not, and where it
        belongs; with the counts the feedback says in words."""
        n = len(self.key)
        events = [
            TimelineEvent(
                label=self.options[index],
                date=self.item_dates[index] if index < len(self.item_dates) else "",
                in_place=position == self.key.index(index),
                true_position=self.key.index(index) + 1,
            )
            for position, index in enumerate(given)
        ]
        pairs = n * (n - 1) // 2
        return TimelineOutcome(
            events=events,
            in_place=sum(event.in_place for event in events),
            pairs_in_order=round(order_score(self.key, given) * pairs),
            pairs=pairs,
        )


@dataclass(frozen=True)
class TimelineEvent:
    label: str
    date: str
    in_place: bool
    true_position: int  # 1-based


@dataclass(frozen=True)
class TimelineOutcome:
    events: list[TimelineEvent]
    in_place: int
    pairs_in_order: int
    pairs: int

    @property
    def in_words(self) -> str:
        return (
            f"{self.in_place} of {len(self.events)} events in the right place; "
            f"{self.pairs_in_order} of {self.pairs} pairs in order"
        )


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
    # Questions of the quiz dropped from scoring when the attempt was last graded: the score is out of
    # question_count - dropped_count, and leaves their answers out (quiz.question_drops regrades it).
    dropped_count = models.PositiveSmallIntegerField(default=0)
    # The step whose typed question's hint the learner revealed (None: no hint at the current step). Kept
    # on the attempt, so the answer POST reads it with the attempt at no extra query, and a client cannot
    # take a hint back: only the server sets it, and the answer at that step is stored as hinted.
    hinted_step = models.PositiveSmallIntegerField(null=True, blank=True)
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
            # At least one question always counts, and the score never exceeds the questions that count.
            models.CheckConstraint(
                condition=Q(dropped_count=0) | Q(dropped_count__lt=F("question_count")),
                name="attempt_one_question_counts",
            ),
            models.CheckConstraint(
                condition=Q(score__lte=F("question_count") - F("dropped_count"))
                & Q(correct_count__lte=F("question_count") - F("dropped_count")),
                name="attempt_score_within_counted",
            ),
            models.CheckConstraint(
                condition=Q(hinted_step__isnull=True) | Q(hinted_step__lt=F("question_count")),
                name="attempt_hinted_step_within_quiz",
            ),
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
    def unanswered(self) -> int:
        return self.question_count - self.step

    @property
    def unanswered_text(self) -> str:
        return f"{self.unanswered} question{'' if self.unanswered == 1 else 's'}"

    @property
    def counted_questions(self) -> int:
        """The questions the score is out of: all but those the teacher dropped from scoring."""
        return self.question_count - self.dropped_count

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.counted_questions) if self.counted_questions else 0

    @cached_property
    def answered_counted(self) -> int:
        """The answered questions that count, what the score so far is out of: a question the teacher dropped
        from scoring is left out once answered. A query only when the quiz has one dropped."""
        if not self.dropped_count:
            return self.step
        return (
            self.step
            - Question.objects.filter(quiz_id=self.quiz_id, position__lt=self.step, dropped_at__isnull=False).count()
        )

    @property
    def duration(self) -> datetime.timedelta | None:
        end = self.finished_at or self.last_answered_at
        return end - self.started_at if end else None

    @property
    def minutes_spent(self) -> int | None:
        duration = self.duration
        return minutes_from_seconds(duration.total_seconds()) if duration is not None else None


class Answer(models.Model):
    """What a learner gave for one question, graded on the server."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Choice: the index of the chosen option. Timeline: the shown indexes in the learner's order.
    # Typed: the verdict as graded ({"matched": accepted answer, "spelling": the spelling shown for a typo}),
    # so feedback never changes when the grader improves; the text itself is in `text`.
    given = models.JSONField()
    score = models.FloatField()
    is_correct = models.BooleanField()
    answered_at = models.DateTimeField()
    # Typed: what the learner typed, as typed (forms refuse longer input; the constraint backs them).
    text = models.CharField(max_length=MAX_TYPED_LENGTH, blank=True, default="")
    # Typed: the learner revealed the hint before answering (a right answer is then reviewed as Hard).
    hinted = models.BooleanField(default=False)
    # Typed, practice only: the learner said "I was right" after a wrong verdict; the answer then counts.
    overridden = models.BooleanField(default=False)
    # Typed and marked wrong: the fact's memory state before this answer reviewed it (None: a new card),
    # so "I was right" can replace the Again review with a Good one rather than stack a review on it.
    memory_before = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="answer_once_per_question"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="answer_score_between_0_and_1"),
            models.CheckConstraint(condition=Q(is_correct=False) | Q(score=1), name="answer_correct_means_full_score"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), MAX_TYPED_LENGTH), name="answer_text_within_max_typed_length"
            ),
            models.CheckConstraint(condition=Q(overridden=False) | Q(is_correct=True), name="answer_overridden_counts"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} q{self.question.position + 1}: {self.score:.2f}"

    def timeline_outcome(self) -> TimelineOutcome:
        return self.question.timeline_outcome(self.given)

    def facts_recalled(self) -> dict[int, bool]:
        """Which of the question's facts this answer shows recalled (a typed answer: its verdict, overridden
        or not)."""
        if self.question.is_typed:
            return {fact_id: self.is_correct for fact_id in self.question.fact_ids}
        return self.question.facts_recalled(self.given)

    @property
    def spelling(self) -> str:
        """A typed answer accepted as a typo: the correct spelling feedback shows ("" otherwise)."""
        return self.given.get("spelling", "") if isinstance(self.given, dict) else ""

    def given_texts(self) -> list[str]:
        if self.question.is_typed:
            return [self.text]
        if self.question.is_timeline:
            return [self.question.options[index] for index in self.given]
        return [self.question.options[self.given]]


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
    # The fact's counted topics (content.FactTopics: a row for an active fact only), joined on fact_id with no
    # column of its own: the progress figures and deck counts group a learner's states by them without reading
    # the facts' rows, which would spread a learner's reads over the whole bank's pages.
    counted_topics = models.ForeignObject(
        FactTopics,
        from_fields=["fact"],
        to_fields=["fact"],
        on_delete=models.DO_NOTHING,
        null=True,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "fact"], name="memory_state_one_per_learner_and_fact"),
            models.CheckConstraint(condition=Q(stability__gt=0), name="memory_state_stability_positive"),
            models.CheckConstraint(
                condition=Q(difficulty__gte=1, difficulty__lte=10), name="memory_state_difficulty_1_10"
            ),
            models.CheckConstraint(condition=Q(reps__gte=1), name="memory_state_reviewed_at_least_once"),
        ]
        indexes = [
            models.Index(fields=["learner", "due"], name="memory_state_learner_due"),
            # Covering what the progress figures read of each of a learner's states (the fact to join its
            # topics, and the level's and recall's inputs), so they are read in fact order from the index
            # alone, never from the table's rows.
            models.Index(
                fields=["learner", "fact", "state", "stability", "last_review"], name="memory_state_learner_progress"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} / {self.fact_id}: due {self.due:%Y-%m-%d %H:%M}"

    @property
    def mastery(self) -> float:
        return min(1.0, self.stability / MASTERY_STABILITY_DAYS)

    @property
    def level(self) -> Level:
        """The fact's level for this learner (LEVEL_FILTERS is the same rule in SQL)."""
        if self.state != fsrs.State.Review:
            return Level.LEARNING
        return Level.MASTERED if self.stability >= MASTERY_STABILITY_DAYS else Level.FAMILIAR

    def retrievability(self, now: datetime.datetime) -> float:
        """The probability of recalling the fact at `now` (retrievability_expression is the same in SQL)."""
        days = max(0, (now - self.last_review).days)
        return (1 + FSRS_FACTOR * days / self.stability) ** FSRS_DECAY

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

    SNAPSHOT_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")

    def snapshot(self) -> dict | None:
        """This memory as JSON (None for a fact never reviewed): to put it back as it was (`from_snapshot`)."""
        if self.pk is None and not self.reps:
            return None
        values = {name: getattr(self, name) for name in self.SNAPSHOT_FIELDS}
        values["due"], values["last_review"] = values["due"].isoformat(), values["last_review"].isoformat()
        return values

    @classmethod
    def from_snapshot(cls, data: dict | None, **fields) -> MemoryState:
        """An unsaved memory state as `snapshot` recorded it (a never-reviewed one for None), plus `fields`."""
        if data is None:
            return cls(**fields)
        values = dict(data)
        for name in ("due", "last_review"):
            values[name] = datetime.datetime.fromisoformat(values[name])
        return cls(**values, **fields)

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
