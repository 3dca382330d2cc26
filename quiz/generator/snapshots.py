"""Fact snapshots: everything generation needs to know about a fact, read in a bounded number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db import connection

from content.models import ENTITY_KINDS, Citation, Claim, Fact, FactKind

PHRASE_KIND = FactKind.PHRASE


@dataclass(frozen=True)
class CitationRef:
    source: str
    locator: str
    quote: str
    claim_answer: str | None = None

    def __str__(self) -> str:
        return f"{self.source}, {self.locator}"


@dataclass(frozen=True)
class ClaimData:
    answer: str
    event_date: datetime.date | None
    precision: str
    value: Decimal | None
    date_end: datetime.date | None = None
    is_record: bool = False


@dataclass(frozen=True)
class FactData:
    """Everything generation needs to know about one fact."""

    id: int
    key: str
    statement: str
    question: str
    answer: str
    kind: str
    event: str
    event_date: datetime.date | None
    precision: str
    value: Decimal | None
    unit: str
    theme_ids: frozenset[int] = frozenset()
    country_ids: frozenset[int] = frozenset()
    claims: tuple[ClaimData, ...] = ()
    citations: tuple[CitationRef, ...] = ()
    category_id: int | None = None
    # The end of a span ("the mid-2000s": 2004 to 2006), same precision as event_date.
    date_end: datetime.date | None = None
    # A one-off, datable event: only these feed event->year, year->event and timelines.
    one_off: bool = True
    curated: tuple[str, ...] = ()
    learner_note: str = ""
    # Off for a list-membership fact: another member of the category offered as wrong may be true too.
    multiple_choice: bool = True
    # Other spellings and names of the same answer (typed answers accept them).
    aliases: tuple[str, ...] = ()

    @property
    def accepted_answers(self) -> tuple[str, ...]:
        return (self.answer, *(claim.answer for claim in self.claims))

    @property
    def claimed_dates(self) -> tuple[tuple[datetime.date, str], ...]:
        """The primary date and every claimed one, with their precisions (span starts only)."""
        dates = [(self.event_date, self.precision)] if self.event_date else []
        dates += [(c.event_date, c.precision) for c in self.claims if c.event_date]
        return tuple(dates)

    # Cached: distractor searches ask every candidate event for them (a frozen dataclass still has a __dict__).
    @cached_property
    def claimed_periods(self) -> tuple[tuple[datetime.date, datetime.date], ...]:
        """Every period a source supports, as (first day, last day): a span or a date at its precision."""
        periods = []
        if self.event_date:
            periods.append(period(self.event_date, self.date_end, self.precision))
        periods += [period(c.event_date, c.date_end, c.precision) for c in self.claims if c.event_date]
        return tuple(periods)

    @cached_property
    def claimed_years(self) -> frozenset[int]:
        """Every year a source supports: each year of a span is one."""
        return frozenset(year for first, last in self.claimed_periods for year in range(first.year, last.year + 1))

    @property
    def is_span(self) -> bool:
        return self.date_end is not None or any(c.date_end is not None for c in self.claims)

    @property
    def is_event(self) -> bool:
        """A one-off dated event with a label: material for event->year, year->event and timelines."""
        return bool(self.event_date and self.event and self.one_off)

    @property
    def family(self) -> tuple[str, int] | None:
        """Whose answers are this fact's distractors: its category's. None for a fact that names no thing
        (a date, a number, a phrase) or, in a snapshot made by hand, a named kind without a category (the
        database requires one)."""
        if self.kind not in ENTITY_KINDS or self.category_id is None:
            return None
        return ("category", self.category_id)


def period(start: datetime.date, end: datetime.date | None, precision: str) -> tuple[datetime.date, datetime.date]:
    """The days a date (or a span from `start` to `end`) at `precision` covers."""
    last = end or start
    if precision == "year":
        return start.replace(month=1, day=1), datetime.date(last.year, 12, 31)
    if precision == "month":
        following = datetime.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
        return start.replace(day=1), following - datetime.timedelta(days=1)
    return start, last


def load_citations(fact_ids: Iterable[int]) -> dict[int, tuple[CitationRef, ...]]:
    """The citations of the given facts, in one query."""
    citations: dict[int, list[CitationRef]] = {}
    rows = (
        Citation.objects.filter(fact_id__in=list(fact_ids))
        .order_by("fact_id", "claim_id", "pk")
        .values_list("fact_id", "source__short_name", "locator", "quote", "claim__answer")
    )
    for fact_id, source, locator, quote, claim_answer in rows:
        citations.setdefault(fact_id, []).append(CitationRef(source, locator, quote, claim_answer))
    return {fact_id: tuple(refs) for fact_id, refs in citations.items()}


def _tags(ids: list[int]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Theme and country ids of the facts, in one statement written out: the ORM's preparation of a few hundred
    ids in an IN list took twice as long as running the query."""
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(ids))
    parts = []
    for number, (relation, column) in enumerate(((Fact.themes, "theme_id"), (Fact.countries, "country_id"))):
        table = quote(relation.through._meta.db_table)
        parts.append(
            f"SELECT {number}, {quote('fact_id')}, {quote(column)} FROM {table}"
            f" WHERE {quote('fact_id')} IN ({placeholders})"
        )
    tags: tuple[dict[int, set[int]], dict[int, set[int]]] = ({}, {})
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), [*ids, *ids])
        for number, fact_id, tag_id in cursor.fetchall():
            tags[number].setdefault(fact_id, set()).add(tag_id)
    return tags


def load_fact_data(fact_ids: Iterable[int], *, with_citations: bool = True) -> dict[int, FactData]:
    """Snapshots of the given facts in at most four queries, whatever their number."""
    ids = list(set(fact_ids))
    if not ids:
        return {}
    rows = Fact.objects.filter(pk__in=ids).values(
        "id",
        "key",
        "statement",
        "question",
        "answer",
        "kind",
        "event",
        "event_date",
        "date_precision",
        "value",
        "unit",
        "category_id",
        "date_end",
        "one_off",
        "distractors",
        "learner_note",
        "multiple_choice",
        "aliases",
    )
    themes, countries = _tags(ids)
    claims: dict[int, list[ClaimData]] = {}
    claim_rows = Claim.objects.filter(fact_id__in=ids).order_by("pk")
    for fact_id, *claim in claim_rows.values_list(
        "fact_id", "answer", "event_date", "date_precision", "value", "date_end", "is_record"
    ):
        claims.setdefault(fact_id, []).append(ClaimData(*claim))
    citations = load_citations(ids) if with_citations else {}
    return {
        row["id"]: FactData(
            id=row["id"],
            key=row["key"],
            statement=row["statement"],
            question=row["question"],
            answer=row["answer"],
            kind=row["kind"],
            event=row["event"],
            event_date=row["event_date"],
            precision=row["date_precision"],
            value=row["value"],
            unit=row["unit"],
            theme_ids=frozenset(themes.get(row["id"], ())),
            country_ids=frozenset(countries.get(row["id"], ())),
            claims=tuple(claims.get(row["id"], ())),
            citations=citations.get(row["id"], ()),
            category_id=row["category_id"],
            date_end=row["date_end"],
            one_off=row["one_off"],
            curated=tuple(row["distractors"] or ()),
            learner_note=row["learner_note"],
            multiple_choice=row["multiple_choice"],
            aliases=tuple(row["aliases"] or ()),
        )
        for row in rows
    }
