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

No function reads the bank: the deck's size comes from the bank's topic totals
(`content.topic_totals`), the counts from the learner's own memory states
grouped by their facts' combination of countries and themes, the due card from
the learner's states in due order, and the first new card from the facts in
shuffle order (an index), skipping only those the learner has met. A deck of
hand-picked facts is as small as the pick and is counted directly.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import fsrs
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from content.models import Fact, FactKind
from content.topic_totals import matches, topic_totals
from quiz import typed_answers
from quiz.generator import CannotBuild, CitationRef, FactData, cloze, load_citations
from quiz.models import MemoryState
from quiz.scheduling import scheduler
from quiz.typed_keys import TYPED_KEY_FIELDS, typed_key_for

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


@dataclass(frozen=True)
class Deck:
    """The active facts in a topic selection (any of `countries` and any of `themes`; an empty side means
    any), and among `facts` when some are picked."""

    countries: tuple[int, ...] = ()
    themes: tuple[int, ...] = ()
    facts: tuple[int, ...] = ()

    def fact_queryset(self) -> QuerySet[Fact]:
        chosen = Fact.objects.active().in_topic(countries=self.countries, themes=self.themes)
        return chosen.filter(pk__in=self.facts) if self.facts else chosen

    def memory_states(self, learner: AbstractBaseUser) -> QuerySet[MemoryState]:
        """The learner's states of the deck's facts, read from the learner's rows (each fact checked by index)."""
        states = MemoryState.objects.filter(learner=learner, fact__is_active=True)
        if self.facts:
            states = states.filter(fact_id__in=self.facts)
        if self.countries:
            through = Fact.countries.through.objects.filter(fact_id=OuterRef("fact_id"), country_id__in=self.countries)
            states = states.filter(Exists(through))
        if self.themes:
            states = states.filter(
                Exists(Fact.themes.through.objects.filter(fact_id=OuterRef("fact_id"), theme_id__in=self.themes))
            )
        return states


def _ids(items) -> tuple[int, ...]:
    return tuple(sorted(item if isinstance(item, int) else item.pk for item in items))


def deck(*, countries=(), themes=(), facts=()) -> Deck:
    """The deck of a topic selection (countries and themes, as rows or ids), and of the picked `facts` when
    there are some; an empty selection means the whole bank."""
    return Deck(countries=_ids(countries), themes=_ids(themes), facts=_ids(facts))


def end_of_day(now: datetime.datetime) -> datetime.datetime:
    """Midnight after `now` in the current time zone: due dates before it are due today."""
    local = timezone.localtime(now)
    return datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time.min, local.tzinfo)


def _ready(now: datetime.datetime) -> Q:
    """A reviewed card that is due: past its due time, or a Review card due before midnight. Written as a
    range on `due` (anything past is before midnight too), so the learner+due index bounds the scan."""
    return Q(due__lt=end_of_day(now)) & (Q(due__lte=now) | Q(state=fsrs.State.Review))


def _learning(now: datetime.datetime) -> Q:
    return ~_ready(now) & Q(state__in=[fsrs.State.Learning, fsrs.State.Relearning])


def deck_counts(*, learner: AbstractBaseUser, now: datetime.datetime, deck: Deck | None = None) -> DeckCounts:
    """Due, new, learning and learned counts of the deck (default: the whole active bank) for the learner:
    two queries (the bank's totals, the learner's states grouped by their facts' topics), one for a picked deck."""
    deck = Deck() if deck is None else deck
    # Named apart from the model's fields: an annotation called "due" would shadow the column for Min.
    figures = {
        "seen_count": Count("pk"),
        "due_count": Count("pk", filter=_ready(now)),
        "learning_count": Count("pk", filter=_learning(now)),
        "next_due": Min("due"),
    }
    if deck.facts:
        # A hand-picked deck is as small as the pick: count it directly.
        total = deck.fact_queryset().count()
        parts = [deck.memory_states(learner).aggregate(**figures)]
    else:
        # Grouped by each fact's counted combination (retired facts have none): the deck is a choice of groups.
        # The totals read second name every combination the groups were read under.
        grouped = list(
            MemoryState.objects.filter(learner=learner, counted_topics__isnull=False)
            .order_by()
            .values("counted_topics__combination")
            .annotate(**figures)
        )
        totals = topic_totals()
        total = totals.selection(countries=deck.countries, themes=deck.themes)
        parts = [
            row
            for row in grouped
            if matches(totals.by_id[row["counted_topics__combination"]], countries=deck.countries, themes=deck.themes)
        ]
    seen, due, learning = (
        sum(part[name] or 0 for part in parts) for name in ("seen_count", "due_count", "learning_count")
    )
    next_dues = [part["next_due"] for part in parts if part["next_due"] is not None]
    return DeckCounts(
        due=due,
        new=total - seen,
        learning=learning,
        learned=seen - due - learning,
        next_due=min(next_dues, default=None),
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


# The order FSRS asks for cards: due ones, most overdue first (on a MemoryState), then new ones (on a Fact).
DUE_ORDER = ("due", "fact__shuffle_key", "fact_id")
NEW_ORDER = ("shuffle_key", "pk")


def due_then_new(
    *, learner: AbstractBaseUser, deck: Deck, now: datetime.datetime, limit: int, where: Q | None = None
) -> list[Fact]:
    """Up to `limit` of the deck's facts (those matching `where`, a condition on Fact) to study now, in the
    order FSRS asks for them: due ones, then new ones; facts waiting in a learning step or not due yet are left
    out. Learn mode picks its rounds from this queue and `next_card` takes its head in the same order, so a
    fact is due in one place exactly when it is due in the other. At most three queries, each reading the
    learner's own rows or the deck's facts through an index, whatever the bank's size."""
    where = where or Q()
    kept = Exists(Fact.objects.filter(where, pk=OuterRef("fact_id")))
    due_ids = list(
        deck.memory_states(learner)
        .filter(_ready(now), kept)
        .order_by(*DUE_ORDER)
        .values_list("fact_id", flat=True)[:limit]
    )
    due = Fact.objects.in_bulk(due_ids) if due_ids else {}
    chosen = [due[fact_id] for fact_id in due_ids]
    if len(chosen) < limit:
        met = MemoryState.objects.filter(learner=learner, fact_id=OuterRef("pk"))
        new = deck.fact_queryset().filter(where).filter(~Exists(met)).order_by(*NEW_ORDER)
        chosen += list(new[: limit - len(chosen)])
    return chosen


def next_card(
    *, learner: AbstractBaseUser, deck: Deck, now: datetime.datetime, counts: DeckCounts | None = None
) -> Flashcard | None:
    """The card to study now, or None when the deck is done for now: the most overdue card, else the first new
    card in shuffle order. Two queries (the card, its citations) given the deck's `counts` (they tell which
    kind of card comes next), up to three without."""
    row = None
    if counts is None or counts.due:
        fact_fields = [f"fact__{field}" for field in FACT_FIELDS]
        row = (
            deck.memory_states(learner)
            .filter(_ready(now))
            .order_by(*DUE_ORDER)
            .values(*MEMORY_FIELDS, *fact_fields, "fact__date_precision")
            .first()
        )
    if row is not None:
        memory = MemoryState(**{field: row[field] for field in MEMORY_FIELDS})
        values = {field: row[f"fact__{field}"] for field in FACT_FIELDS} | {"precision": row["fact__date_precision"]}
    elif counts is not None and not counts.new:
        return None
    else:
        met = MemoryState.objects.filter(learner=learner, fact_id=OuterRef("pk"))
        values = (
            deck.fact_queryset()
            .filter(~Exists(met))
            .order_by(*NEW_ORDER)
            .values(*FACT_FIELDS, precision=F("date_precision"))
            .first()
        )
        if values is None:
            return None
        # A new card: an unsaved state (reps 0, a fresh FSRS card).
        memory = MemoryState()
    fact = FactData(**values)
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
    if not text:
        return TypedCheck(text="", verdict=typed_answers.WRONG, revealed=True)
    fact = Fact.objects.only(*TYPED_KEY_FIELDS).get(pk=fact_id)
    return TypedCheck(text=text, verdict=typed_answers.grade(text, typed_key_for(fact)))
