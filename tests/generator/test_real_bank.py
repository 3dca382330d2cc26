"""The generator over the real bank: every fact, every single-fact type, and many whole quizzes."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.models import Fact, format_partial_date
from quiz.generator import (
    CannotBuild,
    QuestionType,
    Selection,
    build_quiz,
    choice_question,
    event_year_question,
    load_fact_data,
    norm,
    order_score,
    truncate,
    year_event_question,
)
from tests.generator.test_generator_properties import assert_well_formed

pytestmark = pytest.mark.usefixtures("real_bank")


@pytest.fixture
def snapshots():
    return load_fact_data(Fact.objects.active().values_list("pk", flat=True))


@pytest.fixture
def context(snapshots):
    from content.models import Country, Theme

    facts = list(snapshots.values())
    return {
        "pool": facts,
        "dated_pool": [f for f in facts if f.event_date],
        "countries": list(Country.objects.exclude(slug="central-asia").values_list("id", "name")),
        "theme_names": dict(Theme.objects.values_list("id", "name")),
    }


def test_every_choice_question_is_well_formed_and_never_offers_a_claimed_answer_as_wrong(snapshots, context):
    import random

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
    assert built >= 0.8 * len(snapshots)


def test_every_dated_fact_makes_a_year_question_and_most_an_event_question(snapshots, context):
    import random

    dated = [f for f in snapshots.values() if f.event_date]
    event_questions = 0
    for fact in dated:
        question = event_year_question(fact, rng=random.Random(fact.id))
        assert_well_formed(question)
        try:
            assert_well_formed(year_event_question(fact, rng=random.Random(fact.id), **context))
            event_questions += 1
        except CannotBuild:
            pass
    assert event_questions >= 0.9 * len(dated)


@pytest.mark.parametrize("seed", range(25))
def test_whole_quizzes_over_the_bank_are_well_formed(seed):
    questions = build_quiz(selection=Selection(question_types=tuple(QuestionType.all), count=12), seed=seed)
    assert len(questions) == 12
    used = [i for q in questions for i in q.fact_ids]
    assert len(used) == len(set(used))
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
    assert len(questions) == 10
    for question in questions:
        if question.type != QuestionType.TIMELINE:
            assert_well_formed(question)
            continue
        items = question.items
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                precision = min(a.precision, b.precision, key=["year", "month", "day"].index)
                assert truncate(a.event_date, precision) != truncate(b.event_date, precision)
        assert question.correct_order != list(range(len(items)))
        assert order_score(question.correct_order, question.correct_order) == 1.0
