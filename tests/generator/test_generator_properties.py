"""Property-based tests of the generator over random synthetic facts (no database): one rule each."""

import random
import re
from collections import Counter
from itertools import permutations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from content.models import format_partial_date
from quiz import typed_answers
from quiz.generator import (
    CannotBuild,
    ClaimData,
    FactData,
    QuestionType,
    choice_question,
    event_year_question,
    norm,
    order_score,
    timeline_order_is_unambiguous,
    timeline_question,
    truncate,
    year_event_question,
)
from quiz.item_flaws import near_duplicates, numeric_value
from tests.generator.strategies import dated_facts, entity_facts, quantity_facts

COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
NO_BANK = {"families": {}, "countries": COUNTRIES}


def assert_well_formed(question):
    if question.type == QuestionType.TYPED:
        assert_typed_well_formed(question)
        return
    texts = [norm(option.text) for option in question.options]
    assert len(question.options) == 4
    assert len(set(texts)) == 4, texts
    assert sum(option.is_correct for option in question.options) == 1
    for option in question.options:
        if not option.is_correct:
            assert norm(option.text) not in {norm(a) for a in question.also_accepted}


def assert_typed_well_formed(question):
    """No options; a key whose every accepted answer is graded right; a prompt that does not show one."""
    key = question.typed_key
    assert question.options == [] and key is not None
    for accepted in key.accepted():
        assert typed_answers.grade(accepted, key).correct, accepted
        assert f" {typed_answers.normalise(accepted)} " not in f" {typed_answers.normalise(question.prompt)} "
    assert {norm(a) for a in question.also_accepted} == {norm(c) for c in key.claims}


def assert_ascending(question):
    values = [numeric_value(option.text) for option in question.options]
    assert None not in values, [o.text for o in question.options]
    assert values == sorted(values), [o.text for o in question.options]


def key_rank(question) -> int:
    values = [numeric_value(option.text) for option in question.options]
    return sorted(values).index(values[[o.is_correct for o in question.options].index(True)])


@settings(max_examples=200, deadline=None)
@given(fact=dated_facts(), seed=st.integers())
def test_date_options_never_equal_an_accepted_date_at_the_shown_precision(fact, seed):
    question = choice_question(fact, rng=random.Random(seed), **NO_BANK)
    assert_well_formed(question)
    assert question.correct_option.text == fact.answer
    accepted = {format_partial_date(d, fact.precision) for d, _ in fact.claimed_dates}
    for option in question.options:
        if not option.is_correct:
            assert option.text not in accepted
            # Same format: a distractor reads like a date of the same precision.
            assert len(option.text.split()) == len(fact.answer.split())


@settings(max_examples=200, deadline=None)
@given(fact=dated_facts(), seed=st.integers())
def test_date_and_year_options_are_listed_ascending(fact, seed):
    assert_ascending(choice_question(fact, rng=random.Random(seed), **NO_BANK))
    assert_ascending(event_year_question(fact, rng=random.Random(seed)))


@settings(max_examples=200, deadline=None)
@given(fact=dated_facts(spans=True), seed=st.integers())
def test_no_year_option_is_wrong_inside_a_claimed_span(fact, seed):
    question = event_year_question(fact, rng=random.Random(seed))
    assert_well_formed(question)
    for option in question.options:
        assert re.fullmatch(r"\d{4}", option.text)
        if not option.is_correct:
            assert int(option.text) not in fact.claimed_years
    # Every supported year is accepted in grading.
    assert {str(year) for year in fact.claimed_years} <= {question.correct_option.text, *question.also_accepted}


@settings(max_examples=100, deadline=None)
@given(fact=dated_facts(spans=True), seed=st.integers())
def test_a_span_or_disputed_year_makes_no_year_to_event_question(fact, seed):
    assume(fact.is_span or len(fact.claimed_years) > 1)
    with pytest.raises(CannotBuild):
        year_event_question(fact, dated_pool=[], rng=random.Random(seed))


@settings(max_examples=200, deadline=None)
@given(fact=quantity_facts(), seed=st.integers())
def test_quantity_options_keep_unit_and_format_and_are_ascending(fact, seed):
    try:
        question = choice_question(fact, rng=random.Random(seed), **NO_BANK)
    except CannotBuild:
        assume(False)
    assert_well_formed(question)
    assert_ascending(question)
    number = re.compile(r"[\d,.]+")
    frame = number.sub("#", fact.answer)
    for option in question.options:
        assert number.sub("#", option.text) == frame
        shown = float(number.search(option.text).group().replace(",", ""))
        assert shown > 0
        if fact.kind == "percentage":
            assert shown <= 100


@pytest.mark.parametrize("answer", ["more than 2,000", "over 500", "at least 40%", "top 10", "among the 10 largest"])
def test_a_bounded_answer_is_not_asked_as_multiple_choice(answer):
    fact = FactData(
        id=1, key="q", statement=f"They were {answer}.", question="", answer=answer, kind="number",
        event="", event_date=None, precision="", value=None, unit="people",
    )  # fmt: skip
    with pytest.raises(CannotBuild):
        choice_question(fact, rng=random.Random(0), **NO_BANK)


def test_the_key_rank_among_numbers_is_uniform():
    ranks = Counter()
    for n in range(800):
        answer = f"{1000 + 37 * n:,}"
        fact = FactData(
            id=n, key="q", statement=f"It had {answer} members.", question="", answer=answer, kind="number",
            event="", event_date=None, precision="", value=None, unit="members",
        )  # fmt: skip
        ranks[key_rank(choice_question(fact, rng=random.Random(n), **NO_BANK))] += 1
    # 200 expected per rank; chi-square with 3 df below 16.3 (p = 0.001).
    chi_square = sum((ranks[rank] - 200) ** 2 / 200 for rank in range(4))
    assert chi_square < 16.3, ranks


@settings(max_examples=100, deadline=None)
@given(
    fact=entity_facts(),
    pool=st.lists(entity_facts(categories=st.sampled_from([1, 2])), min_size=3, max_size=12, unique_by=lambda f: f.id),
    seed=st.integers(),
)
def test_entity_distractors_are_answers_of_the_same_category(fact, pool, seed):
    families = {}
    for other in pool:
        families.setdefault(other.family, []).append(other)
    try:
        question = choice_question(fact, families=families, rng=random.Random(seed))
    except CannotBuild:
        assume(False)
    assert_well_formed(question)
    same_category = {norm(other.answer) for other in pool if other.id != fact.id and other.category_id == 1}
    for option in question.options:
        if not option.is_correct:
            assert norm(option.text) in same_category


@settings(max_examples=100, deadline=None)
@given(fact=entity_facts(), pool=st.lists(entity_facts(), min_size=3, max_size=12), seed=st.integers())
def test_no_two_entity_options_are_near_duplicates(fact, pool, seed):
    try:
        question = choice_question(fact, families={("category", 1): pool}, rng=random.Random(seed))
    except CannotBuild:
        assume(False)
    texts = [option.text for option in question.options]
    assert not any(near_duplicates(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :])


def entity(n: int, answer: str, **fields) -> FactData:
    values = dict(
        id=n, key=f"e{n}", statement=f"It was {answer}.", question="", answer=answer,
        kind="organisation", event="", event_date=None, precision="", value=None, unit="", category_id=1,
    )  # fmt: skip
    return FactData(**(values | fields))


# Regions of the bank's category that would mislead as options for a Soviet Far East region.
REGIONS = ["Asia-Pacific", "Central Asia", "Northeast Asia", "Eurasia", "East Asia", "Inner Asia", "Southeast Asia"]


def far_east_fact(statement: str, curated: tuple[str, ...]) -> tuple[FactData, dict]:
    """A Soviet Far East region with curated distractors, in a category of plenty of other regions."""
    fact = entity(1, "Primorsky Krai", kind="place", statement=statement, curated=curated)
    pool = [fact, *(entity(n, name, kind="place") for n, name in enumerate(REGIONS, start=2))]
    return fact, {("category", 1): pool}


def test_curated_distractors_come_before_answers_of_the_category():
    curated = ("Khabarovsk Krai", "Amur Oblast", "Sakhalin Oblast")
    fact, families = far_east_fact("Most Soviet Koreans lived in Primorsky Krai before 1937.", curated)
    for seed in range(20):
        question = choice_question(fact, families=families, rng=random.Random(seed))
        assert_well_formed(question)
        assert {o.text for o in question.options if not o.is_correct} == set(curated)


def test_answers_of_the_category_fill_in_when_fewer_than_three_curated_survive():
    # "Vladivostok" is shown in the prompt: a cue, never an option.
    curated = ("Khabarovsk Krai", "Amur Oblast", "Vladivostok")
    statement = "Most Soviet Koreans lived in Primorsky Krai, around Vladivostok, before 1937."
    fact, families = far_east_fact(statement, curated)
    for seed in range(20):
        question = choice_question(fact, families=families, rng=random.Random(seed))
        assert_well_formed(question)
        wrong = {o.text for o in question.options if not o.is_correct}
        assert {"Khabarovsk Krai", "Amur Oblast"} <= wrong and len(wrong & set(REGIONS)) == 1


def test_without_three_good_candidates_no_question_is_built():
    fact = entity(1, "KOICA")
    with pytest.raises(CannotBuild):
        choice_question(fact, families={("category", 1): [fact, entity(2, "KDI")]}, rng=random.Random(0))


def test_a_phrase_answer_is_never_multiple_choice():
    fact = entity(1, "dropped slightly", kind="phrase", category_id=None)
    with pytest.raises(CannotBuild):
        choice_question(fact, families={}, rng=random.Random(0))


def test_a_prompt_about_the_paper_falls_back_to_the_statement():
    pool = [entity(n, name) for n, name in enumerate(["KOTRA", "KOFIH", "NIIED"], start=2)]
    fact = entity(1, "KOICA", question="Which agency do the authors credit?", statement="Aid is run by KOICA.")
    assert fact.question
    question = choice_question(fact, families={("category", 1): pool}, rng=random.Random(0))
    assert question.prompt == "Aid is run by _____."


def test_a_prompt_naming_an_author_needs_the_fact_to_be_their_argument():
    pool = [entity(n, name) for n, name in enumerate(["KOTRA", "KOFIH", "NIIED"], start=2)]
    argued = entity(1, "KOICA", question="Which agency does Oh credit?", statement="Oh argues that KOICA leads aid.")
    plain = entity(1, "KOICA", question="Which agency does Oh credit?", statement="KOICA leads aid.")
    families = {("category", 1): pool}
    assert choice_question(argued, families=families, surnames=["Oh"], rng=random.Random(0)).prompt.startswith("Which")
    assert choice_question(plain, families=families, surnames=["Oh"], rng=random.Random(0)).prompt == "_____ leads aid."


@given(fact=entity_facts(kind="country"), seed=st.integers())
def test_country_options_are_countries_of_the_region(fact, seed):
    try:
        question = choice_question(fact, families={}, countries=COUNTRIES, rng=random.Random(seed))
    except CannotBuild:
        assume(False)
    for option in question.options:
        if not option.is_correct:
            assert option.text in COUNTRIES


@settings(max_examples=100, deadline=None)
@given(
    fact=dated_facts(claims=False),
    pool=st.lists(dated_facts(spans=True), min_size=3, max_size=15, unique_by=lambda f: f.id),
    seed=st.integers(),
)
def test_year_event_distractors_never_happened_in_that_year_by_any_source(fact, pool, seed):
    pool = [f for f in pool if f.id != fact.id]
    try:
        question = year_event_question(fact, dated_pool=pool, rng=random.Random(seed))
    except CannotBuild:
        assume(False)
    assert_well_formed(question)
    by_id = {f.id: f for f in pool}
    for option in question.options:
        assert option.date_text  # feedback shows when every option happened
        if not option.is_correct:
            assert fact.event_date.year not in by_id[option.fact_id].claimed_years


def test_only_one_off_events_make_event_questions():
    trend = FactData(
        id=1, key="t", statement="Growth is measured from 2010.", question="", answer="2010", kind="year",
        event="Baseline year for growth", event_date=__import__("datetime").date(2010, 1, 1), precision="year",
        value=None, unit="", one_off=False,
    )  # fmt: skip
    with pytest.raises(CannotBuild):
        event_year_question(trend, rng=random.Random(0))
    with pytest.raises(CannotBuild):
        year_event_question(trend, dated_pool=[], rng=random.Random(0))


@settings(max_examples=200, deadline=None)
@given(facts=st.lists(dated_facts(spans=True), min_size=3, max_size=6, unique_by=lambda f: f.id), seed=st.integers())
def test_timeline_items_are_distinct_and_never_shown_in_a_high_scoring_order(facts, seed):
    assume(timeline_order_is_unambiguous(facts))
    assume(len({norm(f.event) for f in facts}) == len(facts))
    question = timeline_question(facts, rng=random.Random(seed))
    assert question.type == QuestionType.TIMELINE
    shown = question.items
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            precision = min(a.precision, b.precision, key=["year", "month", "day"].index)
            assert truncate(a.event_date, precision) != truncate(b.event_date, precision)
    true_order = [shown[i] for i in question.correct_order]
    assert [item.event_date for item in true_order] == sorted(item.event_date for item in shown)
    identity = list(range(len(shown)))
    assert question.correct_order != identity
    assert order_score(question.correct_order, identity) <= 0.5


def test_a_span_across_another_event_makes_the_timeline_ambiguous():
    import datetime

    def event(n, start, end=None):
        return FactData(
            id=n, key=f"t{n}", statement="x", question="", answer=str(start), kind="year", event=f"Event {n}",
            event_date=datetime.date(start, 1, 1), precision="year", value=None, unit="",
            date_end=datetime.date(end, 1, 1) if end else None,
        )  # fmt: skip

    assert timeline_order_is_unambiguous([event(1, 2000), event(2, 2005), event(3, 2010)])
    assert not timeline_order_is_unambiguous([event(1, 2000), event(2, 2004, 2006), event(3, 2005)])
    claim = ClaimData("2006", __import__("datetime").date(2006, 1, 1), "year", None)
    disputed = event(2, 2004)
    disputed = FactData(**{**disputed.__dict__, "claims": (claim,)})
    assert not timeline_order_is_unambiguous([event(1, 2005), disputed])


@given(n=st.integers(min_value=2, max_value=6), data=st.data())
def test_grading_gives_one_only_for_the_true_order(n, data):
    correct = data.draw(st.permutations(list(range(n))))
    assert order_score(correct, correct) == 1.0
    for given_order in permutations(range(n)):
        if list(given_order) != list(correct):
            assert order_score(correct, list(given_order)) < 1.0


def test_grading_scores_a_reversed_order_zero_and_one_swap_partially():
    assert order_score([0, 1, 2, 3], [3, 2, 1, 0]) == 0.0
    assert order_score([0, 1, 2, 3], [1, 0, 2, 3]) == 5 / 6


def test_grading_rejects_a_non_permutation():
    with pytest.raises(ValueError):
        order_score([0, 1, 2], [0, 0, 2])


def quantity(answer: str, **fields) -> FactData:
    values = dict(
        id=1, key="q", statement=f"They trained {answer} people.", question="", answer=answer, kind="number",
        event="", event_date=None, precision="", value=None, unit="people",
    )  # fmt: skip
    return FactData(**(values | fields))


def test_curated_figures_are_used_for_a_quantity_and_listed_ascending():
    fact = quantity("USD 300 million", curated=("USD 3 billion", "USD 30 million", "USD 100 million"))
    question = choice_question(fact, rng=random.Random(0), **NO_BANK)
    assert [o.text for o in question.options] == [
        "USD 30 million",
        "USD 100 million",
        "USD 300 million",
        "USD 3 billion",
    ]


def test_curated_figures_that_overlap_a_bounded_answer_are_refused():
    fact = quantity("more than 2,000", curated=("more than 1,000", "more than 500", "more than 100"))
    with pytest.raises(CannotBuild):
        choice_question(fact, rng=random.Random(0), **NO_BANK)


def test_a_fact_marked_not_multiple_choice_makes_none():
    fact = entity(1, "BTS", multiple_choice=False)
    pool = [entity(n, name) for n, name in enumerate(["EXO", "TWICE", "Stray Kids"], start=2)]
    with pytest.raises(CannotBuild):
        choice_question(fact, families={("category", 1): pool}, rng=random.Random(0))


def test_bare_curated_figures_take_the_answers_words():
    fact = quantity("about 430", curated=("100", "200", "900"))
    question = choice_question(fact, rng=random.Random(0), **NO_BANK)
    assert [o.text for o in question.options] == ["about 100", "about 200", "about 430", "about 900"]
