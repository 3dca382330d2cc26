"""Quiz assembly: windows over the bank, the requested mix, no fact twice, reproducible from a seed."""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import connection

from content.models import ENTITY_KINDS, Country, Fact, Source
from quiz.generator.builders import SINGLE_FACT_BUILDERS, answer_first, timeline_order_is_unambiguous, timeline_question
from quiz.generator.questions import TIMELINE_MAX, TIMELINE_MIN, CannotBuild, GeneratedQuestion
from quiz.generator.snapshots import FactData, load_citations, load_fact_data
from quiz.generator.text import norm
from quiz.item_flaws import author_surnames
from quiz.models import QuestionType
from quiz.typed_keys import TYPED_KEY_FIELDS, typed_keys_for

# Facts read per answer family (category) for a quiz: a bounded window of the (category, shuffle_key) index,
# so the cost does not grow with the bank. A category smaller than this is read whole.
FAMILY_WINDOW = 24
POOL_SIZE = FAMILY_WINDOW
# Families read per quiz beyond one per choice question (some facts yield no question).
SPARE_FAMILIES = 4
Family = tuple[str, Hashable]


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


def _weighted_order(candidates: list, mastery: Mapping[int, float] | None, rng: random.Random) -> list:
    """Random order, biased toward facts the learner has not mastered (Efraimidis-Spirakis).

    Works on snapshots or on (id, ...) rows alike."""
    if not mastery:
        order = list(candidates)
        rng.shuffle(order)
        return order

    def key(candidate) -> float:
        fact_id = candidate.id if isinstance(candidate, FactData) else candidate[0]
        weight = max(0.05, 1.0 - mastery.get(fact_id, 0.0))
        return rng.random() ** (1.0 / weight)

    return sorted(candidates, key=key, reverse=True)


def family_of_row(kind: str, category_id: int | None) -> Family | None:
    """The answer family of a (kind, category id) row, as FactData.family computes it."""
    return ("category", category_id) if kind in ENTITY_KINDS and category_id is not None else None


# Stand-ins for a category and a window's start, to compile a window's SQL once and fill it per family.
_VALUE, _START = -918273645, -0.918273645
_window_sql: dict[tuple, tuple[str, list, int, int]] = {}


def _window_template(lookup: str, size: int) -> tuple[str, list, int, int]:
    """The SQL of one family window, compiled by the ORM once (so it matches the partial index's condition),
    with the positions of the category and the start among its parameters."""
    cache_key = (connection.vendor, lookup, size)
    if cache_key not in _window_sql:
        window = (
            Fact.objects.active()
            .filter(category_id=_VALUE, **{f"shuffle_key__{lookup}": _START})
            .order_by("shuffle_key")
            .values_list("id", "shuffle_key")[:size]
        )
        sql, params = window.query.sql_with_params()
        params = list(params)
        _window_sql[cache_key] = (sql, params, params.index(_VALUE), params.index(_START))
    return _window_sql[cache_key]


def family_windows(families: Sequence[Family], rng: random.Random, size: int = FAMILY_WINDOW) -> dict[Family, list]:
    """For each family, the ids of `size` active facts from a random point of its (category, shuffle_key)
    index, wrapping around: one SQL statement for all families (a UNION ALL of index range scans), so neither
    the number of queries nor their cost grows with the bank."""
    if not families:
        return {}
    parts, params = [], []
    quote = connection.ops.quote_name
    for number, family in enumerate(families):
        start = rng.random()
        for part, lookup in ((0, "gte"), (1, "lt")):
            sql, template, value_at, start_at = _window_template(lookup, size)
            window_params = list(template)
            window_params[value_at], window_params[start_at] = family[1], start
            alias = f"w{number}_{part}"
            parts.append(
                f"SELECT {number} AS family, {part} AS part, {alias}.{quote('id')}, {alias}.{quote('shuffle_key')}"
                f" FROM ({sql}) {alias}"
            )
            params += window_params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    result: dict[Family, list] = {family: [] for family in families}
    for number, family in enumerate(families):
        mine = sorted((part, key, fact_id) for n, part, fact_id, key in rows if n == number)
        result[family] = [fact_id for _, _, fact_id in mine][:size]
    return result


def region_countries() -> list[str]:
    """Names of the countries facts are tagged with, regions left out (they are not countries)."""
    return list(Country.objects.exclude(is_region=True).values_list("name", flat=True))


def cited_surnames() -> list[str]:
    """Surnames of every cited author: a prompt naming one asks about a paper unless the fact is their argument."""
    names: set[str] = set()
    for authors in Source.objects.values_list("authors", flat=True):
        names.update(author_surnames(authors))
    return sorted(names)


def events_of(facts: Iterable[FactData]) -> list[FactData]:
    return [fact for fact in facts if fact.is_event]


def build_quiz(
    *, selection: Selection, seed: int, mastery: Mapping[int, float] | None = None
) -> list[GeneratedQuestion]:
    """Build a quiz: the requested mix, no fact and no event twice (in any form), reproducible from `seed`.

    Queries: one window of candidates, one of one-off events, one statement for the windows of the answer
    families in play, four to load snapshots, the countries, the authors and the citations: bounded by a
    constant, whatever the bank's size.
    """
    rng = random.Random(seed)
    facts = Fact.objects.active()
    if selection.fact_ids:
        facts = facts.filter(pk__in=selection.fact_ids)
    facts = facts.in_topic(countries=selection.country_ids, themes=selection.theme_ids)
    mix = _mix(selection.question_types, selection.count, rng)
    want = max(3 * selection.count, 30)
    candidate_rows = _window(facts.values_list("id", "kind", "category_id"), rng.random(), want)
    event_rows = []
    if any(t not in (QuestionType.CHOICE, QuestionType.TYPED) for t in mix):
        events = facts.dated().exclude(event="").filter(one_off=True)
        event_rows = _window(
            events.values_list("id", "kind", "category_id"),
            rng.random(),
            want + 2 * mix.count(QuestionType.TIMELINE) * TIMELINE_MAX,
        )
    candidate_rows = _weighted_order(candidate_rows, mastery, rng)
    # The families of the first candidates in the order they will be tried: enough for every choice question.
    families: list[Family] = []
    for _, kind, category_id in candidate_rows:
        family = family_of_row(kind, category_id)
        if family is not None and family not in families:
            families.append(family)
            if len(families) >= mix.count(QuestionType.CHOICE) + mix.count(QuestionType.TYPED) + SPARE_FAMILIES:
                break
    # Choice questions draw their distractors from these windows, typed ones their rivals (never a typo).
    needs_families = QuestionType.CHOICE in mix or QuestionType.TYPED in mix
    windows = family_windows(families, rng) if needs_families else {}
    # Citations are fetched afterwards, for the facts actually asked only.
    window_ids = [fact_id for ids in windows.values() for fact_id in ids]
    data = load_fact_data(
        [row[0] for row in candidate_rows] + [row[0] for row in event_rows] + window_ids, with_citations=False
    )
    candidates = [data[row[0]] for row in candidate_rows if row[0] in data]
    events = _weighted_order([data[row[0]] for row in event_rows if row[0] in data], mastery, rng)
    context = {
        "families": {family: [data[i] for i in ids if i in data] for family, ids in windows.items()},
        "dated_pool": events + [fact for fact in candidates if fact.is_event],
        "countries": region_countries(),
        "surnames": cited_surnames(),
    }

    # Build the types that need the most facts first (timelines, then dated
    # singles), so cheaper types do not use up their material; shuffle after.
    demand = [
        QuestionType.TIMELINE,
        QuestionType.YEAR_EVENT,
        QuestionType.EVENT_YEAR,
        QuestionType.TYPED,
        QuestionType.CHOICE,
    ]
    used: set[int] = set()
    used_events: set[str] = set()
    questions: list[GeneratedQuestion] = []
    for question_type in sorted(mix, key=demand.index):
        question = None
        if question_type == QuestionType.TIMELINE:
            question = _next_timeline(events, used, used_events, rng)
        else:
            source = candidates if question_type in (QuestionType.CHOICE, QuestionType.TYPED) else events
            for fact in source:
                if fact.id in used or (fact.event and norm(fact.event) in used_events):
                    continue
                try:
                    question = SINGLE_FACT_BUILDERS[question_type](fact, rng=rng, **context)
                except CannotBuild:
                    continue
                break
        if question is not None:
            used.update(question.fact_ids)
            used_events.update(norm(data[i].event) for i in question.fact_ids if i in data and data[i].event)
            questions.append(question)
    rng.shuffle(questions)
    attach_typed_keys(questions)
    citations = load_citations(used)
    for question in questions:
        by_year = question.type not in (QuestionType.CHOICE, QuestionType.TYPED)
        question.citations = [
            ref
            for fact_id in question.fact_ids
            for ref in answer_first(citations.get(fact_id, ()), data[fact_id], by_year=by_year)
        ]
    return questions


def attach_typed_keys(questions: Sequence[GeneratedQuestion]) -> None:
    """Give every typed question its key (`typed_keys.typed_keys_for`): three queries for all of them,
    none without a typed question. The rivals are read from the whole category, so a typo of another
    answer of it is never accepted."""
    typed = [question for question in questions if question.type == QuestionType.TYPED and question.typed_key is None]
    if not typed:
        return
    facts = Fact.objects.filter(pk__in=[question.fact_ids[0] for question in typed]).only(*TYPED_KEY_FIELDS)
    keys = typed_keys_for(facts)
    for question in typed:
        question.typed_key = keys[question.fact_ids[0]]


def _next_timeline(
    events: Sequence[FactData], used: set[int], used_events: set[str], rng: random.Random
) -> GeneratedQuestion | None:
    size = rng.randint(TIMELINE_MIN + 1, TIMELINE_MAX - 1)
    chosen: list[FactData] = []
    labels: set[str] = set()
    for fact in events:
        label = norm(fact.event)
        if fact.id in used or not fact.is_event or label in used_events or label in labels:
            continue
        if timeline_order_is_unambiguous([*chosen, fact]):
            chosen.append(fact)
            labels.add(label)
            if len(chosen) == size:
                break
    if len(chosen) < TIMELINE_MIN:
        return None
    return timeline_question(chosen, rng=rng)


def bank_context(*, facts: Sequence[FactData]) -> dict:
    """What single-fact builders draw from when every fact is at hand (the report, the tests): each family's
    facts, the one-off events, the region's countries and the cited authors."""
    families: dict[Family, list[FactData]] = {}
    for fact in facts:
        if fact.family is not None:
            families.setdefault(fact.family, []).append(fact)
    return {
        "families": families,
        "dated_pool": events_of(facts),
        "countries": region_countries(),
        "surnames": cited_surnames(),
    }


def single_fact_questions(fact: FactData, *, context: dict, seed: int = 0) -> dict[str, GeneratedQuestion | str]:
    """Every single-fact question type for one fact, or the reason it cannot be built.

    The fact's id is mixed into the seed: with one seed for all, every fact's first random draw (the key's
    rank among numbers, for one) would be the same."""
    rng = random.Random(seed * 1_000_003 + fact.id)
    result: dict[str, GeneratedQuestion | str] = {}
    for question_type, builder in SINGLE_FACT_BUILDERS.items():
        try:
            result[question_type] = builder(fact, rng=rng, **context)
        except CannotBuild as reason:
            result[question_type] = str(reason)
    return result


def questions_for_fact(*, fact: Fact, seed: int = 0) -> dict[str, GeneratedQuestion | str]:
    """The admin preview: each single-fact question this fact yields, drawn against a sample of the bank."""
    rng = random.Random(seed)
    family = family_of_row(fact.kind, fact.category_id)
    windows = family_windows([family], rng) if family else {}
    events = Fact.objects.active().dated().exclude(event="").exclude(pk=fact.pk).filter(one_off=True)
    event_ids = list(events.order_by("shuffle_key").values_list("id", flat=True)[:FAMILY_WINDOW])
    window_ids = [i for ids in windows.values() for i in ids]
    data = load_fact_data([fact.pk, *window_ids, *event_ids])
    context = {
        "families": {f: [data[i] for i in ids if i in data] for f, ids in windows.items()},
        "dated_pool": events_of(data[i] for i in event_ids),
        "countries": region_countries(),
        "surnames": cited_surnames(),
    }
    questions = single_fact_questions(data[fact.pk], context=context, seed=seed)
    attach_typed_keys([question for question in questions.values() if isinstance(question, GeneratedQuestion)])
    return questions
