"""The generator over the real bank (seeds/): every fact, every single-fact type, and many whole quizzes."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.models import Citation, Fact, format_partial_date
from quiz import item_flaws
from quiz.generator import (
    CannotBuild,
    QuestionType,
    Selection,
    bank_context,
    build_quiz,
    choice_question,
    event_year_question,
    load_fact_data,
    norm,
    order_score,
    single_fact_questions,
    truncate,
)
from tests.generator.test_generator_properties import assert_ascending, assert_well_formed

pytestmark = pytest.mark.usefixtures("real_bank")


@pytest.fixture
def snapshots():
    return load_fact_data(Fact.objects.active().values_list("pk", flat=True))


@pytest.fixture
def context(snapshots):
    return bank_context(facts=list(snapshots.values()))


def test_every_choice_question_is_well_formed_and_never_offers_a_claimed_answer_as_wrong(snapshots, context):
    built = 0
    for fact in snapshots.values():
        try:
            question = choice_question(fact, rng=random.Random(fact.id), **context)
        except CannotBuild:
            continue
        built += 1
        assert_well_formed(question)
        assert question.correct_option.text == fact.answer
        wrong = [norm(o.text) for o in question.options if not o.is_correct]
        assert not set(wrong) & {norm(a) for a in fact.accepted_answers}, fact.key
        if fact.kind in ("date", "year"):
            claimed = {norm(format_partial_date(d, fact.precision)) for d, _ in fact.claimed_dates}
            assert not set(wrong) & claimed, fact.key
            assert_ascending(question)
        if fact.kind in ("number", "percentage"):
            assert_ascending(question)
        if fact.family is not None:
            family = {norm(other.answer) for other in context["families"][fact.family]}
            extra = {norm(name) for name in [*context["countries"], *fact.curated]}
            assert set(wrong) <= family | extra, fact.key
    assert built >= 0.7 * len(snapshots)


def test_every_one_off_event_makes_a_year_question_with_every_supported_year_accepted(snapshots):
    events = [f for f in snapshots.values() if f.is_event]
    for fact in events:
        try:
            question = event_year_question(fact, rng=random.Random(fact.id))
        except CannotBuild as reason:
            assert "paper" in str(reason), fact.key
            continue
        assert_well_formed(question)
        accepted = {question.correct_option.text, *question.also_accepted}
        assert {str(year) for year in fact.claimed_years} <= accepted


def test_no_must_be_zero_flaw_in_any_single_fact_question(snapshots, context):
    surnames = {}
    for fact_id, authors in Citation.objects.values_list("fact_id", "source__authors"):
        surnames.setdefault(fact_id, set()).update(item_flaws.author_surnames(authors))
    tally = item_flaws.Tally()
    for fact in snapshots.values():
        for question in single_fact_questions(fact, context=context, seed=1).values():
            if not isinstance(question, str):
                item_flaws.review_question(question, facts=snapshots, tally=tally, surnames=surnames)
    assert tally.must_be_zero_failures() == [], {f: tally.examples.get(f) for f in tally.must_be_zero_failures()}


@pytest.mark.parametrize("seed", range(25))
def test_whole_quizzes_over_the_bank_repeat_no_fact_and_no_event(seed, snapshots):
    questions = build_quiz(selection=Selection(question_types=tuple(QuestionType.all), count=12), seed=seed)
    assert len(questions) >= 10
    tally = item_flaws.Tally()
    item_flaws.review_quiz(questions, facts=snapshots, tally=tally)
    assert not tally.flaws, tally.examples
    for question in questions:
        assert question.citations
        if question.type == QuestionType.TIMELINE:
            assert 3 <= len(question.items) <= 6
            assert order_score(question.correct_order, list(range(len(question.items)))) <= 0.5
        else:
            assert_well_formed(question)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32), types=st.sets(st.sampled_from(QuestionType.all), min_size=1))
def test_any_seed_and_mix_over_the_real_bank_gives_valid_questions(seed, types):
    questions = build_quiz(selection=Selection(question_types=tuple(sorted(types)), count=10), seed=seed)
    assert len(questions) >= 8
    used = [i for q in questions for i in q.fact_ids]
    assert len(used) == len(set(used))
    for question in questions:
        if question.type != QuestionType.TIMELINE:
            assert_well_formed(question)
            if question.type == QuestionType.EVENT_YEAR:
                assert_ascending(question)
            continue
        items = question.items
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                precision = min(a.precision, b.precision, key=["year", "month", "day"].index)
                assert truncate(a.event_date, precision) != truncate(b.event_date, precision)
        assert question.correct_order != list(range(len(items)))
