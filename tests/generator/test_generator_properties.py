"""Property-based tests of the generator over random synthetic facts."""

import random
import re
from itertools import permutations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from content.models import format_partial_date
from quiz.generator import (
    CannotBuild,
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
from tests.generator.strategies import dated_facts, entity_facts, quantity_facts

COUNTRIES = [(1, "Kazakhstan"), (2, "Kyrgyzstan"), (3, "Tajikistan"), (4, "Turkmenistan"), (5, "Uzbekistan")]


def assert_well_formed(question):
    texts = [norm(option.text) for option in question.options]
    assert len(question.options) == 4
    assert len(set(texts)) == 4, texts
    assert sum(option.is_correct for option in question.options) == 1
    for option in question.options:
        if not option.is_correct:
            assert norm(option.text) not in {norm(a) for a in question.also_accepted}


@settings(max_examples=200, deadline=None)
@given(fact=dated_facts(), seed=st.integers())
def test_date_options_never_equal_an_accepted_date_at_the_shown_precision(fact, seed):
    question = choice_question(fact, pool=[], countries=COUNTRIES, rng=random.Random(seed))
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
def test_year_options_differ_from_every_claimed_year(fact, seed):
    question = event_year_question(fact, rng=random.Random(seed))
    assert_well_formed(question)
    assert question.correct_option.text == str(fact.event_date.year)
    for option in question.options:
        assert re.fullmatch(r"\d{4}", option.text)
        if not option.is_correct:
            assert int(option.text) not in fact.claimed_years
            assert 1 <= abs(int(option.text) - fact.event_date.year) <= 8


@settings(max_examples=200, deadline=None)
@given(fact=quantity_facts(), seed=st.integers())
def test_quantity_options_keep_unit_and_format_and_differ_in_value(fact, seed):
    try:
        question = choice_question(fact, pool=[], countries=COUNTRIES, rng=random.Random(seed))
    except CannotBuild:
        assume(False)
    assert_well_formed(question)
    number = re.compile(r"[\d,.]+")
    frame = number.sub("#", fact.answer)
    values = set()
    for option in question.options:
        assert number.sub("#", option.text) == frame
        shown = float(number.search(option.text).group().replace(",", ""))
        assert shown > 0
        values.add(shown)
        if fact.kind == "percentage":
            assert shown <= 100
    assert len(values) == 4


@settings(max_examples=100, deadline=None)
@given(
    fact=entity_facts(),
    pool=st.lists(entity_facts(), min_size=3, max_size=12, unique_by=lambda f: f.id),
    seed=st.integers(),
)
def test_entity_options_come_from_same_kind_answers_in_the_bank(fact, pool, seed):
    try:
        question = choice_question(fact, pool=pool, countries=COUNTRIES, rng=random.Random(seed))
    except CannotBuild:
        assume(False)
    assert_well_formed(question)
    pool_answers = {norm(other.answer) for other in pool if other.id != fact.id}
    for option in question.options:
        if not option.is_correct:
            assert norm(option.text) in pool_answers


@given(fact=entity_facts(kind="country"), seed=st.integers())
def test_country_options_are_countries_of_the_region_not_tagged_on_the_fact(fact, seed):
    question = choice_question(fact, pool=[], countries=COUNTRIES, rng=random.Random(seed))
    tagged = {name for country_id, name in COUNTRIES if country_id in fact.country_ids}
    for option in question.options:
        if not option.is_correct:
            assert option.text in dict(COUNTRIES).values() and option.text not in tagged


@settings(max_examples=100, deadline=None)
@given(
    fact=dated_facts(claims=False),
    pool=st.lists(dated_facts(), min_size=3, max_size=15, unique_by=lambda f: f.id),
    seed=st.integers(),
)
def test_year_event_distractors_never_happened_in_that_year(fact, pool, seed):
    pool = [f for i, f in enumerate(pool) if f.id != fact.id]
    try:
        question = year_event_question(fact, dated_pool=pool, theme_names={}, rng=random.Random(seed))
    except CannotBuild:
        assume(False)
    assert_well_formed(question)
    by_id = {f.id: f for f in pool}
    for option in question.options:
        if not option.is_correct:
            assert fact.event_date.year not in by_id[option.fact_id].claimed_years


@settings(max_examples=200, deadline=None)
@given(facts=st.lists(dated_facts(), min_size=3, max_size=6, unique_by=lambda f: f.id), seed=st.integers())
def test_timeline_items_are_distinct_and_never_shown_in_a_high_scoring_order(facts, seed):
    assume(timeline_order_is_unambiguous(facts))
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
    import pytest

    with pytest.raises(ValueError):
        order_score([0, 1, 2], [0, 0, 2])
