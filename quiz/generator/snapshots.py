"""Fact snapshots: everything generation needs to know about a fact, read in a bounded number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from content.models import Citation, Claim, Fact


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

    @property
    def accepted_answers(self) -> tuple[str, ...]:
        return (self.answer, *(claim.answer for claim in self.claims))

    @property
    def claimed_dates(self) -> tuple[tuple[datetime.date, str], ...]:
        """The primary date and every claimed one, with their precisions."""
        dates = [(self.event_date, self.precision)] if self.event_date else []
        dates += [(c.event_date, c.precision) for c in self.claims if c.event_date]
        return tuple(dates)

    @property
    def claimed_years(self) -> frozenset[int]:
        return frozenset(date.year for date, _ in self.claimed_dates)


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


def load_fact_data(fact_ids: Iterable[int], *, with_citations: bool = True) -> dict[int, FactData]:
    """Snapshots of the given facts in at most five queries, whatever their number."""
    ids = list(set(fact_ids))
    if not ids:
        return {}
    rows = Fact.objects.filter(pk__in=ids).values(
        "id", "key", "statement", "question", "answer", "kind", "event", "event_date", "date_precision", "value", "unit"
    )
    themes: dict[int, set[int]] = {}
    for fact_id, theme_id in Fact.themes.through.objects.filter(fact_id__in=ids).values_list("fact_id", "theme_id"):
        themes.setdefault(fact_id, set()).add(theme_id)
    countries: dict[int, set[int]] = {}
    for fact_id, country_id in Fact.countries.through.objects.filter(fact_id__in=ids).values_list(
        "fact_id", "country_id"
    ):
        countries.setdefault(fact_id, set()).add(country_id)
    claims: dict[int, list[ClaimData]] = {}
    claim_rows = Claim.objects.filter(fact_id__in=ids).order_by("pk")
    for fact_id, *claim in claim_rows.values_list("fact_id", "answer", "event_date", "date_precision", "value"):
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
        )
        for row in rows
    }
