"""The typed step: forgiving grading with the spelling shown, a hint on demand, the key kept off the page,
and the rating each answer gives the fact's memory."""

import pytest
from django.urls import reverse

from quiz.models import LearnAnswer, LearnStage, MemoryState
from quiz.scheduling import Rating
from tests.conftest import HTMX
from tests.factories import CountryFactory
from tests.html import assert_valid_html
from tests.learn.conftest import current, post_answer, scholars, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def typed_round(learner_client):
    """A round of four facts whose every fact was recognised: each one's typed step is next."""
    country = CountryFactory(slug="kyrgyzstan")
    scholars(["Aigerim Bekova", "Dauren Sultanov", "Madina Yusupova", "Timur Rakhimov"], country=country)
    round_ = start(learner_client, countries=[country.pk])
    for _ in range(round_.item_count):
        post_answer(learner_client, round_)
    assert current(round_).stage == LearnStage.TYPED
    return round_


def page(client, round_) -> str:
    return client.get(reverse("quiz:learn-round", args=[round_.pk])).content.decode()


def hint_url(round_):
    return reverse("quiz:learn-hint", args=[round_.pk])


def ask_hint(client, round_, **headers):
    item = current(round_)
    return client.post(hint_url(round_), {"turn": round_.turn, "item": item.pk}, **headers)


def test_the_typed_step_asks_for_text_and_never_shows_the_answer(learner_client, typed_round):
    item = current(typed_round)
    response = learner_client.get(reverse("quiz:learn-round", args=[typed_round.pk]))
    assert_valid_html(response)
    body = response.content.decode()
    assert 'name="text"' in body and 'maxlength="200"' in body and 'type="radio"' not in body
    assert item.typed_key["answer"] not in body
    assert not any(option in body for option in item.options)


def test_a_typo_is_accepted_with_the_correct_spelling_shown(learner_client, typed_round):
    answer = current(typed_round).typed_key["answer"]
    typo = answer[:-2] + answer[-1] + answer[-2]  # the last two letters swapped
    response = post_answer(learner_client, typed_round, text=typo)
    verdict = learner_client.get(response["Location"]).content.decode()
    assert "Correct" in verdict and f"Accepted — it is spelled “{answer}”" in verdict
    assert LearnAnswer.objects.latest("turn").spelling == answer


def test_an_exact_answer_shows_no_spelling_note(learner_client, typed_round):
    response = post_answer(learner_client, typed_round)
    assert "Accepted — it is spelled" not in learner_client.get(response["Location"]).content.decode()


def test_another_facts_answer_one_letter_away_is_not_accepted_as_a_typo(learner_client, db):
    """Timur Rakhimov and Timur Rakhimova are two people: one letter apart, never each other's typo."""
    country = CountryFactory(slug="kyrgyzstan")
    scholars(
        [
            "Aigerim Bekova",
            "Dauren Sultanov",
            "Madina Yusupova",
            "Saule Nurlanova",
            "Timur Rakhimova",
            "Timur Rakhimov",
        ],
        country=country,
    )
    round_ = start(learner_client, countries=[country.pk])
    while current(round_).stage != LearnStage.TYPED or current(round_).typed_key["answer"] != "Timur Rakhimov":
        post_answer(learner_client, round_)
    item = current(round_)
    post_answer(learner_client, round_, text="Timur Rakhimova")
    item.refresh_from_db()
    assert item.stage == LearnStage.TYPED and item.misses == 1


def test_a_hint_shows_the_first_letters_and_the_length(learner_client, typed_round):
    answer = current(typed_round).typed_key["answer"]
    response = ask_hint(learner_client, typed_round, **HTMX)
    assert response.status_code == 200
    assert_valid_html(response, fragment=True)
    first, last = answer.split()
    assert f"{first[0]}{'_' * (len(first) - 1)} {last[0]}{'_' * (len(last) - 1)}" in response.content.decode()
    assert answer not in response.content.decode()


def test_a_hint_is_recorded_on_the_server(learner_client, typed_round):
    item = current(typed_round)
    assert ask_hint(learner_client, typed_round).status_code == 303
    item.refresh_from_db()
    assert item.hinted and item.hints == 1
    assert "Hint:" in page(learner_client, typed_round) and "Show a hint" not in page(learner_client, typed_round)


def test_asking_for_the_hint_twice_records_it_once(learner_client, typed_round):
    item = current(typed_round)
    ask_hint(learner_client, typed_round)
    ask_hint(learner_client, typed_round)
    item.refresh_from_db()
    assert item.hints == 1


def test_no_hint_is_given_at_the_multiple_choice_step(learner_client, db):
    country = CountryFactory(slug="kyrgyzstan")
    scholars(["Aigerim Bekova", "Dauren Sultanov", "Madina Yusupova", "Timur Rakhimov"], country=country)
    round_ = start(learner_client, countries=[country.pk])
    assert ask_hint(learner_client, round_).status_code == 409
    assert not current(round_).hinted


def test_a_right_choice_is_reviewed_good_and_a_wrong_one_again(learner_client, learner, db):
    country = CountryFactory(slug="kyrgyzstan")
    scholars(["Aigerim Bekova", "Dauren Sultanov", "Madina Yusupova", "Timur Rakhimov"], country=country)
    round_ = start(learner_client, countries=[country.pk])
    post_answer(learner_client, round_)
    post_answer(learner_client, round_, right=False)
    assert list(LearnAnswer.objects.order_by("turn").values_list("rating", flat=True)) == [Rating.Good, Rating.Again]
    assert MemoryState.objects.filter(learner=learner).count() == 2


def test_typed_right_first_time_without_a_hint_is_reviewed_easy(learner_client, typed_round):
    post_answer(learner_client, typed_round)
    assert LearnAnswer.objects.latest("turn").rating == Rating.Easy


def test_typed_right_after_a_hint_is_reviewed_hard(learner_client, typed_round):
    ask_hint(learner_client, typed_round)
    post_answer(learner_client, typed_round)
    answer = LearnAnswer.objects.latest("turn")
    assert answer.hinted and answer.rating == Rating.Hard


def test_typed_right_after_a_miss_is_reviewed_good(learner_client, typed_round):
    item = current(typed_round)
    post_answer(learner_client, typed_round, right=False)
    while current(typed_round) != item:
        post_answer(learner_client, typed_round)
    post_answer(learner_client, typed_round)
    assert list(item.answers.order_by("turn").values_list("rating", flat=True)) == [
        Rating.Good,
        Rating.Again,
        Rating.Good,
    ]


def test_each_answer_reviews_the_facts_one_memory_state(learner_client, learner, typed_round):
    item = current(typed_round)
    post_answer(learner_client, typed_round)
    assert MemoryState.objects.get(learner=learner, fact=item.fact).reps == 2
