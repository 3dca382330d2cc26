"""Rating a card: FSRS schedules it, the rating is logged, bad or stale ratings are refused with nothing written."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.models import MemoryState, Review
from tests.conftest import HTMX
from tests.factories import (
    AttemptFactory,
    CountryFactory,
    FactFactory,
    MemoryStateFactory,
    QuestionFactory,
    QuizFactory,
    UserFactory,
)
from tests.flashcards.conftest import PAGE, RATE, snapshot
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db
AGAIN, GOOD = 1, 3


def in_review(learner, fact, *, days_ago=10):
    """A card learned a while ago and due now, in the Review state (intervals in days)."""
    last = timezone.now() - datetime.timedelta(days=days_ago)
    return MemoryStateFactory(learner=learner, fact=fact, stability=days_ago, last_review=last, due=timezone.now())


def test_a_rating_reviews_the_facts_memory_and_logs_it(learner_client, learner):
    fact = FactFactory()
    learner_client.post(RATE, {"fact": fact.pk, "rating": GOOD, "reps": 0})
    state = MemoryState.objects.get(learner=learner, fact=fact)
    review = Review.objects.get()
    assert state.reps == 1
    assert (review.learner, review.fact, review.rating, review.due_after) == (learner, fact, GOOD, state.due)


def test_good_moves_the_due_date_out_and_again_brings_it_back(learner_client, learner):
    good_card, again_card = in_review(learner, FactFactory()), in_review(learner, FactFactory())
    before = timezone.now()
    learner_client.post(RATE, {"fact": good_card.fact_id, "rating": GOOD, "reps": 1})
    learner_client.post(RATE, {"fact": again_card.fact_id, "rating": AGAIN, "reps": 1})
    good_card.refresh_from_db()
    again_card.refresh_from_db()
    assert good_card.due - before > datetime.timedelta(days=10)
    assert again_card.due - before <= datetime.timedelta(minutes=11)
    assert again_card.lapses == 1 and good_card.lapses == 0


def test_a_quiz_answer_and_a_flashcard_rating_share_one_memory_state(learner_client, learner):
    quiz = QuizFactory(owner=learner)
    question = QuestionFactory(quiz=quiz)
    attempt = AttemptFactory(quiz=quiz)
    fact_id = question.fact_ids[0]
    learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 0, "option": 2})
    html = learner_client.get(PAGE).content.decode()
    assert "<strong>0</strong> new" in html  # met in the quiz, so no longer new
    response = learner_client.post(RATE, {"fact": fact_id, "rating": GOOD, "reps": 1})
    assert response.status_code == 303
    assert MemoryState.objects.filter(learner=learner, fact_id=fact_id).get().reps == 2


def test_without_javascript_a_rating_redirects_to_the_page_with_the_same_selection(learner_client):
    country = CountryFactory(slug="kyrgyzstan")
    fact = FactFactory(countries=[country])
    query = f"countries={country.pk}"
    response = learner_client.post(f"{RATE}?{query}", {"fact": fact.pk, "rating": GOOD, "reps": 0})
    assert response.status_code == 303 and response["Location"] == f"{PAGE}?{query}"


def test_with_htmx_a_rating_returns_the_deck_with_the_next_card_and_fires_progress_changed(learner_client):
    rated = FactFactory(question="First?", shuffle_key=0.1)
    FactFactory(question="Second?", shuffle_key=0.2)
    response = learner_client.post(RATE, {"fact": rated.pk, "rating": GOOD, "reps": 0}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and html.lstrip().startswith('<div id="deck"')
    assert "Second?" in html and "<strong>1</strong> in learning" in html and "<strong>1</strong> new" in html
    assert "progress-changed" in response["HX-Trigger"]
    assert_valid_html(html, fragment=True)


def test_a_second_rating_of_the_same_showing_is_a_409_and_writes_nothing(learner_client):
    fact = FactFactory()
    learner_client.post(RATE, {"fact": fact.pk, "rating": GOOD, "reps": 0})
    before = snapshot()
    response = learner_client.post(RATE, {"fact": fact.pk, "rating": AGAIN, "reps": 0})
    assert response.status_code == 409
    assert "already rated" in response.content.decode()
    assert snapshot() == before


def test_a_stale_rating_over_htmx_gets_the_message_in_place_of_the_deck(learner_client):
    fact = FactFactory()
    learner_client.post(RATE, {"fact": fact.pk, "rating": GOOD, "reps": 0})
    response = learner_client.post(RATE, {"fact": fact.pk, "rating": GOOD, "reps": 0}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 409 and "<html" not in html
    assert 'id="deck"' in html and "already rated" in html and 'role="alert"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rating": 5, "reps": 0}, "Rate the card Again, Hard, Good or Easy."),
        ({"rating": "good", "reps": 0}, "Rate the card Again, Hard, Good or Easy."),
        ({"rating": GOOD}, "The rating form is incomplete"),
        ({"rating": GOOD, "reps": -1}, "The rating form is incomplete"),
        ({"rating": GOOD, "reps": "x"}, "The rating form is incomplete"),
    ],
)
def test_a_malformed_rating_is_a_400_and_writes_nothing(learner_client, data, message):
    fact = FactFactory()
    before = snapshot()
    response = learner_client.post(RATE, {"fact": fact.pk, **data})
    assert response.status_code == 400
    assert snapshot() == before
    assert message in response.content.decode()


@pytest.mark.parametrize("fact_id", ["999999", "abc", ""])
def test_an_unknown_card_is_a_400_and_writes_nothing(learner_client, fact_id):
    before = snapshot()
    response = learner_client.post(RATE, {"fact": fact_id, "rating": GOOD, "reps": 0})
    assert response.status_code == 400
    assert snapshot() == before


def test_a_retired_card_is_a_400_and_writes_nothing(learner_client):
    fact = FactFactory(is_active=False)
    response = learner_client.post(RATE, {"fact": fact.pk, "rating": GOOD, "reps": 0})
    assert response.status_code == 400
    assert "retired" in response.content.decode()
    assert snapshot() == ([], [])


def test_an_invalid_topic_selection_on_a_rating_is_a_400_and_writes_nothing(learner_client):
    fact = FactFactory()
    response = learner_client.post(f"{RATE}?countries=999999", {"fact": fact.pk, "rating": GOOD, "reps": 0})
    assert response.status_code == 400
    assert snapshot() == ([], [])


def test_a_refused_rating_without_javascript_is_a_full_page(learner_client):
    response = learner_client.post(RATE, {"fact": "999999", "rating": GOOD, "reps": 0})
    html = response.content.decode()
    assert "<html" in html and "That rating was not recorded" in html
    assert_valid_html(html)


def test_a_rating_leaves_other_learners_memory_alone(learner_client, learner):
    fact = FactFactory()
    other = in_review(UserFactory(), fact)
    before = MemoryState.objects.filter(pk=other.pk).values().get()
    learner_client.post(RATE, {"fact": fact.pk, "rating": AGAIN, "reps": 0})
    assert MemoryState.objects.filter(pk=other.pk).values().get() == before
    assert MemoryState.objects.get(learner=learner).reps == 1


def test_anonymous_ratings_are_sent_to_log_in_and_write_nothing(client):
    fact = FactFactory()
    response = client.post(RATE, {"fact": fact.pk, "rating": GOOD, "reps": 0})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert snapshot() == ([], [])


def test_the_rating_endpoint_only_accepts_post(learner_client):
    assert learner_client.get(RATE).status_code == 405


def test_after_the_last_card_the_deck_says_when_the_next_one_is_due(learner_client):
    fact = FactFactory()
    response = learner_client.post(RATE, {"fact": fact.pk, "rating": GOOD, "reps": 0}, **HTMX)
    html = response.content.decode()
    assert "Nothing left to study right now" in html and "The next card is due in" in html
    assert "<strong>0</strong> due today" in html and "<strong>1</strong> in learning" in html
    assert "<strong>0</strong> new" in html
    assert_valid_html(html, fragment=True)
