"""Hypothesis strategies for synthetic facts (FactData snapshots, no database)."""

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from content.models import format_partial_date
from quiz.generator import ClaimData, FactData

ids = st.integers(min_value=1, max_value=10**6)
theme_sets = st.frozensets(st.integers(1, 9), min_size=1, max_size=2)
country_sets = st.frozensets(st.integers(1, 5), min_size=1, max_size=2)
precisions = st.sampled_from(["year", "month", "day"])


@st.composite
def partial_dates(draw, precision=None):
    precision = precision or draw(precisions)
    date = draw(st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2024, 12, 31)))
    if precision == "year":
        date = date.replace(month=1, day=1)
    elif precision == "month":
        date = date.replace(day=1)
    return date, precision


@st.composite
def dated_facts(draw, fact_id=None, claims=True, spans=False, one_off=True):
    precision = draw(precisions)
    date, precision = draw(partial_dates(precision))
    kind = "year" if precision == "year" else "date"
    shown = format_partial_date(date, precision)
    date_end = None
    if spans and precision == "year" and draw(st.booleans()):
        date_end = date.replace(year=date.year + draw(st.integers(1, 3)))
    claim_list = ()
    if claims and draw(st.booleans()):
        other, other_precision = draw(partial_dates(precision))
        other_text = format_partial_date(other, other_precision)
        claim_end = None
        if spans and other_precision == "year" and draw(st.booleans()):
            claim_end = other.replace(year=other.year + draw(st.integers(1, 4)))
        if other_text != shown:
            claim_list = (ClaimData(other_text, other, other_precision, None, claim_end),)
    return FactData(
        id=fact_id or draw(ids),
        key="f",
        statement=f"Something happened on {shown}.",
        question="",
        answer=shown,
        kind=kind,
        event=draw(st.text(alphabet="abcdefgh ", min_size=3, max_size=20).map(lambda s: f"Event {s.strip()}")),
        event_date=date,
        precision=precision,
        value=None,
        unit="",
        theme_ids=draw(theme_sets),
        country_ids=draw(country_sets),
        claims=claim_list,
        date_end=date_end,
        one_off=one_off,
    )


@st.composite
def quantity_facts(draw):
    is_percent = draw(st.booleans())
    if is_percent:
        value = draw(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1))
        text = f"{value}%"
        kind, unit = "percentage", "%"
    else:
        number = draw(st.integers(min_value=1, max_value=50_000_000))
        text = draw(st.sampled_from([f"{number:,}", str(number)]))
        prefix = draw(st.sampled_from(["", "about ", "more than "]))
        text = prefix + text
        value, kind, unit = Decimal(number), "number", "people"
    return FactData(
        id=draw(ids),
        key="q",
        statement=f"The figure was {text} that year.",
        question="",
        answer=text,
        kind=kind,
        event="",
        event_date=None,
        precision="",
        value=value,
        unit=unit,
        theme_ids=draw(theme_sets),
        country_ids=draw(country_sets),
    )


names = st.text(alphabet="ABCDEFGHIJKLMNOP", min_size=3, max_size=8)


@st.composite
def entity_facts(draw, kind="organisation", categories=None):
    answer = draw(names)
    return FactData(
        id=draw(ids),
        key="e",
        statement=f"The body in charge was {answer} all along.",
        question=draw(st.sampled_from(["", "Which body was in charge?"])),
        answer=answer,
        kind=kind,
        event="",
        event_date=None,
        precision="",
        value=None,
        unit="",
        theme_ids=draw(theme_sets),
        country_ids=draw(country_sets),
        category_id=draw(categories) if categories is not None else 1,
    )
