"""The flashcards page and the rating POST run a fixed number of queries, whatever the bank or history size."""

import datetime

import pytest
from django.utils import timezone

from quiz.scheduling import Rating, rate_flashcard, review_facts
from tests.conftest import HTMX
from tests.factories import CountryFactory, FactFactory, ThemeFactory, UserFactory
from tests.flashcards.conftest import PAGE, RATE
from tests.player.conftest import count_queries

pytestmark = pytest.mark.django_db
# session, user, country + theme validation, country + theme checkboxes, the bank's topic totals, the
# learner's counts, next card, its citations
PAGE_QUERIES = 10
# session, user, country + theme validation, the fact, memory read + compare-and-set upsert, review insert
RATE_QUERIES = 8
# ... and the deck: topic totals, counts, next card, its citations
HTMX_RATE_QUERIES = RATE_QUERIES + 4


def grow(learner, *, facts: int, history: int, country, theme) -> None:
    """A bank of `facts` in the selection, `history` of them reviewed (some twice), and another learner's states."""
    bank = [FactFactory(countries=[country], themes=[theme]) for _ in range(facts)]
    earlier = timezone.now() - datetime.timedelta(days=3)
    for fact in bank[:history]:
        rate_flashcard(learner=learner, fact_id=fact.pk, rating=Rating.Good, expected_reps=0, now=earlier)
    review_facts(learner=learner, ratings={fact.pk: Rating.Again for fact in bank[: history // 2]}, now=earlier)
    review_facts(learner=UserFactory(), ratings={fact.pk: Rating.Easy for fact in bank}, now=earlier)


def measure(client, *, country, theme) -> dict[str, int]:
    query = f"?countries={country.pk}&themes={theme.pk}"
    fresh = [FactFactory(countries=[country], themes=[theme]) for _ in range(2)]
    return {
        "page": count_queries(lambda: client.get(PAGE + query)),
        "rating": count_queries(lambda: client.post(RATE + query, {"fact": fresh[0].pk, "rating": 3, "reps": 0})),
        "htmx rating": count_queries(
            lambda: client.post(RATE + query, {"fact": fresh[1].pk, "rating": 3, "reps": 0}, **HTMX)
        ),
    }


def test_query_counts_do_not_grow_with_bank_or_history(learner_client, learner):
    country, theme = CountryFactory(slug="kazakhstan"), ThemeFactory(slug="education")
    grow(learner, facts=5, history=2, country=country, theme=theme)
    small = measure(learner_client, country=country, theme=theme)
    grow(learner, facts=60, history=40, country=country, theme=theme)
    large = measure(learner_client, country=country, theme=theme)
    assert small == large
    assert small["page"] <= PAGE_QUERIES
    assert small["rating"] <= RATE_QUERIES
    assert small["htmx rating"] <= HTMX_RATE_QUERIES


def test_the_page_and_a_rating_run_the_same_queries_on_a_bank_ten_times_larger(
    learner_client, learner, django_assert_num_queries
):
    country, theme = CountryFactory(slug="kazakhstan"), ThemeFactory(slug="education")
    grow(learner, facts=8, history=4, country=country, theme=theme)
    query = f"?countries={country.pk}&themes={theme.pk}"
    figures = []
    for facts in (0, 80):
        grow(learner, facts=facts, history=0, country=country, theme=theme)
        fresh = FactFactory(countries=[country], themes=[theme])
        with django_assert_num_queries(PAGE_QUERIES):
            page = learner_client.get(PAGE + query)
        # The rating's atomic block adds a savepoint and its release inside the test's transaction.
        with django_assert_num_queries(HTMX_RATE_QUERIES + 2):
            rated = learner_client.post(RATE + query, {"fact": fresh.pk, "rating": 3, "reps": 0}, **HTMX)
        assert page.status_code == rated.status_code == 200
        figures.append(page.context["counts"].total)
    # The deck's size came from the totals, and they followed the bank.
    assert figures == [8 + 1, 8 + 1 + 80 + 1]
