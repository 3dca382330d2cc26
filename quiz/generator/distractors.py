"""Distractors per answer family: dates, quantities, entities (by kind) and countries."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from content.models import FactKind, format_partial_date
from quiz.generator.questions import OPTION_COUNT, CannotBuild
from quiz.generator.snapshots import FactData
from quiz.generator.text import NUMBER, format_number, nice, norm, truncate

T = TypeVar("T")


def _first_distinct(
    candidates: Iterable[T], *, key: Callable[[T], Hashable], taken: Iterable[Hashable], limit: int = OPTION_COUNT - 1
) -> list[T]:
    """The first `limit` candidates whose key is neither taken nor seen earlier in the run."""
    seen = set(taken)
    result: list[T] = []
    for candidate in candidates:
        candidate_key = key(candidate)
        if candidate_key in seen:
            continue
        seen.add(candidate_key)
        result.append(candidate)
        if len(result) == limit:
            break
    return result


def _date_distractors(fact: FactData, rng: random.Random, precision: str) -> list[datetime.date]:
    """Dates near the true one, distinct from every claimed date at `precision`."""
    true_date = fact.event_date
    taken = [truncate(d, precision) for d, _ in fact.claimed_dates]
    today = datetime.date.today()
    candidates: list[datetime.date] = []
    if precision == "year":
        offsets = [o for o in range(-8, 9) if o]
        rng.shuffle(offsets)
        # Near but not trivially far: prefer 1-5 years away.
        offsets.sort(key=lambda o: (abs(o) > 5, rng.random()))
        candidates = [datetime.date(true_date.year + o, 1, 1) for o in offsets]
    elif precision == "month":
        offsets = [o for o in range(-18, 19) if o]
        rng.shuffle(offsets)
        for o in offsets:
            month_index = true_date.year * 12 + true_date.month - 1 + o
            candidates.append(datetime.date(month_index // 12, month_index % 12 + 1, 1))
    else:
        offsets = [o for o in range(-400, 401) if abs(o) >= 3]
        rng.shuffle(offsets)
        candidates = [true_date + datetime.timedelta(days=o) for o in offsets[:60]]
    return _first_distinct(
        (candidate for candidate in candidates if candidate <= today),
        key=lambda candidate: truncate(candidate, precision),
        taken=taken,
    )


def _date_text(fact: FactData, date: datetime.date, precision: str) -> str:
    """The answer text with its date swapped for `date`, keeping the wording around it."""
    shown = format_partial_date(fact.event_date, precision)
    new = format_partial_date(date, precision)
    if precision == fact.precision and shown in fact.answer:
        return fact.answer.replace(shown, new)
    if precision == "year" and str(fact.event_date.year) in fact.answer and fact.kind == FactKind.YEAR:
        return fact.answer.replace(str(fact.event_date.year), str(date.year))
    return new


def _quantity_distractors(fact: FactData, rng: random.Random) -> list[str]:
    """Numbers of the same unit, magnitude and format as the answer's."""
    match = NUMBER.search(fact.answer)
    if not match:
        raise CannotBuild("the answer shows no number to vary")
    number_text = match.group()
    shown = float(number_text.replace(",", ""))
    if shown <= 0:
        raise CannotBuild("the answer's number is zero")
    significant = max(1, min(3, len(number_text.replace(",", "").replace(".", "").strip("0")) or 1))
    is_percent = fact.kind == FactKind.PERCENTAGE or "%" in fact.answer
    factors = [0.35, 0.5, 0.6, 0.7, 0.8, 1.25, 1.4, 1.6, 2.0, 2.5, 3.0]
    rng.shuffle(factors)
    accepted = {norm(answer) for answer in fact.accepted_answers}
    accepted_values = {float(c.value) for c in fact.claims if c.value is not None} | {shown}

    def options():
        for factor in factors:
            value = nice(shown * factor, significant)
            if is_percent and not 0 < value <= 100:
                continue
            if "." not in number_text and value != round(value):
                value = round(value)
            text = format_number(value, number_text)
            numeric = float(text.replace(",", ""))
            option = fact.answer[: match.start()] + text + fact.answer[match.end() :]
            if numeric > 0 and norm(option) not in accepted:
                yield numeric, option

    return [option for _, option in _first_distinct(options(), key=lambda pair: pair[0], taken=accepted_values)]


# Words too common in this bank to tell options apart: sharing one with the prompt is no giveaway.
COMMON_WORDS = frozenset(
    [
        "korea",
        "korean",
        "koreans",
        "south",
        "republic",
        "central",
        "asia",
        "asian",
        "with",
        "from",
        "that",
        "this",
        "their",
        "which",
        "what",
        "were",
        "between",
        "national",
        "state",
        "international",
        "kazakhstan",
        "uzbekistan",
        "kyrgyzstan",
        "tajikistan",
        "turkmenistan",
    ]
)


def _telling_words(text: str) -> set[str]:
    return {word for word in norm(text).split() if len(word) >= 4 and word not in COMMON_WORDS}


def answer_shape(text: str) -> tuple[bool, bool]:
    """(starts with a capital, contains a digit): options of one question share it, so none stands out."""
    return (text[:1].isupper(), any(ch.isdigit() for ch in text))


def _entity_distractors(fact: FactData, pool: Sequence[FactData], rng: random.Random) -> list[str]:
    """Other facts' answers of the same kind, preferring the same theme, country and length.

    A candidate is skipped when it is an accepted answer, when another fact
    asking the same question makes it true, or when it shares a telling word
    with the prompt (an option echoing the prompt is either a giveaway or a
    second true answer: "Tashkent and Astana" for "..., _____ and Tashkent").
    """
    excluded = {norm(answer) for answer in fact.accepted_answers}
    for other in pool:
        if fact.question and other.question == fact.question and other.id != fact.id:
            excluded |= {norm(answer) for answer in other.accepted_answers}
    prompt_words = _telling_words(fact.question or fact.statement.replace(fact.answer, " "))
    answer_length = len(fact.answer.split())
    scored = []
    for other in pool:
        if other.id == fact.id or other.kind != fact.kind:
            continue
        candidate = norm(other.answer)
        if not candidate or candidate in excluded or _telling_words(other.answer) & prompt_words:
            continue
        if answer_shape(other.answer) != answer_shape(fact.answer):
            continue
        # "Term" is a catch-all kind: only a term of the same theme and length reads as a rival.
        if fact.kind == FactKind.TERM and (
            not other.theme_ids & fact.theme_ids or abs(len(other.answer.split()) - answer_length) > 1
        ):
            continue
        score = (
            2 * bool(other.theme_ids & fact.theme_ids)
            + bool(other.country_ids & fact.country_ids)
            + 2 * (abs(len(other.answer.split()) - answer_length) <= 2)
        )
        scored.append((-score, rng.random(), other.answer))
    scored.sort()
    return _first_distinct((answer for _, _, answer in scored), key=norm, taken=excluded)


def _country_distractors(fact: FactData, countries: Sequence[tuple[int, str]], rng: random.Random) -> list[str]:
    names = [name for country_id, name in countries if country_id not in fact.country_ids]
    excluded = {norm(answer) for answer in fact.accepted_answers}
    names = [name for name in names if norm(name) not in excluded and norm(name) not in norm(fact.statement)]
    rng.shuffle(names)
    return names[: OPTION_COUNT - 1]
