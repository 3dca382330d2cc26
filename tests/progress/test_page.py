"""The progress page: the whole page for a browser, the panel alone for htmx, login required."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.models import Level
from tests.factories import (
    AttemptFactory,
    CountryFactory,
    FactFactory,
    MemoryStateFactory,
    QuizFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("quiz:progress")


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_renders_for_a_logged_in_learner(learner_client, learner):
    MemoryStateFactory(learner=learner, fact=FactFactory(), stability=10.5)
    response = learner_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert 'id="progress-panel"' in html
    assert 'hx-trigger="progress-changed from:body"' in html
    assert "Where you stand" in html


def test_an_htmx_request_gets_the_panel_alone(learner_client):
    response = learner_client.get(URL, headers={"HX-Request": "true"})
    html = response.content.decode().strip()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.startswith('<div id="progress-panel"')
    assert "HX-Request" in response["Vary"]


def test_a_topic_gives_its_levels_and_recall_as_text_and_to_screen_readers(learner_client, learner):
    MemoryStateFactory(learner=learner, fact=FactFactory(countries=[CountryFactory(slug="kazakhstan")]), stability=10.5)
    FactFactory(countries=[CountryFactory(slug="kazakhstan")])
    html = learner_client.get(URL).content.decode()
    assert "recall 100% · 1 of 2 met" in html
    assert (
        'aria-label="Kazakhstan: 0 mastered, 1 familiar, 0 learning, 1 new (of 2); expected recall today 100%"' in html
    )


def test_the_page_says_what_each_level_means_in_one_sentence(learner_client):
    html = learner_client.get(URL).content.decode()
    for level in Level:
        assert f"<dd>{level.rule}</dd>" in html


def test_a_correct_answer_today_never_shows_zero(learner_client, learner):
    # One Good rating on a new card: FSRS's Learning state with a stability under a day.
    MemoryStateFactory(learner=learner, fact=FactFactory(), state=1, stability=2.3)
    FactFactory.create_batch(20)
    html = learner_client.get(URL).content.decode()
    assert "<strong>100%</strong>" in html and "1 learning" in html
    assert not re.search(r"(?<!\d)0%", html)


def test_heatmap_cells_show_their_level_and_counts_or_a_dash_without_facts(learner_client, learner):
    kazakhstan = CountryFactory(slug="kazakhstan", position=1)
    CountryFactory(slug="uzbekistan", position=2)
    MemoryStateFactory(
        learner=learner, fact=FactFactory(countries=[kazakhstan], themes=[ThemeFactory(slug="hallyu")]), stability=21
    )
    html = learner_client.get(URL).content.decode()
    assert '<td class="heat heat-mastered" data-theme="' in html
    assert '<span aria-hidden="true">1/1</span><span class="visually-hidden">Mastered: 1 mastered, 0 familiar' in html
    assert '<th scope="row">Uzbekistan</th>' in html
    assert "—" in html
    assert "<caption" in html


def test_recent_attempts_link_to_review_when_closed_and_to_the_attempt_while_open(learner_client, learner):
    finished = AttemptFactory(quiz=QuizFactory(owner=learner), state="finished", finished_at=timezone.now())
    open_attempt = AttemptFactory(quiz=QuizFactory(owner=learner))
    html = learner_client.get(URL).content.decode()
    assert f'href="{reverse("quiz:review", args=[finished.pk])}"' in html
    assert f'href="{reverse("quiz:attempt", args=[open_attempt.pk])}"' in html
    assert html.index(open_attempt.quiz.title) < html.index(finished.quiz.title)


def test_a_post_is_refused(learner_client):
    assert learner_client.post(URL).status_code == 405
