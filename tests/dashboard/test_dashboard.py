"""A learner's dashboard: open quizzes, today's cards, mastery and recent results, their own only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AssignmentFactory,
    AttemptFactory,
    CountryFactory,
    FactFactory,
    MembershipFactory,
    MemoryStateFactory,
    QuizFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("quiz:dashboard")
# session, user; assignments: assignments, attempts, facts per quiz, mastery sums; open attempts; deck counts;
# overall: states, facts; countries: totals, states; recent attempts
DASHBOARD_QUERIES = 13


def test_an_open_attempt_is_listed_with_a_link_to_carry_on(learner_client, learner):
    attempt = AttemptFactory(quiz=QuizFactory(owner=learner, title="Kazakhstan practice"), step=1, question_count=5)
    page = learner_client.get(DASHBOARD).content.decode()
    assert "Kazakhstan practice" in page
    assert reverse("quiz:attempt", args=[attempt.pk]) in page
    assert "1 of 5 answered" in page


def test_finished_attempts_link_to_their_review(learner_client, learner):
    attempt = AttemptFactory(quiz=QuizFactory(owner=learner), state="finished", finished_at=timezone.now())
    assert reverse("quiz:review", args=[attempt.pk]) in learner_client.get(DASHBOARD).content.decode()


def test_due_and_new_card_counts_are_shown(learner_client, learner):
    yesterday = timezone.now() - datetime.timedelta(days=2)
    MemoryStateFactory(learner=learner, last_review=yesterday, due=yesterday + datetime.timedelta(days=1))
    FactFactory()
    response = learner_client.get(DASHBOARD)
    cards = response.context["cards"]
    assert (cards.due, cards.new, cards.learned) == (1, 1, 0)
    assert "Review 1 due card" in response.content.decode()


def test_mastery_per_country_is_shown(learner_client, learner):
    kazakhstan = CountryFactory(name="Kazakhstan")
    MemoryStateFactory(learner=learner, fact=FactFactory(countries=[kazakhstan]), stability=21)
    FactFactory(countries=[kazakhstan])
    page = learner_client.get(DASHBOARD).content.decode()
    assert "Kazakhstan" in page and "1 of 2 met" in page and "1 mastered" in page


def test_another_learners_attempts_and_cards_are_not_shown(learner_client):
    someone = UserFactory()
    AttemptFactory(quiz=QuizFactory(owner=someone, title="Someone else's quiz"))
    MemoryStateFactory(learner=someone)
    response = learner_client.get(DASHBOARD)
    assert "Someone else" not in response.content.decode()
    assert response.context["cards"].due == 0 and response.context["overall"].seen == 0


def test_the_dashboard_runs_as_many_queries_for_any_bank_or_history(
    learner_client, learner, django_assert_max_num_queries
):
    def measure() -> int:
        with django_assert_max_num_queries(DASHBOARD_QUERIES) as captured:
            assert learner_client.get(DASHBOARD).status_code == 200
        return len(captured)

    FactFactory(countries=[CountryFactory()])
    MembershipFactory(student=learner, classroom=AssignmentFactory().classroom)
    small = measure()
    for _ in range(10):
        MembershipFactory(student=learner, classroom=AssignmentFactory().classroom)
    for n in range(30):
        fact = FactFactory(countries=[CountryFactory()])
        MemoryStateFactory(learner=learner, fact=fact)
        AttemptFactory(
            quiz=QuizFactory(owner=learner),
            state="finished" if n % 2 else "in_progress",
            finished_at=timezone.now() if n % 2 else None,
        )
    assert measure() == small
