"""The progress page runs a fixed number of queries, whatever the bank or history size."""

import pytest
from django.urls import reverse
from django.utils import timezone

from content.models import Fact
from tests.factories import (
    AttemptFactory,
    CountryFactory,
    FactFactory,
    MemoryStateFactory,
    QuizFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
# session, user; the learner's sums per combination of topics, the bank's topic totals; the countries and
# themes, read once for their lists and the grid; recent attempts
PROGRESS_PAGE_QUERIES = 7


def grow_bank(*, facts: int) -> None:
    """More facts, spread over several countries and themes (some tagged with two of each)."""
    countries = [CountryFactory(slug=slug) for slug in ("kazakhstan", "uzbekistan", "kyrgyzstan")]
    themes = [ThemeFactory(slug=slug) for slug in ("hallyu", "diaspora")]
    for n in range(facts):
        FactFactory(countries=countries[n % 3 :][:2], themes=themes[n % 2 :])


def grow_history(learner, *, states: int, attempts: int) -> None:
    """A longer history: memory states for facts not yet seen, and finished attempts."""
    unseen = Fact.objects.exclude(memory_states__learner=learner)[:states]
    for fact in unseen:
        MemoryStateFactory(learner=learner, fact=fact, stability=1 + fact.pk % 30)
    for _ in range(attempts):
        AttemptFactory(quiz=QuizFactory(owner=learner), state="finished", finished_at=timezone.now())


def page_queries(client, assert_max) -> list[int]:
    counts = []
    for headers in ({}, {"HX-Request": "true"}):
        with assert_max(PROGRESS_PAGE_QUERIES) as captured:
            assert client.get(reverse("quiz:progress"), headers=headers).status_code == 200
        counts.append(len(captured))
    return counts


def test_the_progress_page_runs_as_many_queries_for_any_bank_or_history(
    learner_client, learner, django_assert_max_num_queries
):
    counts = {}
    grow_bank(facts=6)
    grow_history(learner, states=2, attempts=2)
    counts["small bank, short history"] = page_queries(learner_client, django_assert_max_num_queries)
    grow_history(learner, states=4, attempts=12)
    counts["small bank, long history"] = page_queries(learner_client, django_assert_max_num_queries)
    grow_bank(facts=40)
    counts["large bank, long history"] = page_queries(learner_client, django_assert_max_num_queries)
    grow_history(learner, states=30, attempts=10)
    counts["large bank, longer history"] = page_queries(learner_client, django_assert_max_num_queries)
    assert len({tuple(value) for value in counts.values()}) == 1, counts


def test_the_progress_page_runs_the_same_queries_on_a_bank_ten_times_larger(
    learner_client, learner, django_assert_num_queries
):
    grow_bank(facts=8)
    grow_history(learner, states=5, attempts=3)
    with django_assert_num_queries(PROGRESS_PAGE_QUERIES):
        small = learner_client.get(reverse("quiz:progress"))
    grow_bank(facts=80)
    with django_assert_num_queries(PROGRESS_PAGE_QUERIES):
        large = learner_client.get(reverse("quiz:progress"))
    assert small.status_code == large.status_code == 200
    # The totals did follow the bank: the overall figure counts all its facts.
    assert large.context["overall"].total == Fact.objects.active().count() == 88
