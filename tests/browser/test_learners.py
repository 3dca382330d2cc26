"""Issue 17's learner journeys in Chromium: refusals swapped in place in both modes, a quiz with mistakes
that leads to practising the missed facts and a changed progress page; screenshots at 1280 and 390 px."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from quiz import attempts
from tests.browser import steps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
def test_an_untouched_timeline_is_refused_in_place_with_debug_on_and_off(page: Page, bank, audit, settings, debug):
    # The live server reads the same settings object: with DEBUG on, {% htmx_script %} adds django-htmx's
    # debug error handler, which would replace the whole page with the 400 fragment.
    settings.DEBUG = debug
    learner = get_user_model().objects.create_user(username="dana", password=steps.PASSWORD)
    attempt = attempts.start_practice(learner=learner, countries=[], themes=[], question_types=["timeline"], count=1)
    steps.log_in(page, "dana", steps.PASSWORD)
    page.goto(f"/attempts/{attempt.pk}/questions/1/")
    assert (page.locator("script[src*='django-htmx.js']").count() == 1) is debug
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator("#answer-errors")).to_be_visible()
    expect(page.locator(".site-header")).to_be_visible()
    expect(page.locator("#attempt-panel")).to_be_visible()
    assert page.evaluate("window.__sameDocument === true"), "the refusal reloaded or replaced the page"
    assert page.evaluate("document.querySelectorAll('html').length") == 1
    audit(page, "refused timeline")
    audit.assert_clean()
