"""Distractors per answer family: dates, quantities, entities (by category), countries and events.

Every family obeys the item-writing rules that `quiz.item_flaws` checks: a distractor is never an answer a
source supports (a claim, any year of a supported span), never a near-duplicate of the key or of another
option, never a text the prompt already shows. Dates and numbers are drawn around a key rank picked first,
uniformly, so the key's place among the sorted options tells nothing.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from content.models import format_partial_date
from quiz.generator.questions import OPTION_COUNT, CannotBuild
from quiz.generator.snapshots import PHRASE_KIND, FactData, period
from quiz.generator.text import NUMBER, format_number, norm
from quiz.item_flaws import interval, near_duplicates, numeric_options, numeric_value, shape, telling_words

T = TypeVar("T")
WRONG = OPTION_COUNT - 1


def first_distinct(
    candidates: Iterable[T], *, key: Callable[[T], Hashable], taken: Iterable[Hashable], limit: int = WRONG
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


def pick_rank(below: int, above: int, rng: random.Random) -> int:
    """How many distractors go below the key: uniform over the ranks the room on each side allows."""
    feasible = [rank for rank in range(OPTION_COUNT) if rank <= below and WRONG - rank <= above]
    if not feasible:
        raise CannotBuild("not enough room around the answer for three distinct options")
    return rng.choice(feasible)


# ---------------------------------------------------------------- dates


def _step(date: datetime.date, precision: str, steps: int) -> datetime.date:
    if precision == "year":
        return datetime.date(date.year + steps, 1, 1)
    if precision == "month":
        index = date.year * 12 + date.month - 1 + steps
        return datetime.date(index // 12, index % 12 + 1, 1)
    return date + datetime.timedelta(days=steps)


def date_distractors(fact: FactData, rng: random.Random, precision: str) -> list[datetime.date]:
    """Three dates near the key at `precision`, none inside a period a source supports (a claim, a span),
    none in the future, with the key at a uniformly random rank among the four."""
    claimed = fact.claimed_periods
    key = fact.event_date
    first, last = period(key, fact.date_end, precision)
    today = datetime.date.today()

    def free(candidate: datetime.date) -> bool:
        start, end = period(candidate, None, precision)
        return start <= today and not any(start <= hi and lo <= end for lo, hi in claimed)

    if precision == "day":
        offsets = sorted(rng.sample(range(3, 400), 24))
    else:
        offsets = list(range(1, 13 if precision == "year" else 25))
    below = [d for d in (_step(first, precision, -o) for o in offsets) if free(d)]
    above = [d for d in (_step(last, precision, o) for o in offsets) if free(d)]
    rank = pick_rank(len(below), len(above), rng)
    # Near dates are the plausible ones: draw from the closest few on each side.
    chosen = rng.sample(below[: max(rank, 5)], rank) + rng.sample(above[: max(WRONG - rank, 5)], WRONG - rank)
    return sorted(chosen)


def date_text(fact: FactData, date: datetime.date, precision: str) -> str:
    """The answer text with its date swapped for `date`, keeping the wording around it."""
    shown = format_partial_date(fact.event_date, precision)
    new = format_partial_date(date, precision)
    if precision == fact.precision and shown in fact.answer:
        return fact.answer.replace(shown, new)
    return new


# ---------------------------------------------------------------- quantities


def quantity_distractors(fact: FactData, rng: random.Random) -> list[str]:
    """Numbers of the answer's unit, format and precision, the key at a uniformly random rank.

    The spacing is drawn around the key; an unrounded key gets unrounded distractors (the only unrounded
    number is a cue). A bounded answer ("more than 2,000", "top 10") is not asked: beside other numbers a
    second option would be true too.
    """
    numbers = list(NUMBER.finditer(fact.answer))
    if not numbers:
        raise CannotBuild("the answer shows no number to vary")
    if len(numbers) > 1:
        raise CannotBuild("the answer shows more than one number")
    bound = interval(fact.answer)
    if bound is not None and bound.bounded:
        raise CannotBuild("a bounded answer ('more than', 'top N') would make a second option true")
    match = numbers[0]
    number_text = match.group()
    shown = float(number_text.replace(",", ""))
    if shown <= 0:
        raise CannotBuild("the answer's number is zero")
    decimals = len(number_text.split(".")[1]) if "." in number_text else 0
    digits = number_text.replace(",", "").split(".")[0]
    trailing_zeros = len(digits) - len(digits.rstrip("0")) if not decimals else 0
    quantum = 10.0**-decimals if decimals else 10.0 ** min(trailing_zeros, max(len(digits) - 1, 0))
    is_percent = fact.kind == "percentage" or "%" in fact.answer
    ceiling = 100.0 if is_percent and shown <= 100 else float("inf")
    taken = {round(float(c.value), 6) for c in fact.claims if c.value is not None} | {round(shown, 6)}
    for claim in fact.claims:
        claimed_number = NUMBER.search(claim.answer)
        if claimed_number:
            taken.add(round(float(claimed_number.group().replace(",", "")), 6))

    def room(step: float) -> tuple[int, int]:
        below = int((shown - 1e-9) // step)
        above = WRONG if ceiling == float("inf") else int((ceiling - shown + 1e-9) // step)
        return below, above

    # The finest step the key's format allows decides which ranks are possible at all.
    finest = 10.0**-decimals if decimals else 1.0
    rank = pick_rank(*room(finest), rng)
    unrounded = quantum == finest and len(digits.lstrip("0")) >= 3

    def fits(step: float) -> bool:
        below, above = room(step)
        return below >= rank and above >= WRONG - rank

    for _ in range(8):
        spread = shown * rng.uniform(0.12, 0.3)
        grain = quantum
        step = max(grain, round(spread / grain) * grain)
        # Too wide for the rank (a small key with three options below it): narrow the step, and only then
        # the grain (a finer grain than the key's is a lesser cue than a key always at the bottom).
        while not fits(step):
            if step > grain:
                step = max(grain, round(step / 2 / grain) * grain)
            elif grain > finest:
                grain = max(finest, grain / 10)
                step = grain
            else:
                break
        values = [shown - k * step for k in range(1, rank + 1)] + [shown + k * step for k in range(1, WRONG - rank + 1)]
        if unrounded:
            # Jitter each distractor by less than half a step, so they look measured too and keep their order.
            jitter = int(step / grain / 3)
            values = [value + rng.randint(-jitter, jitter) * grain if jitter else value for value in values]
        texts = [format_number(value, number_text) for value in values]
        parsed = [float(text.replace(",", "")) for text in texts]
        if (
            len(set(parsed)) == WRONG
            and all(0 < value <= ceiling for value in parsed)
            and not any(round(value, 6) in taken for value in parsed)
        ):
            return [fact.answer[: match.start()] + text + fact.answer[match.end() :] for text in texts]
    raise CannotBuild("no three distinct numbers of the answer's format around it")


def curated_quantities(fact: FactData) -> list[str]:
    """The seed's curated wrong figures (editors pick far-off ones where nearby numbers would also be
    defensible: an approximation, a bound). Each must be a figure of the answer's frame, not a supported
    value, and, beside a bounded answer, make no second option true."""
    key_value = numeric_value(fact.answer)
    key_bound = interval(fact.answer)
    accepted = {norm(answer) for answer in fact.accepted_answers}
    taken = {numeric_value(answer) for answer in fact.accepted_answers}
    chosen: list[str] = []
    key_number = NUMBER.search(fact.answer)
    for text in fact.curated:
        if key_number and NUMBER.fullmatch(text.strip()) and key_number.group() != fact.answer.strip():
            # A bare figure takes the answer's words around it ("100" beside "about 430" reads "about 100"):
            # the key alone with "about" would be a cue.
            text = fact.answer[: key_number.start()] + text.strip() + fact.answer[key_number.end() :]
        value = numeric_value(text)
        bound = interval(text)
        if value is None or key_value is None or norm(text) in accepted or value in taken:
            continue
        if (
            key_bound is not None
            and bound is not None
            and (key_bound.bounded or bound.bounded)
            and key_bound.meets(bound)
        ):
            continue
        if value in {numeric_value(other) for other in chosen}:
            continue
        chosen.append(text)
    if len(chosen) < WRONG or not numeric_options([fact.answer, *chosen[:WRONG]]):
        raise CannotBuild("the curated distractors are not three figures of the answer's frame")
    return chosen[:WRONG]


# ---------------------------------------------------------------- entities


def _usable(text: str, *, fact: FactData, prompt: str, excluded: set[str]) -> bool:
    """Not an answer a source or a rival fact supports, not a variant of one, not shown in the prompt."""
    normal = norm(text)
    if not normal or normal in excluded or f" {normal} " in f" {norm(prompt)} ":
        return False
    return not any(near_duplicates(text, answer) for answer in fact.accepted_answers)


def entity_distractors(
    fact: FactData,
    *,
    prompt: str,
    candidates: Sequence[FactData],
    rng: random.Random,
    extra_names: Sequence[str] = (),
) -> list[str]:
    """Three wrong options: the seed's curated distractors first, then other answers of the fact's category,
    preferring the same theme, then country, then shape.

    Editors curate distractors where answers of the category would mislead for this question, so those come
    first; answers of the category fill in when fewer than three curated ones pass the checks below.
    `candidates` are facts of the same category (from the whole bank or a bounded window of its index);
    `extra_names` are more names of the sort (the region's countries). Without three good options the question
    is not built. When the key shares a distinctive word with the stem, a distractor must share one too (or
    the echo is a cue).
    """
    excluded = {norm(answer) for answer in fact.accepted_answers}
    for other in candidates:
        if fact.question and other.id != fact.id and norm(other.question) == norm(fact.question):
            excluded |= {norm(answer) for answer in other.accepted_answers}
    stem_words = telling_words(prompt)
    key_echo = bool(telling_words(fact.answer) & stem_words)
    key_shape = shape(fact.answer)
    key_words = len(fact.answer.split())
    # Priority 0: the curated distractors; 1: the category's answers and the extra names.
    scored: list[tuple[tuple, str]] = [((0, 0, 0, 0, rng.random()), text) for text in fact.curated]
    for name in extra_names:
        scored.append(((1, 0, 0, 0, rng.random()), name))
    for other in candidates:
        if other.id == fact.id or other.kind == PHRASE_KIND:
            continue
        scored.append(
            (
                (
                    1,
                    -len(other.theme_ids & fact.theme_ids),
                    -len(other.country_ids & fact.country_ids),
                    abs(len(other.answer.split()) - key_words),
                    rng.random(),
                ),
                other.answer,
            )
        )

    def acceptable(text: str, chosen: list[str]) -> bool:
        if not _usable(text, fact=fact, prompt=prompt, excluded=excluded):
            return False
        echo = bool(telling_words(text) & stem_words)
        # An option echoing the stem when the key does not is a lure that may well be a second true answer.
        if echo and not key_echo:
            return False
        return not any(near_duplicates(text, other) for other in chosen)

    # Curated first; within each, the same shape as the key first (all names, or all short phrases), then the
    # best-scored.
    scored.sort(
        key=lambda pair: (pair[0][0], shape(pair[1])[:2] != key_shape[:2], shape(pair[1]) != key_shape, pair[0])
    )
    chosen: list[str] = []
    if key_echo:
        echoing = [text for _, text in scored if telling_words(text) & stem_words]
        for text in echoing:
            if acceptable(text, chosen):
                chosen.append(text)
                break
        if not chosen:
            raise CannotBuild("the answer echoes a word of the stem and no candidate shares it")
    for _, text in scored:
        if len(chosen) == WRONG:
            break
        if text not in chosen and acceptable(text, chosen):
            chosen.append(text)
    if len(chosen) < WRONG:
        raise CannotBuild(
            f"only {len(chosen)} distractor(s) in the answer's category, need {WRONG} (add curated distractors)"
        )
    return chosen


# ---------------------------------------------------------------- events


def event_distractors(fact: FactData, *, year: int, pool: Sequence[FactData], rng: random.Random) -> list[FactData]:
    """Three one-off events that did not happen in `year` by any source (spans included), distinct from the
    key and from each other, preferring the same theme, the key's shape and nearby years."""
    key_shape = shape(fact.event)
    scored = []
    for other in pool:
        if other.id == fact.id or not other.is_event or year in other.claimed_years:
            continue
        score = (
            not (other.theme_ids & fact.theme_ids),
            shape(other.event) != key_shape,
            abs(other.event_date.year - year) > 8,
            rng.random(),
        )
        scored.append((score, other))
    scored.sort(key=lambda pair: pair[0])
    chosen: list[FactData] = []
    for _, other in scored:
        if any(near_duplicates(other.event, shown.event) for shown in [fact, *chosen]):
            continue
        if norm(other.event) in {norm(shown.event) for shown in [fact, *chosen]}:
            continue
        chosen.append(other)
        if len(chosen) == WRONG:
            return chosen
    raise CannotBuild(f"only {len(chosen)} one-off event(s) of other years, need {WRONG}")
