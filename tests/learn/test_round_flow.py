"""A round's course: multiple choice, then typed; a missed fact comes back later; done when all were typed."""

import pytest
from django.urls import reverse

from quiz.models import LearnAnswer, LearnStage
from tests.factories import CountryFactory
from tests.html import assert_valid_html
from tests.learn.conftest import current, finish, post_answer, scholars, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_round(learner_client):
    """A round of four facts (a country with only four)."""
    country = CountryFactory(slug="kyrgyzstan")
    scholars(NAMES_4, country=country)
    return start(learner_client, countries=[country.pk])


NAMES_4 = ["Aigerim Bekova", "Dauren Sultanov", "Madina Yusupova", "Timur Rakhimov"]


def test_every_fact_is_first_asked_as_multiple_choice(learner_client, small_round):
    page = learner_client.get(reverse("quiz:learn-round", args=[small_round.pk]))
    assert_valid_html(page)
    assert 'type="radio"' in page.content.decode() and 'name="text"' not in page.content.decode()
    assert set(small_round.items.values_list("stage", flat=True)) == {LearnStage.CHOICE}


def test_a_recognised_fact_is_typed_later_in_the_round(learner_client, small_round):
    item = current(small_round)
    post_answer(learner_client, small_round)
    item.refresh_from_db()
    assert item.stage == LearnStage.TYPED
    assert current(small_round) != item


def test_a_missed_fact_comes_back_later_not_next(learner_client, small_round):
    missed = current(small_round)
    post_answer(learner_client, small_round, right=False)
    missed.refresh_from_db()
    assert missed.stage == LearnStage.CHOICE and missed.misses == 1
    seen = []
    while (item := current(small_round)) != missed:
        seen.append(item.pk)
        post_answer(learner_client, small_round)
    assert len(seen) == small_round.item_count - 1


def test_a_missed_fact_comes_straight_back_when_it_is_the_only_one_left(learner_client, small_round):
    while small_round.done_count < small_round.item_count - 1 or current(small_round).stage != LearnStage.TYPED:
        post_answer(learner_client, small_round)
        small_round.refresh_from_db()
    last = current(small_round)
    post_answer(learner_client, small_round, right=False)
    assert current(small_round) == last


def test_a_fact_typed_right_is_done_and_counts_on_the_progress_bar(learner_client, small_round):
    for _ in range(small_round.item_count + 1):  # every choice, then the first typed step
        post_answer(learner_client, small_round)
    small_round.refresh_from_db()
    assert small_round.done_count == 1
    page = learner_client.get(reverse("quiz:learn-round", args=[small_round.pk])).content.decode()
    assert f'<progress id="learn-progress-bar" max="{small_round.item_count}" value="1">' in page
    assert f"1 of {small_round.item_count} facts done" in page


def test_the_round_finishes_when_every_fact_was_typed_right_once(learner_client, small_round):
    finish(learner_client, small_round)
    small_round.refresh_from_db()
    assert small_round.is_finished and small_round.done_count == small_round.item_count
    assert LearnAnswer.objects.filter(round=small_round).count() == 2 * small_round.item_count


def test_a_plain_answer_redirects_to_its_verdict(learner_client, small_round):
    response = post_answer(learner_client, small_round)
    answer = LearnAnswer.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("quiz:learn-answer", args=[small_round.pk, answer.pk])
    verdict = learner_client.get(response["Location"])
    assert_valid_html(verdict)
    assert "Correct" in verdict.content.decode() and "Continue" in verdict.content.decode()


def test_an_htmx_answer_swaps_in_the_verdict_and_the_progress_bar(learner_client, small_round):
    response = post_answer(learner_client, small_round, htmx=True)
    assert response.status_code == 200
    assert_valid_html(response, fragment=True)
    body = response.content.decode()
    assert "<html" not in body and 'id="feedback-heading"' in body
    assert 'id="learn-progress" class="learn-progress" hx-swap-oob="true"' in body
    assert "progress-changed" in response["HX-Trigger"]
    assert response["HX-Push-Url"] == reverse("quiz:learn-answer", args=[small_round.pk, LearnAnswer.objects.get().pk])


def test_continue_with_htmx_swaps_in_the_next_step(learner_client, small_round):
    post_answer(learner_client, small_round)
    response = learner_client.get(reverse("quiz:learn-round", args=[small_round.pk]), HTTP_HX_REQUEST="true")
    assert_valid_html(response, fragment=True)
    assert 'id="learn-heading"' in response.content.decode() and "<html" not in response.content.decode()


def test_a_wrong_verdict_says_the_fact_comes_back(learner_client, small_round):
    response = post_answer(learner_client, small_round, right=False)
    assert "It comes back later in this round." in learner_client.get(response["Location"]).content.decode()
