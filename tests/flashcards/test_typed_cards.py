"""Flashcards "type to answer": a typeable card asks for its answer typed, the back (with the answer) only
comes with the verdict, a rating is suggested from it, and the learner still rates."""

import re

import pytest

from quiz.models import MemoryState, Review
from tests.conftest import HTMX
from tests.factories import FactFactory
from tests.flashcards.conftest import PAGE, RATE, snapshot
from tests.html import assert_valid_html
from tests.player.conftest import count_queries

pytestmark = pytest.mark.django_db
TYPE = PAGE + "?mode=type"


@pytest.fixture
def card():
    return FactFactory(
        answer="King Sejong Institute",
        statement="The King Sejong Institute teaches Korean.",
        question="Which institute teaches Korean abroad?",
        shuffle_key=0.0,  # first of the new cards
    )


def check(client, card, text, **extra):
    return client.get(PAGE, {"mode": "type", "card": card.pk, "text": text, **extra})


def test_the_page_links_to_type_to_answer_and_back(learner_client, card):
    assert "?mode=type" in learner_client.get(PAGE).content.decode()
    html = learner_client.get(TYPE).content.decode()
    assert "recall and flip instead" in html


def test_in_type_mode_the_answer_is_not_in_the_page_before_checking(learner_client, card):
    html = learner_client.get(TYPE).content.decode()
    assert 'name="text"' in html and "Which institute teaches Korean abroad?" in html
    assert "King Sejong Institute" not in html and card.statement not in html
    assert 'name="rating"' not in html
    assert_valid_html(html)


def test_a_right_answer_shows_correct_the_back_and_suggests_good(learner_client, card):
    html = check(learner_client, card, "king sejong institute").content.decode()
    assert "Correct." in html and "King Sejong Institute" in html and card.statement in html
    good = re.search(r'<button[^>]*value="3"[^>]*>', html).group(0)
    assert "is-suggested" in good and "autofocus" in good
    assert_valid_html(html)


def test_a_typo_is_accepted_with_the_spelling(learner_client, card):
    html = check(learner_client, card, "King Sejong Insitute").content.decode()
    assert "Accepted — it is spelled King Sejong Institute." in html


def test_a_wrong_answer_suggests_again(learner_client, card):
    html = check(learner_client, card, "Korean Cultural Centre").content.decode()
    assert "Not quite." in html and "Korean Cultural Centre" in html
    assert "is-suggested" in re.search(r'<button[^>]*value="1"[^>]*>', html).group(0)


def test_i_dont_know_shows_the_answer_without_a_verdict_on_text(learner_client, card):
    html = check(learner_client, card, "", reveal="on").content.decode()
    assert "Not typed." in html and "King Sejong Institute" in html


def test_checking_writes_nothing(learner_client, card):
    before = snapshot()
    check(learner_client, card, "King Sejong Institute")
    assert snapshot() == before


def test_the_learner_still_rates_and_the_deck_stays_in_type_mode(learner_client, learner, card):
    response = learner_client.post(RATE + "?mode=type", {"fact": card.pk, "rating": 3, "reps": 0}, **HTMX)
    assert Review.objects.get().rating == 3 and MemoryState.objects.get(learner=learner).reps == 1
    assert "recall and flip instead" in response.content.decode()


def test_with_htmx_the_check_returns_the_deck_alone(learner_client, card):
    response = learner_client.get(PAGE, {"mode": "type", "card": card.pk, "text": "King Sejong"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="deck"') and "<html" not in html


def test_an_overlong_answer_is_refused_with_a_message(learner_client, card):
    response = check(learner_client, card, "x" * 201)
    assert response.status_code == 400 and "Keep the answer under 200 characters." in response.content.decode()
    assert "King Sejong Institute" not in response.content.decode()


def test_a_check_of_another_card_shows_the_current_card_unanswered(learner_client, card):
    other = FactFactory()
    html = check(learner_client, other, other.answer).content.decode()
    assert "Correct." not in html and 'name="text"' in html


def test_a_card_whose_answer_is_not_typed_is_flipped_as_usual(learner_client):
    FactFactory(kind="phrase", category=None, answer="a shared past", statement="They share a shared past.")
    html = learner_client.get(TYPE).content.decode()
    assert "this answer is not one to type" in html and "Show answer" in html and 'name="text"' not in html


def test_the_check_costs_a_fixed_number_of_queries(learner_client, card):
    small = count_queries(lambda: check(learner_client, card, "King Sejong"))
    for _ in range(40):
        FactFactory(shuffle_key=0.5)  # the same category as the card: its rivals grow
    assert count_queries(lambda: check(learner_client, card, "King Sejong")) == small
