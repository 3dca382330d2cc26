"""The database holds Learn mode's invariants whatever the code does."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from quiz.models import LearnRound
from tests.factories import LearnAnswerFactory, LearnItemFactory, LearnRoundFactory

pytestmark = pytest.mark.django_db


def refused(**kwargs) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        kwargs.pop("factory")(**kwargs)


def test_a_round_holds_one_to_ten_facts():
    refused(factory=LearnRoundFactory, item_count=11)
    refused(factory=LearnRoundFactory, item_count=0, next_queue=0)


def test_a_round_cannot_finish_before_every_fact_is_done():
    refused(factory=LearnRoundFactory, item_count=2, done_count=1, finished_at=timezone.now())


def test_a_round_with_every_fact_done_is_finished():
    refused(factory=LearnRoundFactory, item_count=2, done_count=2)


def test_a_fact_is_once_in_a_round():
    item = LearnItemFactory()
    refused(factory=LearnItemFactory, round=item.round, fact=item.fact, position=1, queue=1)


def test_two_items_never_share_a_place_in_the_queue():
    item = LearnItemFactory()
    refused(factory=LearnItemFactory, round=item.round, position=1, queue=item.queue)


def test_a_fact_is_typed_only_once_recognised_and_done_only_once_typed():
    refused(factory=LearnItemFactory, stage="typed", tries=0)
    refused(factory=LearnItemFactory, stage="done", tries=1)


def test_one_answer_per_turn_of_a_round():
    answer = LearnAnswerFactory()
    refused(factory=LearnAnswerFactory, item=answer.item, turn=answer.turn)


def test_only_a_wrong_typed_answer_can_be_overridden():
    refused(factory=LearnAnswerFactory, overridden=True)
    refused(factory=LearnAnswerFactory, stage="typed", option=None, given="x", correct=True, overridden=True)


def test_a_typed_answer_is_at_most_200_characters():
    refused(factory=LearnAnswerFactory, stage="typed", option=None, given="x" * 201, correct=False)


def test_the_round_factory_makes_a_valid_open_round():
    assert not LearnRoundFactory().is_finished and LearnRound.objects.count() == 1
