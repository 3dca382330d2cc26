"""Turn facts into questions: multiple choice (cloze, event->year, year->event) and timelines.

Generation works on `FactData` snapshots, so the same code serves a quiz built
from a random window of a 100k-fact bank and the report over every fact. The
database is read in a fixed number of queries per quiz (see `build_quiz`):
candidate facts come from index-ordered windows over `Fact.shuffle_key`, never
from `ORDER BY random()` over the whole bank.

Correctness rules every question obeys (and the property tests check):
- four distinct options, exactly one correct, all of the answer's kind and format;
- a distractor is never an answer that the fact's recorded claims support, never
  equal to an accepted answer at the precision shown, and never a text already
  in the question;
- timeline events are pairwise distinct at the precision shown, whichever claimed
  date a disputed event has, and are never presented in an order that scores high.
"""

from __future__ import annotations

import datetime
import math
import random
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from content.models import Citation, Claim, Country, Fact, FactKind, format_partial_date
from quiz.models import QuestionType, order_score

T = TypeVar("T")
OPTION_COUNT = 4
BLANK = "_____"
TIMELINE_MIN, TIMELINE_MAX = 3, 6
# A shown timeline order may score at most this (share of correctly ordered pairs).
TIMELINE_MAX_SHOWN_SCORE = 0.5
ENTITY_KINDS = (FactKind.ORGANISATION, FactKind.PERSON, FactKind.PLACE, FactKind.WORK, FactKind.CONCEPT)
POOL_SIZE = 40


# ---------------------------------------------------------------- snapshots


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


# ---------------------------------------------------------------- questions


@dataclass(frozen=True)
class Option:
    text: str
    is_correct: bool
    fact_id: int | None = None


@dataclass(frozen=True)
class TimelineItem:
    fact_id: int
    label: str
    event_date: datetime.date
    precision: str

    @property
    def display_date(self) -> str:
        return format_partial_date(self.event_date, self.precision)


@dataclass
class Question:
    type: str
    prompt: str
    fact_ids: list[int]
    citations: list[CitationRef]
    options: list[Option] = field(default_factory=list)
    # Timeline: items in the order shown, and the true order (indexes into items).
    items: list[TimelineItem] = field(default_factory=list)
    correct_order: list[int] = field(default_factory=list)
    # Other answers a cited source supports (shown in feedback, never a distractor).
    also_accepted: list[str] = field(default_factory=list)

    @property
    def correct_option(self) -> Option | None:
        return next((option for option in self.options if option.is_correct), None)

    @property
    def type_label(self) -> str:
        return QuestionType.labels[self.type]

    @property
    def items_in_order(self) -> list[TimelineItem]:
        """Timeline: the items in their true order."""
        return [self.items[index] for index in self.correct_order]


class NoQuestion(Exception):
    """This fact cannot make this type of question (the message says why)."""


# ---------------------------------------------------------------- formatting helpers


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


def truncate(date: datetime.date, precision: str) -> tuple[int, ...]:
    if precision == "day":
        return (date.year, date.month, date.day)
    if precision == "month":
        return (date.year, date.month)
    return (date.year,)


def coarser(a: str, b: str) -> str:
    order = ["year", "month", "day"]
    return order[min(order.index(a), order.index(b))]


NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _format_number(value: float, template: str) -> str:
    """Write `value` in the style of the number text `template` (separators, decimals)."""
    decimals = len(template.split(".")[1]) if "." in template else 0
    if decimals:
        text = f"{value:,.{decimals}f}" if "," in template else f"{value:.{decimals}f}"
    else:
        text = f"{round(value):,}" if "," in template else str(round(value))
    return text


def _nice(value: float, significant: int) -> float:
    if value == 0:
        return 0
    digits = significant - int(math.floor(math.log10(abs(value)))) - 1
    return round(value, digits)


# ---------------------------------------------------------------- distractors


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
        raise NoQuestion("the answer shows no number to vary")
    number_text = match.group()
    shown = float(number_text.replace(",", ""))
    if shown <= 0:
        raise NoQuestion("the answer's number is zero")
    significant = max(1, min(3, len(number_text.replace(",", "").replace(".", "").strip("0")) or 1))
    is_percent = fact.kind == FactKind.PERCENTAGE or "%" in fact.answer
    factors = [0.35, 0.5, 0.6, 0.7, 0.8, 1.25, 1.4, 1.6, 2.0, 2.5, 3.0]
    rng.shuffle(factors)
    accepted = {norm(answer) for answer in fact.accepted_answers}
    accepted_values = {float(c.value) for c in fact.claims if c.value is not None} | {shown}

    def options():
        for factor in factors:
            value = _nice(shown * factor, significant)
            if is_percent and not 0 < value <= 100:
                continue
            if "." not in number_text and value != round(value):
                value = round(value)
            text = _format_number(value, number_text)
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
        if fact.kind == FactKind.CONCEPT and (
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


# ---------------------------------------------------------------- question builders


def _citations(*facts: FactData) -> list[CitationRef]:
    return [citation for fact in facts for citation in fact.citations]


def _options(
    correct: str, distractors: list[str], rng: random.Random, fact_ids: list[int | None] | None = None
) -> list[Option]:
    if len(distractors) < OPTION_COUNT - 1:
        raise NoQuestion(f"only {len(distractors)} plausible distractor(s), need {OPTION_COUNT - 1}")
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
        raise NoQuestion("the statement gives the year away elsewhere; add an explicit question")
    return prompt


def choice_question(
    fact: FactData, *, pool: Sequence[FactData], countries: Sequence[tuple[int, str]], rng: random.Random, **_
) -> Question:
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
    return Question(
        type=QuestionType.CHOICE,
        prompt=prompt,
        fact_ids=[fact.id],
        citations=_citations(fact),
        options=_options(fact.answer, distractors, rng),
        also_accepted=[claim.answer for claim in fact.claims],
    )


def event_year_question(fact: FactData, *, rng: random.Random, **_) -> Question:
    if not fact.event_date:
        raise NoQuestion("the fact has no date")
    dates = _date_distractors(fact, rng, "year")
    years = [str(date.year) for date in dates]
    other_years = sorted(str(year) for year in fact.claimed_years if year != fact.event_date.year)
    return Question(
        type=QuestionType.EVENT_YEAR,
        prompt=f"In which year? {fact.event}.",
        fact_ids=[fact.id],
        citations=_citations(fact),
        options=_options(str(fact.event_date.year), years, rng),
        also_accepted=other_years,
    )


def year_event_question(
    fact: FactData, *, dated_pool: Sequence[FactData], theme_names: Mapping[int, str], rng: random.Random, **_
) -> Question:
    """Given the year (and theme), which event? Distractors are events of other years."""
    if not fact.event_date:
        raise NoQuestion("the fact has no date")
    if len(fact.claimed_years) > 1:
        raise NoQuestion("sources disagree on the year")
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
    return Question(
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


def timeline_question(facts: Sequence[FactData], *, rng: random.Random) -> Question:
    if not TIMELINE_MIN <= len(facts) <= TIMELINE_MAX:
        raise NoQuestion(f"a timeline needs {TIMELINE_MIN} to {TIMELINE_MAX} events")
    if not timeline_order_is_unambiguous(facts):
        raise NoQuestion("two events tie at the precision shown, or a disputed date makes the order ambiguous")
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
    return Question(
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


# ---------------------------------------------------------------- quiz building


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


def build_quiz(*, selection: Selection, seed: int, mastery: Mapping[int, float] | None = None) -> list[Question]:
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
    questions: list[Question] = []
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
                except NoQuestion:
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


def _next_timeline(dated: Sequence[FactData], used: set[int], rng: random.Random) -> Question | None:
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


def single_fact_questions(fact: FactData, *, context: dict, seed: int = 0) -> dict[str, Question | str]:
    """Every single-fact question type for one fact, or the reason it cannot be built."""
    rng = random.Random(seed)
    result: dict[str, Question | str] = {}
    for question_type, builder in SINGLE_FACT_BUILDERS.items():
        if question_type != QuestionType.CHOICE and not fact.event_date:
            result[question_type] = "the fact has no date"
            continue
        try:
            result[question_type] = builder(fact, rng=rng, **context)
        except NoQuestion as reason:
            result[question_type] = str(reason)
    return result


def questions_for_fact(*, fact: Fact, seed: int = 0) -> dict[str, Question | str]:
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
