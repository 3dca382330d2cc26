"""Starting a round: the topic picker, FSRS's order (due first, then new), facts that make both questions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from content.models import Fact
from quiz import learn_rounds
from quiz.models import ROUND_SIZE_MAX, LearnRound
from quiz.scheduling import Rating, review_facts
from tests.factories import CountryFactory, FactFactory
from tests.html import assert_valid_html
from tests.learn.conftest import NAMES, START, scholars, start

pytestmark = pytest.mark.django_db


def test_the_topic_picker_lists_countries_and_themes(learner_client, bank):
    response = learner_client.get(START)
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert "Kazakhstan" in page and "Education" in page and "Start a round" in page


def test_starting_a_round_redirects_to_its_first_step(learner_client, bank):
    response = learner_client.post(START, {})
    round_ = LearnRound.objects.get()
    assert response.status_code == 303 and response["Location"] == reverse("quiz:learn-round", args=[round_.pk])


def test_a_round_holds_at_most_ten_facts(learner_client, bank):
    assert len(bank) > ROUND_SIZE_MAX
    round_ = start(learner_client)
    assert round_.item_count == ROUND_SIZE_MAX == round_.items.count()


def test_due_facts_come_before_new_ones(learner_client, learner, bank):
    due = bank[-3:]
    review_facts(
        learner=learner,
        ratings={fact.pk: Rating.Good for fact in due},
        now=timezone.now() - datetime.timedelta(days=30),
    )
    round_ = start(learner_client)
    first = list(round_.items.order_by("position").values_list("fact_id", flat=True)[:3])
    assert set(first) == {fact.pk for fact in due}


def test_facts_not_due_yet_are_left_out(learner_client, learner, bank):
    review_facts(learner=learner, ratings={bank[0].pk: Rating.Easy}, now=timezone.now())
    round_ = start(learner_client)
    assert bank[0].pk not in round_.items.values_list("fact_id", flat=True)


def test_only_facts_that_can_be_typed_and_asked_as_multiple_choice_are_chosen(learner_client, bank):
    listed = FactFactory(kind=Fact.Kind.PERSON, category=bank[0].category, answer="Ali Valiev", multiple_choice=False)
    phrase = FactFactory(kind=Fact.Kind.PHRASE, answer="working together", statement="It means working together.")
    round_ = start(learner_client)
    chosen = set(round_.items.values_list("fact_id", flat=True))
    assert chosen and listed.pk not in chosen and phrase.pk not in chosen


def test_the_round_keeps_to_the_chosen_country(learner_client, bank):
    elsewhere = CountryFactory(slug="uzbekistan")
    uzbek = scholars(["Ulugbek Tursunov", "Dilnoza Alimova", "Sherzod Kasimov", "Feruza Azimova"], country=elsewhere)
    round_ = start(learner_client, countries=[elsewhere.pk])
    assert set(round_.items.values_list("fact_id", flat=True)) == {fact.pk for fact in uzbek}
    assert list(round_.countries.all()) == [elsewhere]


def test_a_topic_with_nothing_to_learn_is_refused_with_the_reason(learner_client, bank):
    empty = CountryFactory(slug="turkmenistan")
    response = learner_client.post(START, {"countries": [empty.pk]})
    assert response.status_code == 400
    assert "Nothing in this topic is due or new" in response.content.decode()
    assert not LearnRound.objects.exists()


def test_each_fact_gets_its_questions_frozen(learner, bank):
    round_ = learn_rounds.start_round(learner=learner, countries=[], themes=[], now=timezone.now(), seed=1)
    item = round_.items.order_by("position").first()
    assert len(item.options) == 4 and item.options[item.key[0]] == item.fact.answer
    assert item.typed_key["answer"] == item.fact.answer
    assert set(item.typed_key["rivals"]) <= set(NAMES) - {item.fact.answer}


def test_open_rounds_are_offered_to_carry_on(learner_client, bank):
    round_ = start(learner_client)
    page = learner_client.get(START).content.decode()
    assert reverse("quiz:learn-round", args=[round_.pk]) in page and "Carry on" in page
