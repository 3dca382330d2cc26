"""Requests that must change nothing: replays, stale steps, overlong or malformed input, another learner's
round (400/404/409 with a message)."""

import pytest
from django.urls import reverse

from quiz.models import LearnAnswer, LearnStage
from tests.conftest import HTMX
from tests.factories import CountryFactory, UserFactory
from tests.html import assert_valid_html
from tests.learn.conftest import current, finish, post_answer, scholars, snapshot, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(learner_client):
    country = CountryFactory(slug="kyrgyzstan")
    scholars(["Aigerim Bekova", "Dauren Sultanov", "Madina Yusupova", "Timur Rakhimov"], country=country)
    return start(learner_client, countries=[country.pk])


def answer_url(round_):
    return reverse("quiz:learn-answer-post", args=[round_.pk])


def to_typed_step(client, round_):
    for _ in range(round_.item_count):
        post_answer(client, round_)
    return current(round_)


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_a_replayed_answer_is_refused(learner_client, round_, headers):
    item = current(round_)
    data = {"turn": 0, "item": item.pk, "option": item.key[0]}
    learner_client.post(answer_url(round_), data)
    before = snapshot()
    response = learner_client.post(answer_url(round_), data, **headers)
    assert response.status_code == 409 and "already answered" in response.content.decode()
    assert snapshot() == before


def test_an_answer_for_an_item_no_longer_current_is_refused(learner_client, round_):
    first = current(round_)
    post_answer(learner_client, round_)
    round_.refresh_from_db()
    before = snapshot()
    response = learner_client.post(answer_url(round_), {"turn": round_.turn, "item": first.pk, "option": 0})
    assert response.status_code == 409 and snapshot() == before


def test_a_stale_turn_is_refused(learner_client, round_):
    post_answer(learner_client, round_)
    item = current(round_)
    before = snapshot()
    response = learner_client.post(answer_url(round_), {"turn": 0, "item": item.pk, "option": item.key[0]})
    assert response.status_code == 409 and snapshot() == before


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_an_overlong_typed_answer_is_refused_and_not_graded(learner_client, round_, headers):
    item = to_typed_step(learner_client, round_)
    before = snapshot()
    text = item.typed_key["answer"] + " " + "x" * 200
    response = learner_client.post(answer_url(round_), {"turn": round_.turn, "item": item.pk, "text": text}, **headers)
    assert response.status_code == 400 and "at most 200 characters" in response.content.decode()
    assert snapshot() == before


def test_an_empty_typed_answer_is_refused(learner_client, round_):
    item = to_typed_step(learner_client, round_)
    before = snapshot()
    response = learner_client.post(answer_url(round_), {"turn": round_.turn, "item": item.pk, "text": "   "})
    assert response.status_code == 400 and "Type your answer" in response.content.decode()
    assert snapshot() == before


def test_an_option_that_does_not_belong_to_the_question_is_refused(learner_client, round_):
    item = current(round_)
    before = snapshot()
    response = learner_client.post(answer_url(round_), {"turn": 0, "item": item.pk, "option": 9})
    assert response.status_code == 400 and "does not belong" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("turn", ["", "x", "-1", str(2**40)])
def test_a_malformed_turn_is_refused(learner_client, round_, turn):
    item = current(round_)
    before = snapshot()
    response = learner_client.post(answer_url(round_), {"turn": turn, "item": item.pk, "option": item.key[0]})
    assert response.status_code == 400 and snapshot() == before


def test_another_learners_round_is_a_404(client, round_):
    item = current(round_)
    client.force_login(UserFactory())
    before = snapshot()
    assert client.get(reverse("quiz:learn-round", args=[round_.pk])).status_code == 404
    response = client.post(answer_url(round_), {"turn": 0, "item": item.pk, "option": item.key[0]})
    assert response.status_code == 404 and snapshot() == before


def test_another_learners_answer_page_is_a_404(learner_client, client, round_):
    post_answer(learner_client, round_)
    answer = LearnAnswer.objects.get()
    client.force_login(UserFactory())
    assert client.get(reverse("quiz:learn-answer", args=[round_.pk, answer.pk])).status_code == 404


@pytest.mark.parametrize("name", ["quiz:learn-round", "quiz:learn-hint", "quiz:learn-answer-post"])
def test_an_id_past_64_bits_is_a_404(learner_client, name):
    url = reverse(name, args=[2**70])
    response = learner_client.post(url, {}) if name != "quiz:learn-round" else learner_client.get(url)
    assert response.status_code == 404


def test_an_answer_after_the_round_finished_is_refused(learner_client, round_):
    last_item_turn = None
    while (item := current(round_)) is not None:
        last_item_turn = (item, round_.turn)
        post_answer(learner_client, round_)
    item, turn = last_item_turn
    before = snapshot()
    response = learner_client.post(answer_url(round_), {"turn": turn + 1, "item": item.pk, "text": "anything"})
    assert response.status_code == 409 and snapshot() == before


def test_a_stale_hint_request_is_refused(learner_client, round_):
    item = to_typed_step(learner_client, round_)
    stale_turn = round_.turn
    post_answer(learner_client, round_)
    before = snapshot()
    response = learner_client.post(reverse("quiz:learn-hint", args=[round_.pk]), {"turn": stale_turn, "item": item.pk})
    assert response.status_code == 409 and snapshot() == before


def test_a_finished_round_keeps_its_items_done(learner_client, round_):
    finish(learner_client, round_)
    assert set(round_.items.values_list("stage", flat=True)) == {LearnStage.DONE}


def test_a_refusal_without_javascript_is_the_round_page_with_the_message(learner_client, round_):
    data = {"turn": 5, "item": current(round_).pk, "option": 0}
    response = learner_client.post(answer_url(round_), data)
    assert response.status_code == 409
    assert_valid_html(response)
    assert "That was not recorded" in response.content.decode()
    assert "Go to where this round stands" in response.content.decode()


def test_a_refusal_with_htmx_is_swapped_in_place(learner_client, round_):
    data = {"turn": 5, "item": current(round_).pk, "option": 0}
    response = learner_client.post(answer_url(round_), data, **HTMX)
    assert response.status_code == 409 and response["X-Swap-In-Place"] == "true"
    assert_valid_html(response, fragment=True)
