"""Finishing with care (issue 17): unanswered questions need a confirmation, which never changes data on GET."""

import pytest
from django.urls import reverse

from quiz.models import Attempt
from tests.conftest import HTMX
from tests.html import assert_valid_html
from tests.player.conftest import snapshot

pytestmark = pytest.mark.django_db


def finish_url(attempt):
    return reverse("quiz:finish", args=[attempt.pk])


def test_a_post_without_confirmation_finishes_nothing_and_asks(learner_client, attempt):
    before = snapshot(attempt)
    response = learner_client.post(finish_url(attempt))
    assert response.status_code == 303 and response["Location"] == finish_url(attempt)
    assert snapshot(attempt) == before


def test_with_htmx_the_unconfirmed_post_sends_the_browser_to_the_confirmation(learner_client, attempt):
    response = learner_client.post(finish_url(attempt), **HTMX)
    assert response["HX-Redirect"] == finish_url(attempt)
    assert snapshot(attempt)[0] == "in_progress"


def test_the_confirmation_page_says_what_is_lost_and_changes_nothing(learner_client, attempt):
    before = snapshot(attempt)
    response = learner_client.get(finish_url(attempt))
    html = response.content.decode()
    assert_valid_html(response)
    assert "Finish with 3 questions unanswered?" in html
    assert 'name="confirm" value="yes"' in html and "Keep answering" in html
    assert snapshot(attempt) == before


def test_a_confirmed_post_finishes(learner_client, attempt):
    response = learner_client.post(finish_url(attempt), {"confirm": "yes"})
    assert response["Location"] == reverse("quiz:review", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED


def test_a_complete_attempt_finishes_without_asking(learner_client, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(step=3)
    response = learner_client.post(finish_url(attempt))
    assert response["Location"] == reverse("quiz:review", args=[attempt.pk])


def test_the_question_page_offers_finishing_early_as_a_link_and_a_dialog_away_from_check_answer(
    learner_client, attempt
):
    response = learner_client.get(reverse("quiz:question", args=[attempt.pk, 1]))
    html = response.content.decode()
    assert_valid_html(response)
    assert f'href="{finish_url(attempt)}" data-opens-dialog="finish-dialog"' in html
    assert '<dialog id="finish-dialog"' in html
    # The dialog is filled when opened: the question page does not carry the confirmation's form.
    assert 'name="confirm"' not in html
    # Not a form button next to "Check answer": the only finishing POST on the page is inside the dialog.
    assert html.index("Check answer") < html.index('class="panel-finish"') < html.index("<dialog")


def test_the_confirmation_of_a_closed_or_complete_attempt_goes_to_where_it_stands(learner_client, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(step=3)
    response = learner_client.get(finish_url(attempt))
    assert response.status_code == 302 and response["Location"] == reverse("quiz:attempt", args=[attempt.pk])


def test_the_dialog_loads_the_confirmation_alone_with_htmx(learner_client, attempt):
    before = snapshot(attempt)
    response = learner_client.get(finish_url(attempt), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    assert "<html" not in html and '<h2 id="confirm-heading">Finish with 3 questions unanswered?</h2>' in html
    assert 'name="confirm" value="yes"' in html and "Keep answering" in html
    assert snapshot(attempt) == before


def test_a_dialog_opened_on_a_stale_page_sends_the_browser_to_where_the_attempt_stands(learner_client, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(step=3)
    response = learner_client.get(finish_url(attempt), **HTMX)
    assert response["HX-Redirect"] == reverse("quiz:attempt", args=[attempt.pk])
