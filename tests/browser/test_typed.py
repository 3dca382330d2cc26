"""Issue 19 in Chromium: a typed question with the hint swapped in, a typo accepted with its spelling, a
wrong answer overridden with "I was right", and a flashcard answered by typing; axe audits every step."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from quiz import attempts
from quiz.models import Answer, TypedOverride
from tests.browser import steps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def one_typo(answer: str) -> str:
    """The answer with one letter of its longest word dropped: a one-edit typo of a name."""
    words = answer.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    words[longest] = words[longest][:3] + words[longest][4:]
    return " ".join(words)


def test_typed_questions_with_hint_typo_and_override(page: Page, bank, audit, shoot):
    learner = get_user_model().objects.create_user(username="timur", password=steps.PASSWORD)
    attempt = attempts.start_practice(
        learner=learner, countries=[], themes=[], question_types=["typed"], count=5, seed=19
    )
    questions = list(attempt.quiz.questions.all())
    named = next(
        q
        for q in questions
        if q.key["kind"] in ("person", "organisation", "place", "work")
        and len(max(q.key["answer"].split(), key=len)) >= 6
    )
    steps.log_in(page, "timur", steps.PASSWORD)
    for question in questions:
        page.goto(f"/attempts/{attempt.pk}/questions/{question.position + 1}/")
        expect(page.get_by_label("Your answer")).to_be_visible()
        assert question.key["answer"] not in page.content()
        page.evaluate("window.__sameDocument = true")
        if question is named:
            page.get_by_role("button", name="Show a hint").click()
            expect(page.locator(".hint-text")).to_be_visible()
            assert page.locator(".hint-text").inner_text().startswith(question.key["answer"][0])
            audit(page, "typed question with its hint")
            shoot(page, "typed-hint")
            page.get_by_label("Your answer").fill(one_typo(question.key["answer"]))
            page.get_by_role("button", name="Check answer").click()
            expect(page.get_by_text(f"Accepted — it is spelled {question.key['answer']}.")).to_be_visible()
            audit(page, "typo accepted")
        else:
            page.get_by_label("Your answer").fill("Nobody knows")
            page.get_by_role("button", name="Check answer").click()
            expect(page.get_by_role("heading", name="Not quite")).to_be_visible()
            if not TypedOverride.objects.exists():
                page.get_by_role("button", name="I was right").click()
                expect(page.get_by_role("heading", name="Counted as right")).to_be_visible()
                audit(page, "overridden")
        assert page.evaluate("window.__sameDocument === true"), "an htmx swap reloaded the page"
    assert Answer.objects.get(question=named).hinted
    assert TypedOverride.objects.count() == 1
    page.goto("/flashcards/?mode=type")
    page.get_by_label("Your answer").fill("Nobody knows")
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.get_by_text("Not quite.")).to_be_visible()
    expect(page.get_by_role("button", name="Again")).to_be_focused()
    audit(page, "flashcard typed")
    audit.assert_clean()
