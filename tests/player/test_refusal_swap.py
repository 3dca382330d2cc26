"""Refused answers render in place with DEBUG on as with it off (issue 17).

With DEBUG on, django-htmx's script replaces the whole page with any 400/403/404/500 htmx response. The
app's own refusals carry X-Swap-In-Place, and static/js/site.js keeps that handler away from them; the
browser test (tests/browser/test_learners.py) checks the swap itself in both modes.
"""

import pytest
from django.urls import reverse

from quiz.views.http import SWAP_IN_PLACE
from tests.conftest import HTMX
from tests.player.conftest import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[True, False], ids=["debug", "production"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def test_every_page_loads_the_script_that_keeps_refusals_in_place(learner_client, attempt, debug):
    html = learner_client.get(reverse("quiz:question", args=[attempt.pk, 1])).content.decode()
    assert "js/site.js" in html
    # The debug handler is there only with DEBUG on: the reason site.js exists.
    assert ("django-htmx.js" in html) is debug


def test_an_untouched_timeline_is_refused_with_a_fragment_marked_to_swap_in_place(learner_client, attempt, debug):
    learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 0, "option": 2})
    before = snapshot(attempt)
    response = learner_client.post(
        reverse("quiz:answer", args=[attempt.pk]), {"step": 1, "order": [0, 1, 2, 3]}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 400 and response[SWAP_IN_PLACE] == "true"
    assert "<html" not in html and 'class="form-errors"' in html
    assert snapshot(attempt) == before


def test_a_conflict_is_a_fragment_marked_to_swap_in_place(learner_client, attempt, debug):
    response = learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 5, "option": 2}, **HTMX)
    assert response.status_code == 409 and response[SWAP_IN_PLACE] == "true"


def test_a_refusal_without_htmx_is_the_whole_page_unmarked(learner_client, attempt, debug):
    response = learner_client.post(reverse("quiz:answer", args=[attempt.pk]), {"step": 5, "option": 2})
    assert response.status_code == 409 and SWAP_IN_PLACE not in response and "<html" in response.content.decode()


def test_a_missing_attempt_is_not_marked_so_the_debug_page_still_shows(learner_client, debug):
    response = learner_client.post(reverse("quiz:answer", args=[999999]), {"step": 0, "option": 2}, **HTMX)
    assert response.status_code == 404 and SWAP_IN_PLACE not in response
