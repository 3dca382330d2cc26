"""Flashcard decks: the due-today queue, counts, and the next card with its back and rating previews.

A deck is the active facts in a topic selection (countries and/or themes; none
means all). A card's memory is the learner's one FSRS MemoryState of the fact,
shared with quiz answers, so a fact met in a quiz is no longer new here.

A deck can also be studied "type to answer": a card whose answer is a name, year, date or quantity asks
for it typed; `check_typed` grades it (nothing is written), and the back shows the verdict beside the
answer, with the rating it suggests preselected. The learner still rates the card.

A card is due (ready to study now) in two cases. A card in the Review state
(intervals in days) is due all day on the day it falls due: "today" ends at
midnight in the server's time zone, settings.TIME_ZONE, since learners have no
time zone of their own. A card in a learning step (intervals in minutes) is due
only from its due time, so rating a new card Good does not bring it straight
back: until then it counts as "learning", as in Anki. The due count is exactly
the queue's length before the new cards, so rating a due card Good makes it
drop. The queue is: due cards, most overdue first, then new cards in a stable
order (shuffle_key, then pk).

Every function runs a fixed number of queries whatever the bank or history
size: the learner's memory is left-joined onto the deck (one row per fact at
most, through the unique learner+fact constraint) and counted or ordered in SQL.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import fsrs
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, Count, FilteredRelation, Min, Q, QuerySet, Value, When
from django.utils import timezone

from content.models import Fact, FactKind
from quiz import typed_answers
from quiz.generator import CannotBuild, CitationRef, FactData, cloze, load_citations
from quiz.models import MemoryState
from quiz.scheduling import scheduler
from quiz.typed_keys import typed_key_for

FACT_FIELDS = (
    "id",
    "key",
    "statement",
    "question",
    "answer",
    "kind",
    "event",
    "event_date",
    "value",
    "unit",
    "learner_note",
    "multiple_choice",
)
MEMORY_FIELDS = ("id", "state", "step", "stability", "difficulty", "due", "last_review", "reps")


@dataclass(frozen=True)
class DeckCounts:
    """Cards due now, never reviewed (new), waiting in a learning step (learning), and the rest (learned)."""

    due: int
    new: int
    learning: int
    learned: int
    # The earliest due date of any reviewed card in the deck (shown once nothing is left to study now).
    next_due: datetime.datetime | None

    @property
    def total(self) -> int:
        return self.due + self.new + self.learning + self.learned


@dataclass(frozen=True)
class RatingPreview:
    rating: int
    label: str
    interval: str


@dataclass(frozen=True)
class Flashcard:
    """One fact as a card: the cue on the front; the answer, statement and citations on the back."""

    fact_id: int
    front: str
    answer: str
    statement: str
    citations: tuple[CitationRef, ...]
    # Reviews so far (0 for a new card): the rating form sends it back to detect a stale page.
    reps: int
    previews: tuple[RatingPreview, ...]
    # Where sources disagree or a paper errs: told on the back with the statement.
    learner_note: str = ""
    # Whether "type to answer" asks for this card's answer typed (`typed_answers.can_type`).
    typeable: bool = False

    @property
    def is_new(self) -> bool:
        return self.reps == 0

    @property
    def notes(self) -> tuple[str, ...]:
        """The learner notes shown on the back: the fact's, as feedback shows a question's."""
        return (self.learner_note,) if self.learner_note else ()


def deck(*, countries=(), themes=(), facts=()) -> QuerySet[Fact]:
    """The active facts in the topic selection (and among `facts`, when some are picked); an empty selection
    means the whole bank."""
    chosen = Fact.objects.active().in_topic(countries=countries, themes=themes)
    return chosen.filter(pk__in=[fact.pk for fact in facts]) if facts else chosen


def end_of_day(now: datetime.datetime) -> datetime.datetime:
    """Midnight after `now` in the current time zone: due dates before it are due today."""
    local = timezone.localtime(now)
    return datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time.min, local.tzinfo)


def _ready(now: datetime.datetime) -> Q:
    """A reviewed card that is due: past its due time, or a Review card due before midnight."""
    return Q(memory__due__lte=now) | Q(memory__state=fsrs.State.Review, memory__due__lt=end_of_day(now))


def _with_memory(facts: QuerySet[Fact], learner: AbstractBaseUser) -> QuerySet[Fact]:
    return facts.annotate(memory=FilteredRelation("memory_states", condition=Q(memory_states__learner=learner)))


def deck_counts(
    *, learner: AbstractBaseUser, now: datetime.datetime, facts_qs: QuerySet[Fact] | None = None
) -> DeckCounts:
    """Due, new, learning and learned counts of the deck (default: the whole active bank) for the learner: one query."""
    facts_qs = deck() if facts_qs is None else facts_qs
    ready = _ready(now)
    row = _with_memory(facts_qs, learner).aggregate(
        total=Count("pk"),
        new=Count("pk", filter=Q(memory__id__isnull=True)),
        due=Count("pk", filter=ready),
        learning=Count("pk", filter=~ready & Q(memory__state__in=[fsrs.State.Learning, fsrs.State.Relearning])),
        next_due=Min("memory__due"),
    )
    return DeckCounts(
        due=row["due"],
        new=row["new"],
        learning=row["learning"],
        learned=row["total"] - row["new"] - row["due"] - row["learning"],
        next_due=row["next_due"],
    )


def format_interval(delta: datetime.timedelta) -> str:
    """How long until a card comes back, the way flashcard apps show it: <1 min, 10 min, 3 h, 1 day, 4 months."""
    minutes = delta.total_seconds() / 60
    if minutes < 1:
        return "<1 min"
    if minutes < 60:
        return f"{round(minutes)} min"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)} h"
    days = round(hours / 24)
    if days < 31:
        return "1 day" if days == 1 else f"{days} days"
    if days < 365:
        months = round(days / 30.4)
        return "1 month" if months == 1 else f"{months} months"
    return f"{days / 365:.1f} years".replace(".0 ", " ")


def rating_previews(*, card: fsrs.Card, now: datetime.datetime) -> tuple[RatingPreview, ...]:
    """The interval each rating would give the card now (before fuzzing, so the labels do not jitter)."""
    preview_scheduler = scheduler()
    preview_scheduler.enable_fuzzing = False
    previews = []
    for rating in fsrs.Rating:
        reviewed, _ = preview_scheduler.review_card(card, rating, now)
        previews.append(RatingPreview(int(rating), rating.name, format_interval(reviewed.due - now)))
    return tuple(previews)


def front(fact: FactData) -> str:
    """The cue: the fact's explicit question, else its statement with the answer blanked (as quizzes ask it)."""
    try:
        return cloze(fact)
    except CannotBuild:
        # The statement gives the year away elsewhere: ask for the event's date instead.
        return f"In which year? {fact.event}." if fact.kind == FactKind.YEAR else f"When? {fact.event}."


def due_then_new(*, learner: AbstractBaseUser, deck: QuerySet[Fact], now: datetime.datetime) -> QuerySet[Fact]:
    """The deck's facts to study now, in the order FSRS asks for them: due ones (most overdue first), then new
    ones (in shuffle order); facts waiting in a learning step or not due yet are left out. Learn mode picks its
    rounds from the same queue, so a fact is due in one place exactly when it is due in the other."""
    new = Q(memory__id__isnull=True)
    return (
        _with_memory(deck, learner)
        .filter(new | _ready(now))
        .order_by(Case(When(new, then=Value(1)), default=Value(0)), "memory__due", "shuffle_key", "pk")
    )


def next_card(*, learner: AbstractBaseUser, deck: QuerySet[Fact], now: datetime.datetime) -> Flashcard | None:
    """The card to study now, or None when the deck is done for now: two queries (the card, its citations)."""
    row = (
        due_then_new(learner=learner, deck=deck, now=now)
        .values(*FACT_FIELDS, "date_precision", *(f"memory__{field}" for field in MEMORY_FIELDS))
        .first()
    )
    if row is None:
        return None
    fact = FactData(**{field: row[field] for field in FACT_FIELDS}, precision=row["date_precision"])
    # An unsaved state: a new card's (reps 0, a fresh FSRS card), or the learner's, read through the join.
    memory = MemoryState()
    if row["memory__id"] is not None:
        memory = MemoryState(**{field: row[f"memory__{field}"] for field in MEMORY_FIELDS})
    return Flashcard(
        fact_id=fact.id,
        front=front(fact),
        answer=fact.answer,
        statement=fact.statement,
        citations=load_citations([fact.id]).get(fact.id, ()),
        reps=memory.reps,
        previews=rating_previews(card=memory.as_card(), now=now),
        learner_note=fact.learner_note,
        typeable=typed_answers.can_type(fact),
    )


@dataclass(frozen=True)
class TypedCheck:
    """A typed flashcard answer, graded: what was typed, the verdict, and the rating it suggests."""

    text: str
    verdict: typed_answers.Verdict
    revealed: bool = False  # the learner asked for the answer without typing one

    @property
    def is_correct(self) -> bool:
        return self.verdict.correct

    @property
    def spelling(self) -> str:
        return self.verdict.spelling

    @property
    def suggested_rating(self) -> int:
        """Good when recalled (a typo accepted too: the spelling is shown), Again otherwise. The learner
        rates: Anki shows the comparison and leaves the rating to them; this only preselects one."""
        return int(fsrs.Rating.Good if self.verdict.correct else fsrs.Rating.Again)


def check_typed(*, fact_id: int, text: str) -> TypedCheck:
    """Grade a typed answer to a flashcard against the fact's key (`typed_keys.typed_key_for`): three
    queries, whatever the history; nothing is written (the learner's rating is the review)."""
    fact = Fact.objects.only("id", "kind", "answer", "aliases", "category", "event_date", "date_end", "value").get(
        pk=fact_id
    )
    if not text:
        return TypedCheck(text="", verdict=typed_answers.WRONG, revealed=True)
    return TypedCheck(text=text, verdict=typed_answers.grade(text, typed_key_for(fact)))
