"""Building the `TypedKey` a typed question is frozen with, from a fact, its claims and its category.

Its rivals are the other names of the category a typo could confuse with an accepted one (see
`relevant_rivals`), so a frozen key stays small however many answers its category has.

The database side of `quiz.typed_answers` (which stays pure): two queries for any number of facts, the
claims of the facts and of their categories' other facts, and the answers of those other facts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from content.models import DATE_KINDS, QUANTITY_KINDS, Claim, Fact
from quiz.typed_answers import TypedKey, compact, relevant_rivals
from quiz.typed_numbers import stated_tolerance

# The Fact fields a key is built from (`_key` and the category read): what a caller's `.only()` loads.
TYPED_KEY_FIELDS = ("id", "kind", "answer", "aliases", "category", "event_date", "date_end", "value")


def _decimal_text(value: Decimal | int | float) -> str:
    """A number without the trailing zeros of its database column: 108177, 5.1, 0.2."""
    return format(Decimal(str(value)).normalize(), "f")


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
    # Per category: (the compact answer of the fact a name belongs to, the name, whether it is a claim's answer).
    names_by_category: dict[int, list[tuple[str, str, bool]]] = defaultdict(list)
    for pk, category_id, answer, aliases in others:
        owner = compact(answer)
        names_by_category[category_id] += [(owner, name, False) for name in (answer, *(aliases or ()))]
        names_by_category[category_id] += [(owner, claim.answer, True) for claim in claims_by_fact[pk]]
    return {fact.pk: _key(fact, claims_by_fact[fact.pk], names_by_category.get(fact.category_id, [])) for fact in facts}


def typed_key_for(fact: Fact) -> TypedKey:
    """One fact's TypedKey (two queries)."""
    return typed_keys_for([fact])[fact.pk]


def _key(fact: Fact, claims: list[Claim], category_names: list[tuple[str, str, bool]]) -> TypedKey:
    claim_answers = tuple(claim.answer for claim in claims)
    # Other facts of the category may name the same thing: two facts about BTS, or one that lists this one's
    # answer as an alias. Their names (not their claims) are this fact's aliases too, and no rivals.
    own_names = {compact(name) for name in (fact.answer, *(fact.aliases or ()))}
    same_thing = {owner for owner, name, is_claim in category_names if not is_claim and compact(name) in own_names}
    same_thing.add(compact(fact.answer))
    aliases: dict[str, str] = {compact(name): name for name in fact.aliases or ()}
    for owner, name, is_claim in category_names:
        if owner in same_thing and not is_claim and compact(name) not in own_names:
            aliases.setdefault(compact(name), name)
    for claim in claim_answers:
        aliases.pop(compact(claim), None)  # a claim of this fact stays a claim
    accepted = {compact(fact.answer), *aliases, *(compact(claim) for claim in claim_answers)}
    rivals = relevant_rivals(
        (fact.answer, *aliases.values(), *claim_answers),
        {
            name
            for owner, name, is_claim in category_names
            if compact(name) not in accepted and (is_claim or owner not in same_thing)
        },
        fact.kind,
    )
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
        precision = _decimal_text(stated_tolerance(fact.answer, Decimal(str(fact.value))))
    return TypedKey(
        kind=fact.kind,
        answer=fact.answer,
        aliases=tuple(aliases.values()),
        claims=claim_answers,
        years=years,
        values=values,
        precision=precision,
        rivals=rivals,
    )
