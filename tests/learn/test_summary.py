"""The end of a round: facts, answers, what was missed, and the next round one click away."""

import pytest
from django.urls import reverse

from quiz.models import LearnRound
from tests.factories import CountryFactory, ThemeFactory
from tests.html import assert_valid_html
from tests.learn.conftest import START, current, finish, post_answer, scholars, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(db):
    country, theme = CountryFactory(slug="tajikistan"), ThemeFactory(slug="diaspora")
    facts = scholars(
        ["Aigerim Bekova", "Dauren Sultanov", "Madina Yusupova", "Timur Rakhimov"], country=country, theme=theme
    )
    return country, theme, facts


def played_with_one_miss(client, country, theme) -> tuple[LearnRound, str]:
    round_ = start(client, countries=[country.pk], themes=[theme.pk])
    missed = current(round_)
    post_answer(client, round_, right=False)
    finish(client, round_)
    return round_, missed.correct_text


def test_the_summary_lists_each_fact_with_its_answers(learner_client, topic):
    round_, _ = played_with_one_miss(learner_client, *topic[:2])
    response = learner_client.get(reverse("quiz:learn-round", args=[round_.pk]))
    assert_valid_html(response)
    page = response.content.decode()
    assert "Round complete" in page and f"in {2 * round_.item_count + 1} answers" in page
    assert all(item.correct_text in page for item in round_.items.all())


def test_the_summary_says_what_was_missed(learner_client, topic):
    round_, missed = played_with_one_miss(learner_client, *topic[:2])
    page = learner_client.get(reverse("quiz:learn-round", args=[round_.pk])).content.decode()
    assert "What you missed" in page and "missed 1 time" in page
    assert page.index("What you missed") < page.rindex(missed)


def test_next_round_posts_the_same_topic_again(learner_client, topic):
    country, theme, _ = topic
    round_, _ = played_with_one_miss(learner_client, country, theme)
    page = learner_client.get(reverse("quiz:learn-round", args=[round_.pk])).content.decode()
    assert f'action="{START}"' in page and "Next round" in page
    assert f'name="countries" value="{country.pk}"' in page and f'name="themes" value="{theme.pk}"' in page


def test_the_last_verdict_leads_to_the_summary(learner_client, topic):
    round_ = start(learner_client, countries=[topic[0].pk])
    while current(round_) is not None:
        response = post_answer(learner_client, round_)
    assert "See the round’s summary" in learner_client.get(response["Location"]).content.decode()
