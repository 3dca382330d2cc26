"""Issue 17's learner journeys in Chromium: refusals swapped in place in both modes, a quiz with mistakes
that leads to practising the missed facts and a changed progress page; screenshots at 1280 and 390 px."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from quiz import attempts
from quiz.models import Attempt
from quiz.review import review_attempt
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


def level_counts(page: Page) -> str:
    page.goto("/progress/")
    return page.locator(".progress-overall .levels-bar").get_attribute("aria-label")


def answer(page: Page, question, *, right: bool) -> None:
    """Answer the question on screen (the stored `question`), rightly or not, and wait for the feedback."""
    if question.is_timeline:
        labels = [question.options[i] for i in (question.key if right else question.key[::-1])]
        # The move buttons, until the list reads `labels`; an order left as shown must be confirmed.
        moved = False
        for target, label in enumerate(labels):
            for _ in range(len(labels)):
                current = page.locator(".timeline-item").evaluate_all("els => els.map(e => e.dataset.label)")
                if current.index(label) <= target:
                    break
                page.get_by_role("button", name=steps.labelled("Move up", label)).click()
                moved = True
        if not moved:
            page.get_by_label("Keep this order").check()
    else:
        option = question.key[0] if right else (question.key[0] + 1) % len(question.options)
        page.locator(".option").nth(option).click()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".feedback")).to_be_visible()


def test_a_student_finishes_with_mistakes_practises_the_missed_facts_and_the_levels_change(
    page: Page, bank, audit, shoot_fitting
):
    learner = get_user_model().objects.create_user(username="madina", password=steps.PASSWORD)
    attempt = attempts.start_practice(
        learner=learner, countries=[], themes=[], question_types=["choice", "timeline"], count=4, seed=7
    )
    questions = list(attempt.quiz.questions.all())
    assert any(q.is_timeline for q in questions)
    steps.log_in(page, "madina", steps.PASSWORD)
    before = level_counts(page)
    assert before.startswith("All facts: 0 mastered, 0 familiar, 0 learning"), before
    page.goto(f"/attempts/{attempt.pk}/")
    for number, question in enumerate(questions, start=1):
        expect(page.locator(".question-card")).to_be_visible()
        if number == 2:
            # Finishing early asks first, in a dialog; "Keep answering" closes it and changes nothing.
            page.get_by_role("link", name="Finish early…").click()
            dialog = page.locator("#finish-dialog")
            expect(dialog).to_be_visible()
            expect(dialog).to_contain_text("Finish with 3 questions unanswered?")
            audit(page, "finish dialog")
            dialog.get_by_role("link", name="Keep answering").click()
            expect(dialog).to_be_hidden()
        answer(page, question, right=number % 2 == 1 and not question.is_timeline)
        audit(page, "feedback")
        if question.is_timeline:
            expect(page.locator(".timeline-score")).to_contain_text("events in the right place")
            shoot_fitting(page, "learners-timeline-feedback")
        if number < len(questions):
            page.get_by_role("link", name="Next question").click()
    page.get_by_role("button", name="Finish and see results").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review")
    expect(page.locator(".review-summary")).to_contain_text("How it went")
    audit(page, "review")
    shoot_fitting(page, "learners-review")
    wrong = page.get_by_role("link", name=re.compile(r"^only the \d+ not fully right"))
    wrong.click()
    expect(page.locator(".review-item.is-correct")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"only=wrong"))
    after_quiz = level_counts(page)
    assert after_quiz != before
    audit(page, "progress after the quiz")

    page.go_back()
    page.get_by_role("button", name=re.compile(r"^Practise the \d+ I missed$")).click()
    expect(page.locator(".question-card")).to_be_visible()
    practice = Attempt.objects.filter(learner=learner).exclude(pk=attempt.pk).get()
    missed = {f for row in review_attempt(attempt=attempt).rows for f in row.missed}
    asked = [f for q in practice.quiz.questions.all() for f in q.fact_ids]
    assert sorted(asked) == sorted(missed)
    for number, question in enumerate(practice.quiz.questions.all(), start=1):
        expect(page.locator(".question-card")).to_be_visible()
        answer(page, question, right=True)
        if number < practice.question_count:
            page.get_by_role("link", name="Next question").click()
    page.get_by_role("button", name="Finish and see results").click()
    expect(page.locator(".review-summary")).to_contain_text("100%")

    after_practice = level_counts(page)
    assert after_practice != before
    audit(page, "progress")
    shoot_fitting(page, "learners-progress")
    page.goto("/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back, madina")
    audit(page, "dashboard")
    shoot_fitting(page, "learners-dashboard")
    audit.assert_clean()
