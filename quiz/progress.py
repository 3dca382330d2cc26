"""How far a learner has come: mastery per country, per theme, per country x theme cell, and overall.

What learners read is each fact's level (new, learning, familiar, mastered: `quiz.models.Level`, the rule
on the model) counted per topic, and the expected recall today: the mean FSRS retrievability of the facts
met. Both come out of `mastery_sums`, the one place that aggregates memory states, which the class report
uses too. A fact's mastery is min(1, stability / 21 days) from the learner's FSRS memory
state, 0 for a fact never reviewed; only active facts count. A topic's mastery
is the mean over its active facts, so it is (sum of mastery over the facts the
learner has seen) / (number of facts); assignments' mastery targets use it.

The page never counts the bank: the number of active facts per topic comes from
`content.topic_totals` (kept current as facts change), and the learner's sums
from one query over the learner's own memory states, grouped by each fact's
combination of countries and themes (`LearnerSums`). Python folds those few
rows into countries, themes, cells and the whole bank, so the queries and the
rows read grow with the learner's history only, never with the bank.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol, Self

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet, Sum

from content.models import Country, Fact, Theme
from content.topic_totals import Combination, TopicTotals, topic_totals
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


def add(a: Sums, b: Sums) -> Sums:
    """Sums over two disjoint groups of memory states: every field is a sum or a count."""
    return Sums(**{name: getattr(a, name) + getattr(b, name) for name in Sums.__dataclass_fields__})


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

    # Cached: a heatmap cell reads its levels, standing and summary several times over.
    @cached_property
    def levels(self) -> list[LevelCount]:
        """The four levels, most advanced first, each with its count and share of the total."""
        counts = {Level.MASTERED: self.mastered, Level.FAMILIAR: self.familiar, Level.LEARNING: self.learning}
        counts[Level.NEW] = self.new
        return [LevelCount(level, n, n / self.total if self.total else 0.0) for level, n in counts.items()]

    @cached_property
    def standing(self) -> Level:
        """The level at least half the facts have reached (the heatmap cell's colour): new if fewer than half
        were met."""
        reached = 0
        for count in self.levels[:-1]:  # mastered, familiar, learning
            reached += count.count
            if self.total and 2 * reached >= self.total:
                return count.level
        return Level.NEW

    @cached_property
    def summary(self) -> str:
        """The figures in words, for screen readers and a cell's title."""
        levels = ", ".join(f"{count.count} {count.label}" for count in self.levels)
        recall = f"; expected recall today {self.recall_percent}%" if self.recall is not None else ""
        return f"{levels} (of {self.total}){recall}"

    @classmethod
    def of(cls, *, sums: Sums, total: int, **more) -> Self:
        """The figures of `sums` over `total` facts; `more`: a subclass's own fields."""
        # Unseen facts count 0: they add to the total but nothing to the sum.
        return cls(
            **more,
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


def _fold(parts: dict[Combination, Sums], keys: Callable[[frozenset[int], frozenset[int]], Iterable]) -> dict:
    """Each key's sums over the combinations that yield it (a country, a theme, a cell, or the whole bank)."""
    folded: dict = {}
    for (countries, themes), sums in parts.items():
        for key in keys(countries, themes):
            folded[key] = add(folded.get(key, NOTHING), sums)
    return folded


@dataclass(frozen=True)
class LearnerSums:
    """A learner's sums over the active facts, per combination of countries and themes, with the bank's
    totals: everything the progress figures are made of, read in two queries."""

    totals: TopicTotals
    by_combination: dict[Combination, Sums]

    @cached_property
    def _per_country(self) -> dict[int, Sums]:
        return _fold(self.by_combination, lambda countries, themes: countries)

    @cached_property
    def _per_theme(self) -> dict[int, Sums]:
        return _fold(self.by_combination, lambda countries, themes: themes)

    @cached_property
    def _per_cell(self) -> dict[tuple[int, int], Sums]:
        return _fold(self.by_combination, lambda countries, themes: ((c, t) for c in countries for t in themes))

    def country(self, pk: int) -> Sums:
        return self._per_country.get(pk, NOTHING)

    def theme(self, pk: int) -> Sums:
        return self._per_theme.get(pk, NOTHING)

    def cell(self, country: int, theme: int) -> Sums:
        return self._per_cell.get((country, theme), NOTHING)

    @cached_property
    def overall(self) -> Sums:
        return _fold(self.by_combination, lambda countries, themes: [None]).get(None, NOTHING)


def learner_sums(*, learner: AbstractBaseUser, now: datetime.datetime) -> LearnerSums:
    """The learner's sums per combination of tags (one query over the learner's memory states, each joined to
    its fact's counted combination: retired facts have none, so they drop out) and the bank's totals (one
    query, read second so that it names every combination the first one grouped by)."""
    states = MemoryState.objects.filter(learner=learner, counted_topics__isnull=False).order_by()
    rows = mastery_sums(states, "counted_topics__combination", now=now)
    totals = topic_totals()
    return LearnerSums(
        totals=totals, by_combination={totals.by_id[combination]: sums for (combination,), sums in rows.items()}
    )


def _by_topic(topics: Iterable, *, sums: Callable[[int], Sums], totals: Callable[[int], int]) -> list[TopicMastery]:
    result = []
    for topic in topics:
        result.append(TopicMastery.of(sums=sums(topic.pk), total=totals(topic.pk), name=topic.name, slug=topic.slug))
    return result


def mastery_by_country(
    *,
    learner: AbstractBaseUser,
    now: datetime.datetime,
    known: LearnerSums | None = None,
    countries: Sequence[Country] | None = None,
) -> list[TopicMastery]:
    """Every country in display order (`countries` if read already) with the learner's figures over its active
    facts: one query (none given `countries`) with the learner's sums `known`, three without."""
    known = known or learner_sums(learner=learner, now=now)
    countries = Country.objects.all() if countries is None else countries
    return _by_topic(countries, sums=known.country, totals=known.totals.country)


def mastery_by_theme(
    *,
    learner: AbstractBaseUser,
    now: datetime.datetime,
    known: LearnerSums | None = None,
    themes: Sequence[Theme] | None = None,
) -> list[TopicMastery]:
    """Every theme in display order (`themes` if read already) with the learner's figures over its active
    facts: one query (none given `themes`) with the learner's sums `known`, three without."""
    known = known or learner_sums(learner=learner, now=now)
    themes = Theme.objects.all() if themes is None else themes
    return _by_topic(themes, sums=known.theme, totals=known.totals.theme)


def _grid(
    *,
    countries: Sequence[Topic],
    themes: Sequence[Topic],
    facts: Callable[[int, int], int],
    sums: Callable[[int, int], Sums],
    learners: int = 1,
) -> MasteryGrid:
    rows = []
    for country in countries:
        cells = []
        for theme in themes:
            cell_facts = facts(country.pk, theme.pk)
            figure = sums(country.pk, theme.pk)
            cells.append(GridCell.of(sums=figure, total=cell_facts * learners, facts=cell_facts, theme_name=theme.name))
        rows.append(GridRow(country=country, cells=cells))
    return MasteryGrid(themes=list(themes), rows=rows)


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
    the facts per cell, the mastery sums per cell. The class report draws it over an assignment's facts."""
    facts_per_cell = dict(
        ((country, theme), total)
        for country, theme, total in facts.order_by()
        .values("countries", "themes")
        .annotate(total=Count("pk"))
        .values_list("countries", "themes", "total")
    )
    sums = mastery_sums(states, "fact__countries", "fact__themes", now=now)
    return _grid(
        countries=countries,
        themes=themes,
        facts=lambda country, theme: facts_per_cell.get((country, theme), 0),
        sums=lambda country, theme: sums.get((country, theme), NOTHING),
        learners=learners,
    )


def mastery_grid(
    *,
    learner: AbstractBaseUser,
    now: datetime.datetime,
    known: LearnerSums | None = None,
    countries: Sequence[Country] | None = None,
    themes: Sequence[Theme] | None = None,
) -> MasteryGrid:
    """The learner's country x theme grid over the active bank: two queries (countries, themes) with the
    learner's sums `known`, four without, none for the `countries` and `themes` read already."""
    known = known or learner_sums(learner=learner, now=now)
    return _grid(
        countries=list(Country.objects.all()) if countries is None else countries,
        themes=list(Theme.objects.all()) if themes is None else themes,
        facts=known.totals.cell,
        sums=known.cell,
    )


def overall_mastery(*, learner: AbstractBaseUser, now: datetime.datetime, known: LearnerSums | None = None) -> Mastery:
    """The learner's figures over the whole active bank: no query with the learner's sums `known`, two without."""
    known = known or learner_sums(learner=learner, now=now)
    return Mastery.of(sums=known.overall, total=known.totals.overall)


def recent_attempts(*, learner: AbstractBaseUser, limit: int = 10) -> list[Attempt]:
    """The learner's latest attempts, newest first, with their quiz: one query (read through an index)."""
    return list(Attempt.objects.filter(learner=learner).select_related("quiz").order_by("-started_at", "-pk")[:limit])
