"""The Learn page and the answer POST run a fixed number of queries, whatever the bank or history size."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.scheduling import Rating, review_facts
from tests.conftest import HTMX
from tests.factories import CountryFactory, FactFactory, UserFactory
from tests.learn.conftest import answer_data, current, finish, post_answer, scholars, send_answer, start
from tests.player.conftest import count_queries

pytestmark = pytest.mark.django_db
# session, user, the round, its current item
PAGE_QUERIES = 4
# session, user, the round, its current item, the guarded round update, the item update, the answer insert,
# memory states read + compare-and-set upsert (+ a wrong typed answer's memory read, to put it back on
# "I was right")
ANSWER_QUERIES = 10


def grow(client, learner, *, facts: int, rounds: int) -> None:
    """More bank (in the topic and out of it), and a history: finished rounds, other reviews, other learners."""
    country = CountryFactory(slug="kazakhstan")
    bank = [FactFactory(countries=[country]) for _ in range(facts)]
    review_facts(learner=learner, ratings={fact.pk: Rating.Good for fact in bank[: facts // 2]}, now=timezone.now())
    review_facts(learner=UserFactory(), ratings={fact.pk: Rating.Easy for fact in bank}, now=timezone.now())
    for _ in range(rounds):
        finish(client, start(client, countries=[country.pk]))


def measure(client) -> dict[str, int]:
    country = CountryFactory(slug="kyrgyzstan")
    round_ = start(client, countries=[country.pk])
    page = reverse("quiz:learn-round", args=[round_.pk])
    counts = {"choice page": count_queries(lambda: client.get(page))}

    def answer(name: str, *, right: bool = True, htmx: bool = False) -> None:
        data = answer_data(round_, right=right)
        counts[name] = count_queries(lambda: send_answer(client, round_, data, htmx=htmx))

    answer("choice answer")
    answer("choice answer, wrong, htmx", right=False, htmx=True)
    while current(round_).stage != "typed":
        post_answer(client, round_)
    counts["typed page"] = count_queries(lambda: client.get(page))
    counts["htmx step"] = count_queries(lambda: client.get(page, **HTMX))
    answer("typed answer, wrong", right=False)
    answer("typed answer, right, htmx", htmx=True)
    return counts


def test_query_counts_do_not_grow_with_bank_or_history(learner_client, learner):
    scholars(
        ["Aigerim Bekova", "Dauren Sultanov", "Madina Yusupova", "Timur Rakhimov", "Saule Nurlanova"],
        country=CountryFactory(slug="kyrgyzstan"),
    )
    small = measure(learner_client)
    scholars(
        ["Bakhyt Omarov", "Zarina Karimova", "Nurlan Abenov", "Gulnara Tokaeva"],
        country=CountryFactory(slug="kazakhstan"),
    )
    grow(learner_client, learner, facts=60, rounds=3)
    # The learner's own reviews leave the first facts not due: a fresh set of due-or-new facts for the round.
    scholars(
        ["Erlan Serikbaev", "Asel Dzhumabaeva", "Ruslan Ismailov", "Ulugbek Tursunov", "Dilnoza Alimova"],
        country=CountryFactory(slug="kyrgyzstan"),
    )
    large = measure(learner_client)
    assert small == large, (small, large)
    assert max(small["choice page"], small["typed page"], small["htmx step"]) <= PAGE_QUERIES
    assert max(count for name, count in small.items() if "answer" in name) <= ANSWER_QUERIES
