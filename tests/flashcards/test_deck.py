"""The deck: counts of due, new and learned cards, and which card comes next."""

import datetime

import fsrs
import pytest

from quiz.flashcards import deck, deck_counts, end_of_day, next_card
from quiz.generator import BLANK
from quiz.scheduling import rate_flashcard
from tests.factories import CountryFactory, FactFactory, MemoryStateFactory, UserFactory
from tests.flashcards.conftest import NOW

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def remembered(learner, fact, *, due, state=2):
    """A memory state of `fact` due at `due` (in the Review state unless told)."""
    return MemoryStateFactory(learner=learner, fact=fact, state=state, due=due, last_review=NOW - 3 * DAY)


def counts(learner, chosen=None):
    return deck_counts(learner=learner, deck=deck() if chosen is None else chosen, now=NOW)


def test_due_today_means_due_before_the_learners_midnight():
    assert end_of_day(NOW) == datetime.datetime(2025, 3, 11, tzinfo=datetime.UTC)


def test_cards_due_before_midnight_are_due_never_reviewed_are_new_and_the_rest_learned(learner):
    remembered(learner, FactFactory(), due=NOW - 2 * DAY)  # overdue
    remembered(learner, FactFactory(), due=NOW + datetime.timedelta(hours=6))  # later today
    remembered(learner, FactFactory(), due=NOW + 2 * DAY)  # learned
    FactFactory.create_batch(2)  # new
    figures = counts(learner)
    assert (figures.due, figures.new, figures.learned, figures.total) == (2, 2, 1, 5)


def test_the_counts_default_to_the_whole_active_bank(learner):
    FactFactory.create_batch(2)
    FactFactory(is_active=False)
    assert deck_counts(learner=learner, now=NOW).new == 2


def test_retired_facts_are_not_in_the_deck(learner):
    remembered(learner, FactFactory(is_active=False), due=NOW - DAY)
    FactFactory(is_active=False)
    figures = counts(learner)
    assert (figures.due, figures.new, figures.learned) == (0, 0, 0)


def test_another_learners_memory_does_not_count(learner):
    fact = FactFactory()
    remembered(UserFactory(), fact, due=NOW - DAY)
    figures = counts(learner)
    assert (figures.due, figures.new, figures.learned) == (0, 1, 0)


def test_the_deck_is_the_topic_selection(learner):
    kazakhstan, uzbekistan = CountryFactory(slug="kazakhstan"), CountryFactory(slug="uzbekistan")
    FactFactory.create_batch(2, countries=[kazakhstan])
    FactFactory(countries=[uzbekistan])
    assert counts(learner, deck(countries=[uzbekistan])).new == 1
    assert counts(learner, deck()).new == 3


def test_the_most_overdue_card_comes_first(learner):
    remembered(learner, FactFactory(), due=NOW - DAY)
    oldest = remembered(learner, FactFactory(), due=NOW - 5 * DAY)
    FactFactory()
    assert next_card(learner=learner, deck=deck(), now=NOW).fact_id == oldest.fact_id


def test_due_cards_come_before_new_ones(learner):
    FactFactory()
    due = remembered(learner, FactFactory(), due=NOW + datetime.timedelta(hours=3))
    card = next_card(learner=learner, deck=deck(), now=NOW)
    assert card.fact_id == due.fact_id and card.reps == 1 and not card.is_new


def test_new_cards_come_in_a_stable_order(learner):
    later = FactFactory(shuffle_key=0.9)
    first = FactFactory(shuffle_key=0.1)
    assert next_card(learner=learner, deck=deck(), now=NOW).fact_id == first.pk
    assert next_card(learner=learner, deck=deck(), now=NOW).fact_id != later.pk


def test_a_card_in_a_learning_step_waits_for_its_due_time(learner):
    """A new card rated Good is due again in 10 minutes: it must not come straight back."""
    remembered(learner, FactFactory(), due=NOW + datetime.timedelta(minutes=10), state=1)
    new = FactFactory()
    assert next_card(learner=learner, deck=deck(), now=NOW).fact_id == new.pk


def test_a_done_deck_has_no_card_and_says_when_the_next_one_is_due(learner):
    soon = NOW + datetime.timedelta(minutes=10)
    remembered(learner, FactFactory(), due=soon, state=1)
    remembered(learner, FactFactory(), due=NOW + 3 * DAY)
    assert next_card(learner=learner, deck=deck(), now=NOW) is None
    assert counts(learner).next_due == soon


def test_the_front_is_the_explicit_question_when_there_is_one(learner):
    FactFactory(question="Which institute opened first?")
    assert next_card(learner=learner, deck=deck(), now=NOW).front == "Which institute opened first?"


def test_otherwise_the_front_is_the_statement_with_the_answer_blanked(learner):
    FactFactory(answer="King Sejong Institute", statement="The King Sejong Institute teaches Korean.")
    card = next_card(learner=learner, deck=deck(), now=NOW)
    assert card.front == f"The {BLANK} teaches Korean."
    assert card.answer == "King Sejong Institute"


def test_a_statement_that_gives_the_year_away_asks_for_the_event_instead(learner):
    FactFactory(
        kind="date",
        event="Relations are established",
        event_date=datetime.date(1992, 1, 28),
        date_precision="day",
        answer="28 January 1992",
        statement="Relations were established on 28 January 1992, early in 1992.",
    )
    assert next_card(learner=learner, deck=deck(), now=NOW).front == "When? Relations are established."


def test_the_back_carries_the_statement_and_its_citations(learner):
    fact = FactFactory()
    card = next_card(learner=learner, deck=deck(), now=NOW)
    citation = fact.citations.get()
    assert card.statement == fact.statement
    assert [(ref.source, ref.locator, ref.quote) for ref in card.citations] == [
        (citation.source.short_name, citation.locator, citation.quote)
    ]


def test_a_new_card_shows_the_learning_steps_each_rating_would_give(learner):
    FactFactory()
    card = next_card(learner=learner, deck=deck(), now=NOW)
    assert [(preview.label, preview.interval) for preview in card.previews] == [
        ("Again", "1 min"),
        ("Hard", "6 min"),
        ("Good", "10 min"),
        ("Easy", "8 days"),
    ]


def test_a_card_in_review_shows_days_for_each_rating_but_again(learner):
    remembered(learner, FactFactory(), due=NOW)
    card = next_card(learner=learner, deck=deck(), now=NOW)
    previews = {preview.label: preview.interval for preview in card.previews}
    assert previews["Again"].endswith("min")
    assert all(previews[label].endswith("days") for label in ("Hard", "Good", "Easy"))


def test_a_card_waiting_in_a_learning_step_counts_as_learning_not_due(learner):
    remembered(learner, FactFactory(), due=NOW + datetime.timedelta(minutes=10), state=1)
    figures = counts(learner)
    assert (figures.due, figures.learning, figures.learned) == (0, 1, 0)


def test_a_learning_card_past_its_due_time_is_due(learner):
    remembered(learner, FactFactory(), due=NOW - datetime.timedelta(minutes=1), state=1)
    figures = counts(learner)
    assert (figures.due, figures.learning) == (1, 0)


def test_the_due_count_drops_when_a_due_card_is_rated_good(learner):
    fact = FactFactory()
    remembered(learner, fact, due=NOW - DAY)
    assert counts(learner).due == 1
    rate_flashcard(learner=learner, fact_id=fact.pk, rating=fsrs.Rating.Good, expected_reps=1, now=NOW)
    assert counts(learner).due == 0
