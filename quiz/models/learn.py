"""Learn mode's rows: a round of up to ten facts, each asked as multiple choice then typed, and its answers.

A round freezes, per fact, the multiple-choice question (prompt, options, key) and the typed key when it
starts, so grading never depends on the bank changing under it, and neither key has to reach the browser
before the learner answers. Every change of a round's state (an answer, an "I was right") moves its `turn`
by one through a conditional UPDATE; forms carry the turn they were shown at, so a replay, a stale tab or a
double click matches no row and writes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from content.models import Country, Fact, Theme
from quiz.typed_answers import MAX_TYPED_LENGTH, hint

# Facts per round: few enough to see each one three or four times in a sitting.
ROUND_SIZE_MAX = 10


class LearnStage(models.TextChoices):
    """Where a fact stands in its round: recognise it (multiple choice), recall it (typed), done."""

    CHOICE = "choice", "Multiple choice"
    TYPED = "typed", "Type the answer"
    DONE = "done", "Done"


class LearnRoundQuerySet(models.QuerySet):
    def open(self) -> LearnRoundQuerySet:
        return self.filter(finished_at__isnull=True)


class LearnRound(models.Model):
    """One sitting of Learn mode on a topic: up to ten facts, finished once every one was typed right once."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learn_rounds")
    # The topic as the learner picked it (none ticked = all), and in words.
    title = models.CharField(max_length=200)
    countries = models.ManyToManyField(Country, blank=True, related_name="+")
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    item_count = models.PositiveSmallIntegerField()
    done_count = models.PositiveSmallIntegerField(default=0)
    # State changes so far (answers and overrides): forms carry it, the guarded UPDATE moves it.
    turn = models.PositiveIntegerField(default=0)
    # The next free place at the back of the round's queue (LearnItem.queue).
    next_queue = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = LearnRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(item_count__gte=1, item_count__lte=ROUND_SIZE_MAX), name="learn_round_size_1_to_10"
            ),
            models.CheckConstraint(condition=Q(done_count__lte=F("item_count")), name="learn_round_done_within_size"),
            models.CheckConstraint(condition=Q(next_queue__gte=F("item_count")), name="learn_round_queue_past_items"),
            # Finished exactly when every fact was typed right once: never closed early, never left open.
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True, done_count__lt=F("item_count"))
                | Q(finished_at__isnull=False, done_count=F("item_count")),
                name="learn_round_finished_iff_all_done",
            ),
        ]
        indexes = [models.Index(fields=["learner", "-created_at"], name="learn_round_learner_recent")]

    def __str__(self) -> str:
        return f"{self.learner} learning {self.title}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class LearnItem(models.Model):
    """One fact of a round: its stage, its place in the round's queue, and its questions, frozen."""

    round = models.ForeignKey(LearnRound, on_delete=models.CASCADE, related_name="items")
    fact = models.ForeignKey(Fact, on_delete=models.PROTECT, related_name="+")
    # The order FSRS chose the facts in (due first, then new).
    position = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=8, choices=LearnStage.choices, default=LearnStage.CHOICE)
    # The item's place in the queue: the open item with the lowest is asked now; an answered one goes to the back.
    queue = models.PositiveIntegerField()
    tries = models.PositiveSmallIntegerField(default=0)
    misses = models.PositiveSmallIntegerField(default=0)
    hints = models.PositiveSmallIntegerField(default=0)
    # A hint was shown for the typed try now pending (a right answer then counts Hard).
    hinted = models.BooleanField(default=False)
    overridden = models.BooleanField(default=False)
    # The multiple-choice question: prompt, options in the order shown, the indexes a source supports.
    prompt = models.TextField()
    options = models.JSONField()
    key = models.JSONField()
    also_accepted = models.JSONField(default=list, blank=True)
    # quiz.typed_answers.TypedKey.to_json(): read on the server only.
    typed_key = models.JSONField()
    # Feedback: the fact's statement, learner notes and citations, frozen with the questions.
    statement = models.TextField()
    notes = models.JSONField(default=list, blank=True)
    citations = models.JSONField(default=list)

    class Meta:
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "fact"], name="learn_item_fact_once_per_round"),
            models.UniqueConstraint(fields=["round", "position"], name="learn_item_position_unique"),
            models.UniqueConstraint(fields=["round", "queue"], name="learn_item_queue_place_unique"),
            models.CheckConstraint(condition=Q(stage__in=LearnStage.values), name="learn_item_stage_valid"),
            models.CheckConstraint(condition=Q(misses__lte=F("tries")), name="learn_item_misses_within_tries"),
            # Typed only once recognised (a right choice); done only once typed (right, or overridden).
            models.CheckConstraint(condition=~Q(stage="typed") | Q(tries__gte=1), name="learn_item_typed_after_choice"),
            models.CheckConstraint(condition=~Q(stage="done") | Q(tries__gte=2), name="learn_item_done_after_typed"),
            models.CheckConstraint(condition=Q(hinted=False) | Q(stage="typed"), name="learn_item_hint_when_typed"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}#{self.position + 1} ({self.stage})"

    @property
    def correct_text(self) -> str:
        return " / ".join(self.options[index] for index in self.key)

    @property
    def hint_text(self) -> str:
        """The typed step's hint: the first letters of the answer frozen in its key."""
        return hint(self.typed_key["answer"])


class LearnAnswer(models.Model):
    """One answer given in a round: what was given, the verdict, and the rating the fact's memory got."""

    round = models.ForeignKey(LearnRound, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(LearnItem, on_delete=models.CASCADE, related_name="answers")
    # The round's turn the answer was given at (the guarded UPDATE moved it past).
    turn = models.PositiveIntegerField()
    stage = models.CharField(max_length=8, choices=LearnStage.choices[:2])
    # Multiple choice: the option's index. Typed: the text as typed.
    option = models.PositiveSmallIntegerField(null=True, blank=True)
    given = models.TextField(blank=True, max_length=MAX_TYPED_LENGTH)
    correct = models.BooleanField()
    hinted = models.BooleanField(default=False)
    # A typed answer accepted as a typo: the correct spelling, shown with the verdict.
    spelling = models.CharField(max_length=MAX_TYPED_LENGTH, blank=True)
    # "I was right" after a wrong typed verdict: counted right for the round.
    overridden = models.BooleanField(default=False)
    rating = models.PositiveSmallIntegerField()
    # A wrong typed answer: the fact's memory as it was before this answer's Again (None: no memory yet),
    # put back if the learner says "I was right".
    memory_before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["round", "turn"]
        constraints = [
            models.UniqueConstraint(fields=["round", "turn"], name="learn_answer_once_per_turn"),
            models.CheckConstraint(
                condition=Q(stage="choice", option__isnull=False, given="")
                | Q(stage="typed", option__isnull=True, spelling="")
                | Q(stage="typed", option__isnull=True, correct=True),
                name="learn_answer_shape_by_stage",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("given"), MAX_TYPED_LENGTH), name="learn_answer_given_short"
            ),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=4), name="learn_answer_rating_valid"),
            models.CheckConstraint(condition=Q(hinted=False) | Q(stage="typed"), name="learn_answer_hint_when_typed"),
            models.CheckConstraint(
                condition=Q(overridden=False) | Q(stage="typed", correct=False), name="learn_answer_override_when_wrong"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} turn {self.turn}: {'right' if self.correct else 'wrong'}"

    @property
    def is_typed(self) -> bool:
        return self.stage == LearnStage.TYPED

    def given_text(self) -> str:
        if self.is_typed:
            return self.given
        return self.item.options[self.option]
