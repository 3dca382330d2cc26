"""Question builders: multiple choice (cloze, event->year, year->event) and timelines."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from content.models import FactKind
from quiz.generator.distractors import (
    _country_distractors,
    _date_distractors,
    _date_text,
    _entity_distractors,
    _first_distinct,
    _quantity_distractors,
)
from quiz.generator.question_type import QuestionType
from quiz.generator.questions import (
    BLANK,
    OPTION_COUNT,
    TIMELINE_MAX,
    TIMELINE_MAX_SHOWN_SCORE,
    TIMELINE_MIN,
    CannotBuild,
    GeneratedQuestion,
    Option,
    TimelineItem,
)
from quiz.generator.snapshots import CitationRef, FactData
from quiz.generator.text import coarser, norm, truncate


def _citations(*facts: FactData) -> list[CitationRef]:
    return [citation for fact in facts for citation in fact.citations]


def _options(
    correct: str, distractors: list[str], rng: random.Random, fact_ids: list[int | None] | None = None
) -> list[Option]:
    if len(distractors) < OPTION_COUNT - 1:
        raise CannotBuild(f"only {len(distractors)} plausible distractor(s), need {OPTION_COUNT - 1}")
    ids = fact_ids or [None] * OPTION_COUNT
    options = [Option(correct, True, ids[0])] + [
        Option(text, False, ids[i + 1]) for i, text in enumerate(distractors[: OPTION_COUNT - 1])
    ]
    rng.shuffle(options)
    return options


def cloze(fact: FactData) -> str:
    """The explicit question if there is one, else the statement with the answer blanked."""
    if fact.question:
        return fact.question
    prompt = fact.statement.replace(fact.answer, BLANK)
    if fact.kind in (FactKind.DATE, FactKind.YEAR) and fact.event_date and str(fact.event_date.year) in prompt:
        raise CannotBuild("the statement gives the year away elsewhere; add an explicit question")
    return prompt


def choice_question(
    fact: FactData, *, pool: Sequence[FactData], countries: Sequence[tuple[int, str]], rng: random.Random, **_
) -> GeneratedQuestion:
    prompt = cloze(fact)
    if fact.kind in (FactKind.DATE, FactKind.YEAR):
        dates = _date_distractors(fact, rng, fact.precision)
        distractors = [_date_text(fact, date, fact.precision) for date in dates]
    elif fact.kind in (FactKind.NUMBER, FactKind.PERCENTAGE):
        distractors = _quantity_distractors(fact, rng)
    elif fact.kind == FactKind.COUNTRY:
        distractors = _country_distractors(fact, countries, rng)
    else:
        distractors = _entity_distractors(fact, pool, rng)
    return GeneratedQuestion(
        type=QuestionType.CHOICE,
        prompt=prompt,
        fact_ids=[fact.id],
        citations=_citations(fact),
        options=_options(fact.answer, distractors, rng),
        also_accepted=[claim.answer for claim in fact.claims],
    )


def event_year_question(fact: FactData, *, rng: random.Random, **_) -> GeneratedQuestion:
    if not fact.event_date:
        raise CannotBuild("the fact has no date")
    dates = _date_distractors(fact, rng, "year")
    years = [str(date.year) for date in dates]
    other_years = sorted(str(year) for year in fact.claimed_years if year != fact.event_date.year)
    return GeneratedQuestion(
        type=QuestionType.EVENT_YEAR,
        prompt=f"In which year? {fact.event}.",
        fact_ids=[fact.id],
        citations=_citations(fact),
        options=_options(str(fact.event_date.year), years, rng),
        also_accepted=other_years,
    )


def year_event_question(
    fact: FactData, *, dated_pool: Sequence[FactData], theme_names: Mapping[int, str], rng: random.Random, **_
) -> GeneratedQuestion:
    """Given the year (and theme), which event? Distractors are events of other years."""
    if not fact.event_date:
        raise CannotBuild("the fact has no date")
    if len(fact.claimed_years) > 1:
        raise CannotBuild("sources disagree on the year")
    year = fact.event_date.year
    seen = {norm(fact.event)}
    scored = []
    for other in dated_pool:
        if other.id == fact.id or not other.event_date or year in other.claimed_years or norm(other.event) in seen:
            continue
        # Same theme first, then events of similar time, so the year is the clue.
        score = (not (other.theme_ids & fact.theme_ids), abs(other.event_date.year - year) > 8, rng.random())
        scored.append((score, other))
    scored.sort(key=lambda pair: pair[0])
    distractors = _first_distinct((other for _, other in scored), key=lambda other: norm(other.event), taken=seen)
    theme = next((theme_names[t] for t in sorted(fact.theme_ids) if t in theme_names), "")
    topic = f" ({theme})" if theme else ""
    options = _options(fact.event, [d.event for d in distractors], rng, [fact.id, *(d.id for d in distractors)])
    return GeneratedQuestion(
        type=QuestionType.YEAR_EVENT,
        prompt=f"Which of these happened in {year}{topic}?",
        fact_ids=[fact.id],
        citations=_citations(fact),
        options=options,
    )


def timeline_order_is_unambiguous(facts: Sequence[FactData]) -> bool:
    """Every pair compares the same way under every claimed date, and never ties at the shown precision."""
    for i, a in enumerate(facts):
        for b in facts[i + 1 :]:
            outcomes = set()
            for date_a, prec_a in a.claimed_dates:
                for date_b, prec_b in b.claimed_dates:
                    precision = coarser(prec_a, prec_b)
                    ta, tb = truncate(date_a, precision), truncate(date_b, precision)
                    if ta == tb:
                        return False
                    outcomes.add(ta < tb)
            if len(outcomes) != 1:
                return False
    return True


def order_score(correct_order: Sequence[int], given_order: Sequence[int]) -> float:
    """Share of item pairs the learner put in the right relative order (1.0 = all right).

    Equal to (1 + Kendall's tau) / 2 between the given and the true order.
    """
    if sorted(given_order) != sorted(correct_order):
        raise ValueError("the given order is not a permutation of the items")
    n = len(correct_order)
    if n < 2:
        return 1.0
    rank = {item: position for position, item in enumerate(given_order)}
    pairs = n * (n - 1) // 2
    right = sum(1 for i in range(n) for j in range(i + 1, n) if rank[correct_order[i]] < rank[correct_order[j]])
    return right / pairs


def timeline_question(facts: Sequence[FactData], *, rng: random.Random) -> GeneratedQuestion:
    if not TIMELINE_MIN <= len(facts) <= TIMELINE_MAX:
        raise CannotBuild(f"a timeline needs {TIMELINE_MIN} to {TIMELINE_MAX} events")
    if not timeline_order_is_unambiguous(facts):
        raise CannotBuild("two events tie at the precision shown, or a disputed date makes the order ambiguous")
    shown_precision = {fact.id: fact.precision for fact in facts}
    items = [TimelineItem(f.id, f.event, f.event_date, shown_precision[f.id]) for f in facts]
    true_items = sorted(items, key=lambda item: item.event_date)
    # Shuffle until the shown order scores low: never in order, never nearly so.
    indexes = list(range(len(items)))
    for _ in range(200):
        rng.shuffle(indexes)
        shown = [true_items[i] for i in indexes]
        correct = [shown.index(item) for item in true_items]
        if order_score(correct, list(range(len(shown)))) <= TIMELINE_MAX_SHOWN_SCORE:
            break
    else:  # pragma: no cover - reversing always qualifies
        shown = list(reversed(true_items))
        correct = [shown.index(item) for item in true_items]
    return GeneratedQuestion(
        type=QuestionType.TIMELINE,
        prompt="Put these events in order, earliest first.",
        fact_ids=[item.fact_id for item in shown],
        citations=_citations(*(next(f for f in facts if f.id == item.fact_id) for item in shown)),
        items=shown,
        correct_order=correct,
    )


SINGLE_FACT_BUILDERS = {
    QuestionType.CHOICE: choice_question,
    QuestionType.EVENT_YEAR: event_year_question,
    QuestionType.YEAR_EVENT: year_event_question,
}
