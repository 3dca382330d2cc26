"""How far a learner has come: mastery per country, per theme, per country x theme cell, and overall.

What learners read is each fact's level (new, learning, familiar, mastered: `quiz.models.Level`, the rule
on the model) counted per topic, and the expected recall today: the mean FSRS retrievability of the facts
met. Both come out of `mastery_sums`, the one place that aggregates memory states, which the class report
uses too. A fact's mastery is min(1, stability / 21 days) from the learner's FSRS memory
state, 0 for a fact never reviewed; only active facts count. A topic's mastery
is the mean over its active facts, so it is (sum of mastery over the facts the
learner has seen) / (number of facts); assignments' mastery targets use it. Each function runs a fixed number of
queries whatever the bank or history size: totals are counted over facts, the
sums over the learner's memory states, both grouped in SQL; Python only joins
the few per-topic rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet, Sum

from content.models import Country, Fact, Theme
from quiz.models import LEVEL_FILTERS, Attempt, Level, MemoryState, mastery_expression, retrievability_expression


@dataclass(frozen=True)
class Sums:
    """What `mastery_sums` adds up over a group of memory states (each state is one fact met)."""

    mastery_sum: float = 0.0
    seen: int = 0
    learning: int = 0
    familiar: int = 0
    mastered: int = 0
    recall_sum: float = 0.0


NOTHING = Sums()


@dataclass(frozen=True)
class LevelCount:
    level: Level
    count: int
    share: float  # of the total, for the bar's segment

    @property
    def label(self) -> str:
        return self.level.label.lower()


@dataclass(frozen=True)
class Mastery:
    """Over `total` active facts (learner x fact pairs for a class), `seen` of which have a memory state: mean
    mastery (0..1), the facts at each level, and the mean retrievability now of the facts met (None if none)."""

    mastery: float
    seen: int
    total: int
    learning: int = 0
    familiar: int = 0
    mastered: int = 0
    recall: float | None = None

    @property
    def percent(self) -> int:
        return round(100 * self.mastery)

    @property
    def new(self) -> int:
        return self.total - self.seen

    @property
    def recall_percent(self) -> int | None:
        # Rounded down but never to 0 for a fact met: "0%" would read as "you know none of it".
        return None if self.recall is None else max(1, int(100 * self.recall))

    @property
    def levels(self) -> list[LevelCount]:
        """The four levels, most advanced first, each with its count and share of the total."""
        counts = {Level.MASTERED: self.mastered, Level.FAMILIAR: self.familiar, Level.LEARNING: self.learning}
        counts[Level.NEW] = self.new
        return [LevelCount(level, n, n / self.total if self.total else 0.0) for level, n in counts.items()]

    @property
    def standing(self) -> Level:
        """The level at least half the facts have reached (the heatmap cell's colour): new if fewer than half
        were met."""
        reached = 0
        for count in self.levels[:-1]:  # mastered, familiar, learning
            reached += count.count
            if self.total and 2 * reached >= self.total:
                return count.level
        return Level.NEW

    @property
    def summary(self) -> str:
        """The figures in words, for screen readers and a cell's title."""
        levels = ", ".join(f"{count.count} {count.label}" for count in self.levels)
        recall = f"; expected recall today {self.recall_percent}%" if self.recall is not None else ""
        return f"{levels} (of {self.total}){recall}"

    @classmethod
    def of(cls, *, sums: Sums, total: int) -> Mastery:
        # Unseen facts count 0: they add to the total but nothing to the sum.
        return cls(
            mastery=sums.mastery_sum / total if total else 0.0,
            seen=sums.seen,
            total=total,
            learning=sums.learning,
            familiar=sums.familiar,
            mastered=sums.mastered,
            recall=sums.recall_sum / sums.seen if sums.seen else None,
        )


@dataclass(frozen=True, kw_only=True)
class TopicMastery(Mastery):
    """A country's or a theme's mastery."""

    name: str
    slug: str


class Topic(Protocol):
    """A country or theme as the grid shows it: a Country or Theme row, or a report's TopicColumn."""

    pk: int
    name: str


@dataclass(frozen=True, kw_only=True)
class GridCell(Mastery):
    """A country x theme cell: mean mastery over its `facts` facts, for each learner counted (the totals count
    learner x fact pairs); `facts` is 0 when no fact falls in the cell."""

    facts: int
    theme_name: str  # shown beside the cell where the table is laid out one country per block (phones)


@dataclass(frozen=True)
class GridRow:
    country: Topic
    cells: list[GridCell]


@dataclass(frozen=True)
class MasteryGrid:
    """Countries (rows) x themes (columns); a fact tagged with 2 countries and 2 themes counts in 4 cells."""

    themes: list[Topic]
    rows: list[GridRow]

    @property
    def levels(self) -> list[Level]:
        """The colours a cell can take, for the legend."""
        return list(Level)


def _learner_states(learner: AbstractBaseUser) -> QuerySet[MemoryState]:
    return MemoryState.objects.filter(learner=learner, fact__is_active=True).order_by()


def _aggregates(now: datetime.datetime) -> dict:
    return {
        "mastery_sum": Sum(mastery_expression()),
        "seen": Count("pk"),
        **{level.value: Count("pk", filter=condition) for level, condition in LEVEL_FILTERS.items()},
        "recall_sum": Sum(retrievability_expression(now=now)),
    }


def _sums(row: dict) -> Sums:
    return Sums(**{field: row[field] or 0 for field in Sums.__dataclass_fields__})


def mastery_sums(states: QuerySet[MemoryState], *fields: str, now: datetime.datetime) -> dict[tuple, Sums]:
    """The Sums of `states` grouped by `fields` (levels as of `now`): one query."""
    rows = states.values(*fields).annotate(**_aggregates(now))
    return {tuple(row[field] for field in fields): _sums(row) for row in rows}


def _by_topic(
    topics: QuerySet, *, learner: AbstractBaseUser, state_field: str, now: datetime.datetime
) -> list[TopicMastery]:
    """Each topic with its count of active facts (one query) and the learner's sums (one query)."""
    # A GROUP BY query drops Meta.ordering: keep the display order explicitly.
    topics = topics.annotate(total=Count("facts", filter=Q(facts__is_active=True))).order_by("position", "name")
    sums = mastery_sums(_learner_states(learner), state_field, now=now)
    result = []
    for topic in topics:
        figure = Mastery.of(sums=sums.get((topic.pk,), NOTHING), total=topic.total)
        result.append(TopicMastery(**vars(figure), name=topic.name, slug=topic.slug))
    return result


def mastery_by_country(*, learner: AbstractBaseUser, now: datetime.datetime) -> list[TopicMastery]:
    """Every country in display order with the learner's figures over its active facts: two queries."""
    return _by_topic(Country.objects.all(), learner=learner, state_field="fact__countries", now=now)


def mastery_by_theme(*, learner: AbstractBaseUser, now: datetime.datetime) -> list[TopicMastery]:
    """Every theme in display order with the learner's figures over its active facts: two queries."""
    return _by_topic(Theme.objects.all(), learner=learner, state_field="fact__themes", now=now)


def country_theme_grid(
    *,
    countries: Sequence[Topic],
    themes: Sequence[Topic],
    facts: QuerySet[Fact],
    states: QuerySet[MemoryState],
    now: datetime.datetime,
    learners: int = 1,
) -> MasteryGrid:
    """The country x theme heatmap of `facts`, as the memory `states` of `learners` learners know them: each
    cell is the mean over the cell's facts and the learners (a pair without a state counts 0). Two queries:
    the facts per cell, the mastery sums per cell. The progress page and the class report both draw it."""
    facts_per_cell = dict(
        ((country, theme), total)
        for country, theme, total in facts.order_by()
        .values("countries", "themes")
        .annotate(total=Count("pk"))
        .values_list("countries", "themes", "total")
    )
    sums = mastery_sums(states, "fact__countries", "fact__themes", now=now)
    rows = []
    for country in countries:
        cells = []
        for theme in themes:
            cell_facts = facts_per_cell.get((country.pk, theme.pk), 0)
            figure = Mastery.of(sums=sums.get((country.pk, theme.pk), NOTHING), total=cell_facts * learners)
            cells.append(GridCell(**vars(figure), facts=cell_facts, theme_name=theme.name))
        rows.append(GridRow(country=country, cells=cells))
    return MasteryGrid(themes=list(themes), rows=rows)


def mastery_grid(*, learner: AbstractBaseUser, now: datetime.datetime) -> MasteryGrid:
    """The learner's country x theme grid over the active bank: four queries (countries, themes, facts, sums)."""
    return country_theme_grid(
        countries=list(Country.objects.all()),
        themes=list(Theme.objects.all()),
        facts=Fact.objects.active(),
        states=_learner_states(learner),
        now=now,
    )


def overall_mastery(*, learner: AbstractBaseUser, now: datetime.datetime) -> Mastery:
    """The learner's figures over the whole active bank: two queries."""
    sums = _sums(_learner_states(learner).aggregate(**_aggregates(now)))
    return Mastery.of(sums=sums, total=Fact.objects.active().count())


def recent_attempts(*, learner: AbstractBaseUser, limit: int = 10) -> list[Attempt]:
    """The learner's latest attempts, newest first, with their quiz: one query (read through an index)."""
    return list(Attempt.objects.filter(learner=learner).select_related("quiz").order_by("-started_at", "-pk")[:limit])
