"""Question builders: multiple choice (cloze, event->year, year->event) and timelines.

Each builder returns one `GeneratedQuestion` or raises `CannotBuild` with the reason. A builder takes the
fact and a context (`assembly.bank_context`): the candidates of each answer family, the one-off events to
draw from, the region's countries and the cited authors' surnames.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from content.models import FactKind, format_partial_date
from quiz import typed_answers
from quiz.generator.distractors import (
    curated_quantities,
    date_distractors,
    date_text,
    entity_distractors,
    event_distractors,
    quantity_distractors,
)
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
from quiz.generator.snapshots import PHRASE_KIND, CitationRef, FactData
from quiz.generator.text import NUMBER, norm
from quiz.item_flaws import is_paper_trivia, numeric_value
from quiz.models import QuestionType, order_score

DATE_KINDS = (FactKind.DATE, FactKind.YEAR)
QUANTITY_KINDS = (FactKind.NUMBER, FactKind.PERCENTAGE)


def carries_answer(quote: str, fact: FactData, *, by_year: bool = False) -> bool:
    """The quotation shows the answer: a supported year (dates; any question about an event's year), the
    number (quantities), or all the answer's words (names)."""
    if by_year or fact.kind in DATE_KINDS:
        return any(str(year) in quote for year in fact.claimed_years)
    if fact.kind in QUANTITY_KINDS:
        number = NUMBER.search(fact.answer)
        return bool(number) and number.group().replace(",", "") in quote.replace(",", "")
    words = norm(fact.answer).split()
    quoted = set(norm(quote).split())
    return bool(words) and all(word in quoted for word in words)


def answer_first(refs: Sequence[CitationRef], fact: FactData, *, by_year: bool = False) -> list[CitationRef]:
    """The fact's citations, its own answer's first and among them one whose quotation carries the answer
    first: feedback quotes the first as the proof."""
    return sorted(
        refs, key=lambda ref: (ref.claim_answer is not None, not carries_answer(ref.quote, fact, by_year=by_year))
    )


def _citations(*facts: FactData, by_year: bool = False) -> list[CitationRef]:
    return [citation for fact in facts for citation in answer_first(fact.citations, fact, by_year=by_year)]


def _options(
    correct: str,
    distractors: Sequence[str],
    rng: random.Random,
    *,
    fact_ids: Sequence[int | None] | None = None,
    dates: Sequence[str] | None = None,
    ascending: Sequence[float] | None = None,
) -> list[Option]:
    """The key and three distractors: ascending when they are numbers or dates, else in random order."""
    if len(distractors) < OPTION_COUNT - 1:
        raise CannotBuild(f"only {len(distractors)} plausible distractor(s), need {OPTION_COUNT - 1}")
    ids = list(fact_ids or [None] * OPTION_COUNT)
    shown_dates = list(dates or [""] * OPTION_COUNT)
    options = [Option(correct, True, ids[0], shown_dates[0])] + [
        Option(text, False, ids[i + 1], shown_dates[i + 1]) for i, text in enumerate(distractors[: OPTION_COUNT - 1])
    ]
    if ascending is not None:
        order = sorted(range(OPTION_COUNT), key=lambda i: ascending[i])
        return [options[i] for i in order]
    rng.shuffle(options)
    return options


def cloze(fact: FactData) -> str:
    """The explicit question if there is one, else the statement with the answer blanked."""
    if fact.question:
        return fact.question
    return _blanked(fact)


def _blanked(fact: FactData) -> str:
    prompt = fact.statement.replace(fact.answer, BLANK)
    if fact.kind in DATE_KINDS and fact.event_date and str(fact.event_date.year) in prompt:
        raise CannotBuild("the statement gives the year away elsewhere; add an explicit question")
    return prompt


def subject_prompt(fact: FactData, surnames: Sequence[str] = ()) -> str:
    """The prompt, about the subject rather than the paper: the explicit question, else the blanked statement,
    whichever does not ask about the paper (an author is named only when the fact is their argument)."""
    prompts = [fact.question] if fact.question else []
    try:
        prompts.append(_blanked(fact))
    except CannotBuild:
        if not prompts:
            raise
    for prompt in prompts:
        if not is_paper_trivia(prompt, statement=fact.statement, surnames=surnames):
            return prompt
    raise CannotBuild("the prompt asks about the paper, not the subject")


def _sortable(text: str) -> float:
    value = numeric_value(text)
    if value is not None:
        return value
    number = NUMBER.search(text)
    return float(number.group().replace(",", "")) if number else 0.0


def choice_question(
    fact: FactData,
    *,
    families: Mapping,
    countries: Sequence[str] = (),
    surnames: Sequence[str] = (),
    rng: random.Random,
    **_,
) -> GeneratedQuestion:
    if fact.kind == PHRASE_KIND:
        raise CannotBuild("a phrase answer (not a noun phrase) is not asked as multiple choice")
    if not fact.multiple_choice:
        raise CannotBuild("marked not multiple choice (a list-membership fact: other members may be true too)")
    prompt = subject_prompt(fact, surnames)
    ascending = None
    if fact.kind in DATE_KINDS:
        if fact.is_span:
            raise CannotBuild("the date is a span: asked as event->year, where every year of it is accepted")
        dates = date_distractors(fact, rng, fact.precision)
        distractors = [date_text(fact, date, fact.precision) for date in dates]
        ascending = [fact.event_date.toordinal(), *(date.toordinal() for date in dates)]
    elif fact.kind in QUANTITY_KINDS:
        distractors = curated_quantities(fact) if fact.curated else quantity_distractors(fact, rng)
        ascending = [_sortable(fact.answer), *(_sortable(text) for text in distractors)]
    else:
        family = fact.family
        if family is None:
            raise CannotBuild("the answer has no category (needed to find distractors of its sort)")
        distractors = entity_distractors(
            fact,
            prompt=prompt,
            candidates=families.get(family, ()),
            rng=rng,
            extra_names=countries if fact.kind == FactKind.COUNTRY else (),
        )
    return GeneratedQuestion(
        type=QuestionType.CHOICE,
        prompt=prompt,
        fact_ids=[fact.id],
        citations=_citations(fact),
        options=_options(fact.answer, distractors, rng, ascending=ascending),
        also_accepted=[claim.answer for claim in fact.claims],
    )


def event_prompt(fact: FactData, surnames: Sequence[str] = ()) -> str:
    if not fact.is_event:
        raise CannotBuild("not a one-off event (a baseline, a trend or a yearly figure has no single year)")
    prompt = f"In which year? {fact.event}."
    if is_paper_trivia(prompt, statement=fact.statement, surnames=surnames):
        raise CannotBuild("the event label asks about the paper, not the subject")
    return prompt


def event_year_question(fact: FactData, *, rng: random.Random, surnames: Sequence[str] = (), **_) -> GeneratedQuestion:
    """Given the event, which year? Every year a source supports (a claim, each year of a span) is accepted and
    never offered as a wrong option."""
    prompt = event_prompt(fact, surnames)
    years = [date.year for date in date_distractors(fact, rng, "year")]
    key = fact.event_date.year
    return GeneratedQuestion(
        type=QuestionType.EVENT_YEAR,
        prompt=prompt,
        fact_ids=[fact.id],
        citations=_citations(fact, by_year=True),
        options=_options(str(key), [str(year) for year in years], rng, ascending=[key, *years]),
        also_accepted=sorted(str(year) for year in fact.claimed_years if year != key),
    )


def event_date_text(fact: FactData) -> str:
    """When an event happened, as feedback shows it: its date, or its span."""
    shown = format_partial_date(fact.event_date, fact.precision)
    if fact.date_end:
        return f"{shown}–{format_partial_date(fact.date_end, fact.precision)}"
    return shown


def year_event_question(
    fact: FactData, *, dated_pool: Sequence[FactData], rng: random.Random, surnames: Sequence[str] = (), **_
) -> GeneratedQuestion:
    """Given the year, which event? Distractors are one-off events of other years by every source; each
    option carries its date, so feedback can say when the picked event happened."""
    event_prompt(fact, surnames)
    if fact.is_span or len(fact.claimed_years) > 1:
        raise CannotBuild("a span or a disputed date gives the event more than one year")
    year = fact.event_date.year
    distractors = event_distractors(fact, year=year, pool=dated_pool, rng=rng)
    options = _options(
        fact.event,
        [d.event for d in distractors],
        rng,
        fact_ids=[fact.id, *(d.id for d in distractors)],
        dates=[event_date_text(fact), *(event_date_text(d) for d in distractors)],
    )
    return GeneratedQuestion(
        type=QuestionType.YEAR_EVENT,
        prompt=f"Which of these happened in {year}?",
        fact_ids=[fact.id],
        citations=_citations(fact, by_year=True),
        options=options,
    )


def timeline_order_is_unambiguous(facts: Sequence[FactData]) -> bool:
    """Every pair compares the same way under every supported period (a claimed date at its precision, a span),
    and no two periods overlap: a tie at the precision shown, or a span across another event, is ambiguous."""
    for i, a in enumerate(facts):
        for b in facts[i + 1 :]:
            outcomes = set()
            for a_first, a_last in a.claimed_periods:
                for b_first, b_last in b.claimed_periods:
                    if a_first <= b_last and b_first <= a_last:
                        return False
                    outcomes.add(a_last < b_first)
            if len(outcomes) != 1:
                return False
    return True


def timeline_question(facts: Sequence[FactData], *, rng: random.Random) -> GeneratedQuestion:
    if not TIMELINE_MIN <= len(facts) <= TIMELINE_MAX:
        raise CannotBuild(f"a timeline needs {TIMELINE_MIN} to {TIMELINE_MAX} events")
    if not all(fact.is_event for fact in facts):
        raise CannotBuild("a timeline orders one-off events only")
    if len({norm(fact.event) for fact in facts}) < len(facts):
        raise CannotBuild("two items are the same event")
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
        citations=_citations(*(next(f for f in facts if f.id == item.fact_id) for item in shown), by_year=True),
        items=shown,
        correct_order=correct,
    )


def typed_prompt(fact: FactData, surnames: Sequence[str] = ()) -> str:
    """A typed question's prompt: the subject prompt (explicit question or cloze), or for a dated event whose
    statement gives the year away, the event's "In which year?"; never one that shows an accepted answer."""
    try:
        prompt = subject_prompt(fact, surnames)
    except CannotBuild:
        if fact.kind not in DATE_KINDS:
            raise
        prompt = event_prompt(fact, surnames)
    shown = f" {typed_answers.normalise(prompt)} "
    for accepted in (*fact.aliases, *(claim.answer for claim in fact.claims)):
        if f" {typed_answers.normalise(accepted)} " in shown:
            raise CannotBuild("the prompt shows another accepted form of the answer")
    return prompt


def typed_question(fact: FactData, *, surnames: Sequence[str] = (), **_) -> GeneratedQuestion:
    """Type the answer: names, years, dates and quantities (`typed_answers.can_type`), graded on the server
    against a key frozen with the question. The key (the answer, its aliases, every claim and supported
    year, the category's other answers as rivals) is read for every typed question of a quiz at once by
    `assembly.attach_typed_keys`, not per fact here."""
    if not typed_answers.can_type(fact):
        raise CannotBuild(
            "the answer is not one to type (a name, year, date or quantity of one thing, short, the only right one)"
        )
    return GeneratedQuestion(
        type=QuestionType.TYPED,
        prompt=typed_prompt(fact, surnames),
        fact_ids=[fact.id],
        citations=_citations(fact),
        also_accepted=[claim.answer for claim in fact.claims],
    )


SINGLE_FACT_BUILDERS = {
    QuestionType.CHOICE: choice_question,
    QuestionType.EVENT_YEAR: event_year_question,
    QuestionType.YEAR_EVENT: year_event_question,
    QuestionType.TYPED: typed_question,
}
