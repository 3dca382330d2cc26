"""The progress page: the whole page for a browser, the panel alone for htmx, login required."""

import pytest
from django.urls import reverse
from django.utils import timezone

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
    assert "Overall mastery" in html


def test_an_htmx_request_gets_the_panel_alone(learner_client):
    response = learner_client.get(URL, headers={"HX-Request": "true"})
    html = response.content.decode().strip()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.startswith('<div id="progress-panel"')
    assert "HX-Request" in response["Vary"]


def test_a_bar_gives_its_value_as_text_and_to_screen_readers(learner_client, learner):
    MemoryStateFactory(learner=learner, fact=FactFactory(countries=[CountryFactory(slug="kazakhstan")]), stability=10.5)
    FactFactory(countries=[CountryFactory(slug="kazakhstan")])
    html = learner_client.get(URL).content.decode()
    assert "25% · 1/2 facts" in html
    assert 'aria-label="Kazakhstan mastery"' in html
    assert 'aria-valuenow="25"' in html


def test_heatmap_cells_show_mastery_and_counts_or_a_dash_without_facts(learner_client, learner):
    kazakhstan = CountryFactory(slug="kazakhstan", position=1)
    CountryFactory(slug="uzbekistan", position=2)
    MemoryStateFactory(
        learner=learner, fact=FactFactory(countries=[kazakhstan], themes=[ThemeFactory(slug="hallyu")]), stability=21
    )
    html = learner_client.get(URL).content.decode()
    assert '<td class="heat" style="--m: 1.000">100% · 1/1 facts</td>' in html
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
