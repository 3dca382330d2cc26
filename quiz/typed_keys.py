"""Building the `TypedKey` a typed question is frozen with, from a fact, its claims and its category.

The database side of `quiz.typed_answers` (which stays pure): two queries for any number of facts, the
claims of the facts and of their categories' other facts, and the answers of those other facts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from content.models import DATE_KINDS, QUANTITY_KINDS, Claim, Fact
from quiz.typed_answers import TypedKey, compact
from quiz.typed_numbers import stated_tolerance


def _decimal_text(value: Decimal) -> str:
    """ "108177", "5.1", "0.2": a Decimal without the trailing zeros of its database column."""
    text = format(value.normalize(), "f")
    return text


def typed_keys_for(facts: Iterable[Fact]) -> dict[int, TypedKey]:
    """Every fact's TypedKey by pk, in two queries whatever the number of facts."""
    facts = list(facts)
    categories = {fact.category_id for fact in facts if fact.category_id}
    others = (
        list(
            Fact.objects.active().filter(category__in=categories).values_list("pk", "category_id", "answer", "aliases")
        )
        if categories
        else []
    )
    fact_ids = {fact.pk for fact in facts} | {row[0] for row in others}
    claims_by_fact: dict[int, list[Claim]] = defaultdict(list)
    for claim in Claim.objects.filter(fact__in=fact_ids).order_by("pk"):
        claims_by_fact[claim.fact_id].append(claim)
    names_by_category: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, category_id, answer, aliases in others:
        for name in (answer, *(aliases or ()), *(claim.answer for claim in claims_by_fact[pk])):
            names_by_category[category_id].append((pk, name))
    return {fact.pk: _key(fact, claims_by_fact[fact.pk], names_by_category.get(fact.category_id, [])) for fact in facts}


def typed_key_for(fact: Fact) -> TypedKey:
    """One fact's TypedKey (two queries)."""
    return typed_keys_for([fact])[fact.pk]


def _key(fact: Fact, claims: list[Claim], category_names: list[tuple[int, str]]) -> TypedKey:
    aliases = tuple(fact.aliases or ())
    claim_answers = tuple(claim.answer for claim in claims)
    accepted = {compact(name) for name in (fact.answer, *aliases, *claim_answers)}
    # Another fact of the category may name the same thing (two facts about BTS): that is no rival.
    rivals = tuple(sorted({name for pk, name in category_names if pk != fact.pk and compact(name) not in accepted}))
    years: tuple[int, ...] = ()
    values: tuple[str, ...] = ()
    precision = ""
    if fact.kind in DATE_KINDS:
        years = tuple(sorted({*fact.years, *(year for claim in claims for year in claim.years)}))
    if fact.kind in QUANTITY_KINDS and fact.value is not None:
        values = tuple(
            dict.fromkeys(
                _decimal_text(value) for value in (fact.value, *(claim.value for claim in claims)) if value is not None
            )
        )
        precision = _decimal_text(stated_tolerance(fact.answer, fact.value))
    return TypedKey(
        kind=fact.kind,
        answer=fact.answer,
        aliases=aliases,
        claims=claim_answers,
        years=years,
        values=values,
        precision=precision,
        rivals=rivals,
    )
