"""Levels from FSRS memory states (issue 17): new, learning, familiar, mastered; and the expected recall today.

The rule lives on the model twice, as MemoryState.level for one row and LEVEL_FILTERS for SQL; these tests
hold the two to each other and to FSRS itself (scheduling.scheduler(), the one that writes the states).
"""

import datetime

import fsrs
import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz import scheduling
from quiz.models import LEVEL_FILTERS, Level, MemoryState, retrievability_expression
from quiz.progress import mastery_by_country, overall_mastery
from tests.factories import CountryFactory, FactFactory, MemoryStateFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.mark.parametrize(
    ("state", "stability", "level"),
    [
        (fsrs.State.Learning, 0.5, Level.LEARNING),
        (fsrs.State.Relearning, 30.0, Level.LEARNING),
        (fsrs.State.Review, 3.2, Level.FAMILIAR),
        (fsrs.State.Review, 20.99, Level.FAMILIAR),
        (fsrs.State.Review, 21.0, Level.MASTERED),
        (fsrs.State.Review, 200.0, Level.MASTERED),
    ],
)
def test_a_facts_level_follows_its_memory_state(learner, state, stability, level):
    memory = MemoryStateFactory(learner=learner, state=state.value, stability=stability)
    assert memory.level == level
    in_sql = [name for name, condition in LEVEL_FILTERS.items() if MemoryState.objects.filter(condition).exists()]
    assert in_sql == [level]


def test_a_fact_never_met_is_new(learner):
    FactFactory.create_batch(3)
    overall = overall_mastery(learner=learner, now=NOW)
    assert (overall.new, overall.learning, overall.familiar, overall.mastered) == (3, 0, 0, 0)
    assert overall.recall is None and overall.standing == Level.NEW


def test_one_right_answer_makes_a_new_fact_learning_and_recall_today_full(learner):
    fact = FactFactory()
    scheduling.review_facts(learner=learner, ratings={fact.pk: fsrs.Rating.Good}, now=NOW)
    overall = overall_mastery(learner=learner, now=NOW)
    assert overall.learning == 1 and overall.recall_percent == 100


def test_levels_are_counted_per_topic(learner):
    kazakhstan = CountryFactory(slug="kazakhstan")
    for stability, state in ((1, 1), (5, 2), (30, 2), (40, 2)):
        MemoryStateFactory(learner=learner, fact=FactFactory(countries=[kazakhstan]), stability=stability, state=state)
    FactFactory(countries=[kazakhstan])
    topic = next(row for row in mastery_by_country(learner=learner, now=NOW) if row.slug == "kazakhstan")
    assert [(count.label, count.count) for count in topic.levels] == [
        ("mastered", 2),
        ("familiar", 1),
        ("learning", 1),
        ("new", 1),
    ]
    # At least half of the five facts (mastered 2 + familiar 1) are familiar or better.
    assert topic.standing == Level.FAMILIAR


# The learner fixture is shared on purpose: each example deletes its states first.
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    stability=st.floats(min_value=0.01, max_value=3000),
    elapsed=st.timedeltas(min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=800)),
)
def test_expected_recall_in_sql_is_fsrs_retrievability(learner, stability, elapsed):
    MemoryState.objects.filter(learner=learner).delete()
    memory = MemoryStateFactory(learner=learner, stability=stability, last_review=NOW - elapsed)
    expected = scheduling.scheduler().get_card_retrievability(memory.as_card(), NOW)
    in_sql = MemoryState.objects.annotate(r=retrievability_expression(now=NOW)).get(pk=memory.pk).r
    assert memory.retrievability(NOW) == pytest.approx(expected)
    assert in_sql == pytest.approx(expected, rel=1e-6)
