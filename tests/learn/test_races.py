"""Simultaneous posts of one Learn step: one is stored, the others are refused, nothing is counted twice.

Committed transactions on the real backend (a SQLite file, or PostgreSQL), as tests/concurrency/ runs them."""

import pytest
from django.urls import reverse

from quiz.models import LearnAnswer, MemoryState, TypedOverride
from tests.concurrency.conftest import at_once, logged_in_clients  # noqa: F401 (a fixture)
from tests.conftest import HTMX
from tests.factories import CountryFactory
from tests.learn.conftest import answer_data, current, post_answer, scholars, start

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def round_(learner_client):
    country = CountryFactory(slug="kyrgyzstan")
    scholars(["Aigerim Bekova", "Dauren Sultanov", "Madina Yusupova", "Timur Rakhimov"], country=country)
    return start(learner_client, countries=[country.pk])


def test_ten_simultaneous_posts_of_one_answer_store_one(learner, round_, logged_in_clients):  # noqa: F811
    data = answer_data(round_)
    url = reverse("quiz:learn-answer-post", args=[round_.pk])
    results = at_once([lambda c=c: c.post(url, data, **HTMX) for c in logged_in_clients(learner, 10)])
    statuses = sorted(getattr(result, "status_code", repr(result)) for result in results)
    assert statuses == [200] + [409] * 9, statuses
    round_.refresh_from_db()
    assert round_.turn == 1 and LearnAnswer.objects.count() == 1
    assert MemoryState.objects.get(learner=learner).reps == 1


def test_two_simultaneous_overrides_record_one(learner, learner_client, round_, logged_in_clients):  # noqa: F811
    for _ in range(round_.item_count):
        post_answer(learner_client, round_)
    post_answer(learner_client, round_, right=False)
    answer = LearnAnswer.objects.latest("turn")
    round_.refresh_from_db()
    url = reverse("quiz:learn-override", args=[round_.pk, answer.pk])
    results = at_once([lambda c=c: c.post(url, {"turn": round_.turn}) for c in logged_in_clients(learner, 2)])
    statuses = sorted(getattr(result, "status_code", repr(result)) for result in results)
    assert statuses == [303, 409], statuses
    round_.refresh_from_db()
    assert round_.done_count == 1 and TypedOverride.objects.count() == 1
    assert current(round_) is not None
