"""How far a learner has come: mastery per country, per theme, per country x theme cell, and overall.

A fact's mastery is min(1, stability / 21 days) from the learner's FSRS memory
state, 0 for a fact never reviewed; only active facts count. A topic's mastery
is the mean over its active facts, so it is (sum of mastery over the facts the
learner has seen) / (number of facts). Each function runs a fixed number of
queries whatever the bank or history size: totals are counted over facts, the
sums over the learner's memory states, both grouped in SQL; Python only joins
the few per-topic rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet, Sum

from content.models import Country, Fact, Theme
from quiz.models import Attempt, MemoryState, mastery_expression


@dataclass(frozen=True)
class Mastery:
    """Mean mastery (0..1) over `total` active facts, `seen` of which the learner has a memory of."""

    mastery: float
    seen: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.mastery)

    @classmethod
    def of(cls, *, mastery_sum: float | None, seen: int | None, total: int) -> Mastery:
        # Unseen facts count 0: they add to the total but nothing to the sum.
        return cls(mastery=(mastery_sum or 0.0) / total if total else 0.0, seen=seen or 0, total=total)


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


@dataclass(frozen=True)
class GridRow:
    country: Topic
    cells: list[GridCell]


@dataclass(frozen=True)
class MasteryGrid:
    """Countries (rows) x themes (columns); a fact tagged with 2 countries and 2 themes counts in 4 cells."""

    themes: list[Topic]
    rows: list[GridRow]


def _learner_states(learner: AbstractBaseUser) -> QuerySet[MemoryState]:
    return MemoryState.objects.filter(learner=learner, fact__is_active=True).order_by()


def mastery_sums(states: QuerySet[MemoryState], *fields: str) -> dict[tuple, tuple[float, int]]:
    """(mastery sum, states counted) of `states` grouped by `fields`: one query."""
    rows = (
        states.values(*fields)
        .annotate(mastery_sum=Sum(mastery_expression()), seen=Count("pk"))
        .values_list(*fields, "mastery_sum", "seen")
    )
    return {tuple(row[:-2]): (row[-2], row[-1]) for row in rows}


def _by_topic(topics: QuerySet, *, learner: AbstractBaseUser, state_field: str) -> list[TopicMastery]:
    """Each topic with its count of active facts (one query) and the learner's sums (one query)."""
    # A GROUP BY query drops Meta.ordering: keep the display order explicitly.
    topics = topics.annotate(total=Count("facts", filter=Q(facts__is_active=True))).order_by("position", "name")
    sums = mastery_sums(_learner_states(learner), state_field)
    result = []
    for topic in topics:
        mastery_sum, seen = sums.get((topic.pk,), (0.0, 0))
        figure = Mastery.of(mastery_sum=mastery_sum, seen=seen, total=topic.total)
        result.append(TopicMastery(**vars(figure), name=topic.name, slug=topic.slug))
    return result


def mastery_by_country(*, learner: AbstractBaseUser) -> list[TopicMastery]:
    """Every country in display order with the learner's mean mastery over its active facts: two queries."""
    return _by_topic(Country.objects.all(), learner=learner, state_field="fact__countries")


def mastery_by_theme(*, learner: AbstractBaseUser) -> list[TopicMastery]:
    """Every theme in display order with the learner's mean mastery over its active facts: two queries."""
    return _by_topic(Theme.objects.all(), learner=learner, state_field="fact__themes")


def country_theme_grid(
    *,
    countries: Sequence[Topic],
    themes: Sequence[Topic],
    facts: QuerySet[Fact],
    states: QuerySet[MemoryState],
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
    sums = mastery_sums(states, "fact__countries", "fact__themes")
    rows = []
    for country in countries:
        cells = []
        for theme in themes:
            cell_facts = facts_per_cell.get((country.pk, theme.pk), 0)
            mastery_sum, seen = sums.get((country.pk, theme.pk), (0.0, 0))
            figure = Mastery.of(mastery_sum=mastery_sum, seen=seen, total=cell_facts * learners)
            cells.append(GridCell(**vars(figure), facts=cell_facts))
        rows.append(GridRow(country=country, cells=cells))
    return MasteryGrid(themes=list(themes), rows=rows)


def mastery_grid(*, learner: AbstractBaseUser) -> MasteryGrid:
    """The learner's country x theme grid over the active bank: four queries (countries, themes, facts, sums)."""
    return country_theme_grid(
        countries=list(Country.objects.all()),
        themes=list(Theme.objects.all()),
        facts=Fact.objects.active(),
        states=_learner_states(learner),
    )


def overall_mastery(*, learner: AbstractBaseUser) -> Mastery:
    """Mean mastery over the whole active bank: two queries."""
    sums = _learner_states(learner).aggregate(mastery_sum=Sum(mastery_expression()), seen=Count("pk"))
    return Mastery.of(mastery_sum=sums["mastery_sum"], seen=sums["seen"], total=Fact.objects.active().count())


def recent_attempts(*, learner: AbstractBaseUser, limit: int = 10) -> list[Attempt]:
    """The learner's latest attempts, newest first, with their quiz: one query (read through an index)."""
    return list(Attempt.objects.filter(learner=learner).select_related("quiz").order_by("-started_at", "-pk")[:limit])
