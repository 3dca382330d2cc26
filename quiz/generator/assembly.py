"""Quiz assembly: windows over the bank, the requested mix, no fact twice, reproducible from a seed."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from content.models import Country, Fact, FactKind
from quiz.generator.builders import SINGLE_FACT_BUILDERS, timeline_order_is_unambiguous, timeline_question
from quiz.generator.question_type import QuestionType
from quiz.generator.questions import TIMELINE_MAX, TIMELINE_MIN, CannotBuild, GeneratedQuestion
from quiz.generator.snapshots import FactData, load_citations, load_fact_data

ENTITY_KINDS = (FactKind.ORGANISATION, FactKind.PERSON, FactKind.PLACE, FactKind.WORK, FactKind.TERM)
POOL_SIZE = 40


@dataclass(frozen=True)
class Selection:
    """What a quiz is built from: countries x themes x question types x count (empty = all)."""

    country_ids: tuple[int, ...] = ()
    theme_ids: tuple[int, ...] = ()
    question_types: tuple[str, ...] = (QuestionType.CHOICE,)
    count: int = 10
    fact_ids: tuple[int, ...] = ()


def _window(queryset, start: float, size: int) -> list:
    """`size` rows of a random sample: the rows from `start` in shuffle order, wrapping around."""
    rows = list(queryset.filter(shuffle_key__gte=start).order_by("shuffle_key")[:size])
    if len(rows) < size:
        rows += list(queryset.filter(shuffle_key__lt=start).order_by("shuffle_key")[: size - len(rows)])
    return rows


def _mix(types: Sequence[str], count: int, rng: random.Random) -> list[str]:
    """`count` question types, as evenly spread over `types` as possible, in random order."""
    mix = [types[i % len(types)] for i in range(count)]
    rng.shuffle(mix)
    return mix


def _weighted_order(
    candidates: list[FactData], mastery: Mapping[int, float] | None, rng: random.Random
) -> list[FactData]:
    """Random order, biased toward facts the learner has not mastered (Efraimidis-Spirakis)."""
    if not mastery:
        order = list(candidates)
        rng.shuffle(order)
        return order

    def key(fact: FactData) -> float:
        weight = max(0.05, 1.0 - mastery.get(fact.id, 0.0))
        return rng.random() ** (1.0 / weight)

    return sorted(candidates, key=key, reverse=True)


def build_quiz(
    *, selection: Selection, seed: int, mastery: Mapping[int, float] | None = None
) -> list[GeneratedQuestion]:
    """Build a quiz: the requested mix, no fact twice, reproducible from `seed`.

    Queries: one window of candidates, one window of dated candidates, one pool
    window per entity kind in play, the countries and themes, and five to load
    snapshots: bounded by a constant, whatever the bank's size.
    """
    rng = random.Random(seed)
    facts = Fact.objects.active()
    if selection.fact_ids:
        facts = facts.filter(pk__in=selection.fact_ids)
    facts = facts.in_topic(countries=selection.country_ids, themes=selection.theme_ids)
    mix = _mix(selection.question_types, selection.count, rng)
    want = max(3 * selection.count, 30)
    candidate_rows = _window(facts.values_list("id", "kind"), rng.random(), want)
    dated_rows = []
    if any(t != QuestionType.CHOICE for t in mix):
        dated_rows = _window(
            facts.dated().values_list("id", "kind"),
            rng.random(),
            want + 2 * mix.count(QuestionType.TIMELINE) * TIMELINE_MAX,
        )
    kinds = {kind for _, kind in candidate_rows} & set(ENTITY_KINDS)
    pool_ids: list[int] = []
    for kind in sorted(kinds):
        pool_ids += [
            fact_id
            for fact_id, _ in _window(
                Fact.objects.active().filter(kind=kind).values_list("id", "kind"), rng.random(), POOL_SIZE
            )
        ]
    # Citations are fetched afterwards, for the facts actually asked only.
    data = load_fact_data([i for i, _ in candidate_rows] + [i for i, _ in dated_rows] + pool_ids, with_citations=False)

    candidates = _weighted_order([data[i] for i, _ in candidate_rows if i in data], mastery, rng)
    dated = _weighted_order([data[i] for i, _ in dated_rows if i in data], mastery, rng)
    pool = [data[i] for i in pool_ids if i in data] + candidates
    context = bank_context(pool=pool, dated_pool=dated + candidates)

    # Build the types that need the most facts first (timelines, then dated
    # singles), so cheaper types do not use up their material; shuffle after.
    demand = [QuestionType.TIMELINE, QuestionType.YEAR_EVENT, QuestionType.EVENT_YEAR, QuestionType.CHOICE]
    used: set[int] = set()
    questions: list[GeneratedQuestion] = []
    for question_type in sorted(mix, key=demand.index):
        question = None
        if question_type == QuestionType.TIMELINE:
            question = _next_timeline(dated, used, rng)
        else:
            source = dated if question_type != QuestionType.CHOICE else candidates
            for fact in source:
                if fact.id in used:
                    continue
                try:
                    question = SINGLE_FACT_BUILDERS[question_type](fact, rng=rng, **context)
                except CannotBuild:
                    continue
                break
        if question is not None:
            used.update(question.fact_ids)
            questions.append(question)
    rng.shuffle(questions)
    citations = load_citations(used)
    for question in questions:
        question.citations = [ref for fact_id in question.fact_ids for ref in citations.get(fact_id, ())]
    return questions


def _next_timeline(dated: Sequence[FactData], used: set[int], rng: random.Random) -> GeneratedQuestion | None:
    size = rng.randint(TIMELINE_MIN + 1, TIMELINE_MAX - 1)
    chosen: list[FactData] = []
    for fact in dated:
        if fact.id in used or not fact.event:
            continue
        if timeline_order_is_unambiguous([*chosen, fact]):
            chosen.append(fact)
            if len(chosen) == size:
                break
    if len(chosen) < TIMELINE_MIN:
        return None
    return timeline_question(chosen, rng=rng)


def bank_context(*, pool: Sequence[FactData], dated_pool: Sequence[FactData]) -> dict:
    """What single-fact builders draw distractors from: same-kind answers, dated events, countries, themes."""
    from content.models import Theme

    return {
        "pool": pool,
        "dated_pool": dated_pool,
        "countries": list(Country.objects.exclude(slug="central-asia").values_list("id", "name")),
        "theme_names": dict(Theme.objects.values_list("id", "name")),
    }


def single_fact_questions(fact: FactData, *, context: dict, seed: int = 0) -> dict[str, GeneratedQuestion | str]:
    """Every single-fact question type for one fact, or the reason it cannot be built."""
    rng = random.Random(seed)
    result: dict[str, GeneratedQuestion | str] = {}
    for question_type, builder in SINGLE_FACT_BUILDERS.items():
        if question_type != QuestionType.CHOICE and not fact.event_date:
            result[question_type] = "the fact has no date"
            continue
        try:
            result[question_type] = builder(fact, rng=rng, **context)
        except CannotBuild as reason:
            result[question_type] = str(reason)
    return result


def questions_for_fact(*, fact: Fact, seed: int = 0) -> dict[str, GeneratedQuestion | str]:
    """The admin preview: each single-fact question this fact yields, drawn against a sample of the bank."""
    pool_ids = list(
        Fact.objects.active()
        .filter(kind=fact.kind)
        .exclude(pk=fact.pk)
        .order_by("shuffle_key")
        .values_list("id", flat=True)[:POOL_SIZE]
    )
    dated_ids = list(
        Fact.objects.active()
        .dated()
        .exclude(pk=fact.pk)
        .order_by("shuffle_key")
        .values_list("id", flat=True)[:POOL_SIZE]
    )
    data = load_fact_data([fact.pk, *pool_ids, *dated_ids])
    context = bank_context(pool=[data[i] for i in pool_ids], dated_pool=[data[i] for i in dated_ids])
    return single_fact_questions(data[fact.pk], context=context, seed=seed)
