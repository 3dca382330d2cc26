"""Timeline questions: ordered by buttons (with or without JavaScript), confirmed when untouched, partly scored."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse

from quiz.forms import answer_form
from quiz.models import Answer, MemoryState
from tests.conftest import HTMX
from tests.factories import QuestionFactory
from tests.player.conftest import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_timeline(learner_client, attempt):
    """The attempt with its first (choice) question answered: the timeline is current."""
    learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 0, "option": 2})
    return attempt


def timeline_url(attempt, **query):
    return reverse("quiz:question", args=[attempt.pk, 2])


def shown_labels(html: str) -> list[str]:
    import re

    return re.findall(r'<span class="timeline-label">([^<]+)</span>', html)


def test_items_are_shown_in_the_stored_order_with_move_buttons_named_for_them(learner_client, on_timeline):
    html = learner_client.get(timeline_url(on_timeline)).content.decode()
    assert shown_labels(html) == ["Event C", "Event A", "Event D", "Event B"]
    assert 'Move up<span class="visually-hidden">: Event A</span>' in html
    assert 'aria-live="assertive"' in html and 'draggable="true"' in html


def test_moving_an_item_without_javascript_redraws_the_order_and_writes_nothing(learner_client, on_timeline):
    before = snapshot(on_timeline)
    response = learner_client.get(timeline_url(on_timeline), {"order": [0, 1, 2, 3], "move": "1:up"})
    assert shown_labels(response.content.decode()) == ["Event A", "Event C", "Event D", "Event B"]
    assert snapshot(on_timeline) == before


def test_moving_the_last_item_down_keeps_the_order(learner_client, on_timeline):
    response = learner_client.get(timeline_url(on_timeline), {"order": [2, 0, 1, 3], "move": "3:down"})
    assert shown_labels(response.content.decode()) == ["Event D", "Event C", "Event A", "Event B"]


@pytest.mark.parametrize(
    "query", [{"order": [0, 0, 1, 2], "move": "1:up"}, {"order": ["x"], "move": "1:up"}, {"move": "nonsense"}]
)
def test_a_tampered_reorder_request_falls_back_to_the_stored_order(learner_client, on_timeline, query):
    response = learner_client.get(timeline_url(on_timeline), query)
    assert response.status_code == 200
    assert shown_labels(response.content.decode()) == ["Event C", "Event A", "Event D", "Event B"]


def test_an_untouched_timeline_must_be_confirmed(learner_client, on_timeline):
    before = snapshot(on_timeline)
    response = learner_client.post(
        reverse("quiz:answer", args=[on_timeline.pk]), {"step": 1, "order": [0, 1, 2, 3]}, **HTMX
    )
    assert response.status_code == 400 and "You have not moved any event" in response.content.decode()
    assert snapshot(on_timeline) == before


def test_a_confirmed_untouched_timeline_is_graded(learner_client, on_timeline):
    learner_client.post(
        reverse("quiz:answer", args=[on_timeline.pk]), {"step": 1, "order": [0, 1, 2, 3], "confirm_order": "on"}
    )
    answer = Answer.objects.get(question__position=1)
    assert answer.score == 0.5 and not answer.is_correct


def test_the_true_order_scores_one_and_every_event_is_a_good_review(learner_client, on_timeline):
    learner_client.post(reverse("quiz:answer", args=[on_timeline.pk]), {"step": 1, "order": [1, 3, 0, 2]})
    answer = Answer.objects.get(question__position=1)
    assert answer.score == 1.0 and answer.is_correct
    timeline = on_timeline.quiz.questions.get(position=1)
    assert MemoryState.objects.filter(fact_id__in=timeline.fact_ids).count() == 4


def test_the_reverse_order_scores_zero(learner_client, on_timeline):
    learner_client.post(reverse("quiz:answer", args=[on_timeline.pk]), {"step": 1, "order": [2, 0, 3, 1]})
    assert Answer.objects.get(question__position=1).score == 0.0


def test_feedback_shows_both_orders_with_dates(learner_client, on_timeline):
    response = learner_client.post(
        reverse("quiz:answer", args=[on_timeline.pk]), {"step": 1, "order": [1, 0, 3, 2]}, **HTMX
    )
    html = response.content.decode()
    # The score in plain words, each event marked in place or not with where it belongs, the facts as facts.
    assert "2 of 4 events in the right place; 5 of 6 pairs in order" in html
    assert html.count('class="is-in-place"') == 2 and html.count('class="is-misplaced"') == 2
    assert "misplaced: belongs at 3" in html
    assert 'Event A <span class="muted">(1991)</span>' in html
    assert "<h3>The facts</h3>" in html


def test_the_timeline_forms_refusals_carry_codes():
    question = QuestionFactory.build(timeline=True)
    repeated = answer_form(question, {"step": 1, "order": [0, 0, 1, 2]})
    untouched = answer_form(question, {"step": 1, "order": [0, 1, 2, 3]})
    assert not repeated.is_valid() and repeated.has_error("order", "order_not_a_permutation")
    assert not untouched.is_valid() and untouched.has_error(NON_FIELD_ERRORS, "order_unchanged")
