"""The five journeys of issue 7, each one test, in Chromium against the live server and the real bank."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from content.models import Fact
from quiz.models import Answer, Assignment, Attempt, MemoryState, Review
from tests.browser import steps

# Deselected from `make test` (pyproject's -m 'not browser'); `make browser-test` runs them.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_current_question(page: Page, audit, shoot, shots: set[str], *, keyboard_timeline: bool) -> None:
    """Answer the question on screen: a choice by mouse, a timeline by keyboard; check the feedback came in place."""
    page.evaluate("window.__sameDocument = true")
    question = page.locator(".question-card")
    expect(question).to_be_visible()
    audit(page, "question")
    if page.locator(".timeline").count():
        if "timeline" not in shots:
            shoot(page, "timeline")
            shots.add("timeline")
        first_label = page.locator(".timeline-item").first.get_attribute("data-label")
        if keyboard_timeline:
            # Keyboard only: Tab to the first item's "Move down" button, press Enter, hear the new position.
            for _ in range(40):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.dataset.move === 'down'"):
                    break
            else:
                pytest.fail("Tab never reached a Move down button")
            page.keyboard.press("Enter")
            expect(page.locator("[data-timeline-status]")).to_have_text(
                f"\u201c{first_label}\u201d is now at position 2 of {page.locator('.timeline-item').count()}."
            )
            expect(page.locator(".timeline-item").nth(1)).to_have_attribute("data-label", first_label)
            # Space works as well as Enter: the focus followed the item, so this moves it once more.
            page.keyboard.press("Space")
            expect(page.locator(".timeline-item").nth(2)).to_have_attribute("data-label", first_label)
            for _ in range(60):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.textContent.trim() === 'Check answer'"):
                    break
            else:
                pytest.fail("Tab never reached the Check answer button")
            page.keyboard.press("Enter")
        else:
            page.get_by_role("button", name=steps.labelled("Move down", first_label)).click()
            page.get_by_role("button", name="Check answer").click()
    else:
        if "question" not in shots:
            shoot(page, "question")
            shots.add("question")
        page.locator(".option").first.click()
        page.get_by_role("button", name="Check answer").click()
    feedback = page.locator(".feedback")
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text("Source:")
    assert page.evaluate("window.__sameDocument === true"), "the feedback came with a page reload"
    audit(page, "feedback")
    if "feedback" not in shots:
        shoot(page, "feedback")
        shots.add("feedback")


def take_quiz_with_javascript(page: Page, audit, shoot) -> None:
    shots: set[str] = set()
    while True:
        answer_current_question(page, audit, shoot, shots, keyboard_timeline=True)
        next_question = page.get_by_role("link", name="Next question")
        if next_question.count():
            next_question.click()
            continue
        page.get_by_role("button", name="Finish and see results").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Review")
        audit(page, "review")
        return


def test_journey_1_sign_up_join_take_the_assigned_quiz_and_see_progress_change(page: Page, bank, audit, shoot):
    assignment = steps.assignment_with_timeline(classroom=steps.demo_classroom())
    types = set(assignment.quiz.questions.values_list("type", flat=True))
    assert types == {"choice", "timeline"}

    steps.sign_up(page, "aruzhan")
    audit(page, "dashboard")
    before_overall, before_bars, before_cells = steps.progress_figures(page)
    audit(page, "progress")
    page.goto("/dashboard/")
    steps.join_class(page, steps.demo_classroom().join_code)
    page.get_by_role("button", name=steps.labelled("Start", assignment.title)).click()
    take_quiz_with_javascript(page, audit, shoot)

    after_overall, after_bars, after_cells = steps.progress_figures(page)
    assert re.search(r"expected recall today of the [1-9]\d* facts? you have met", after_overall), after_overall
    assert "You have not met any" in before_overall
    assert after_bars != before_bars and after_cells != before_cells
    shoot(page, "progress")
    audit(page, "progress")
    page.goto("/dashboard/")
    expect(page.locator(".assignment-list")).to_contain_text("Done")
    audit.assert_clean()
    student = get_user_model().objects.get(username="aruzhan")
    attempt = Attempt.objects.get(learner=student, quiz=assignment.quiz)
    assert attempt.state == Attempt.State.FINISHED and attempt.answers.count() == 4


def test_journey_2_the_student_reviews_due_flashcards_and_the_due_count_drops(page: Page, bank, audit, shoot):
    student = steps.student_with_history(username="aruzhan", classroom=steps.demo_classroom(), days_ago=2)
    assert MemoryState.objects.filter(learner=student).count() == 6
    steps.log_in(page, "aruzhan", steps.PASSWORD)
    page.get_by_role("link", name="Flashcards").first.click()
    counts = page.locator(".flashcard-counts")
    expect(counts).to_contain_text("6 due today")
    audit(page, "flashcards")
    for due_left in (5, 4, 3):
        page.get_by_text("Show answer").click()
        audit(page, "flashcard back")
        if due_left == 5:
            shoot(page, "flashcards")
        page.get_by_role("button", name=re.compile(r"^Good")).click()
        expect(counts).to_contain_text(f"{due_left} due today")
    assert Review.objects.filter(learner=student).count() == 3
    audit.assert_clean()


def test_journey_3_an_instructor_sets_an_assignment_and_reads_the_report_and_item_analysis(
    page: Page, bank, audit, shoot
):
    classroom = steps.demo_classroom()
    steps.log_in(page, "instructor", "hallyu-instructor")
    page.get_by_role("link", name="Teach").click()
    audit(page, "teach")
    page.get_by_role("link", name="New topic set").click()
    page.get_by_label("Name", exact=True).fill("Kazakh diaspora")
    page.get_by_label("Kazakhstan", exact=True).check()
    page.get_by_label("Number of questions").fill("5")
    audit(page, "topic set form")
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_role("heading", name=re.compile("Preview: 5 questions"))).to_be_visible()
    audit(page, "topic set preview")
    page.get_by_role("link", name=f"Assign to {classroom.name}").click()
    audit(page, "assign form")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kazakh diaspora")
    audit(page, "assignment")

    assignment = Assignment.objects.get(title="Kazakh diaspora")
    student = get_user_model().objects.get(username="student")
    steps.take_assignment_on_server(student=student, assignment=assignment, right=3)

    page.get_by_role("link", name="Class report").click()
    row = page.locator("tbody tr").filter(has=page.get_by_role("rowheader", name="student", exact=True))
    expect(row).to_contain_text("Done")
    expect(row).to_contain_text("60%")
    shoot(page, "class-report")
    audit(page, "class report")
    page.go_back()
    page.get_by_role("link", name="Item analysis").click()
    expect(page.get_by_text("1 attempt analysed")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(5)
    shoot(page, "item-analysis")
    audit(page, "item analysis")
    audit.assert_clean()


def test_journey_4_an_admin_edits_a_facts_answer_and_a_new_quiz_shows_it(page: Page, bank, audit):
    # The fact alone in its country and theme, so a one-topic quiz is sure to ask about it.
    fact = (
        Fact.objects.active()
        .filter(kind="organisation", question="")
        .filter(countries__slug="kyrgyzstan")
        .order_by("pk")
        .first()
    )
    assert fact is not None
    new_answer = "Hallyu Atlas Cultural Bureau"
    steps.log_in(page, "admin", "hallyu-admin")
    page.goto(f"/admin/content/fact/{fact.pk}/change/")
    audit(page, "admin fact")
    page.locator("#id_statement").fill(fact.statement.replace(fact.answer, new_answer))
    page.locator("#id_answer").fill(new_answer)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    fact.refresh_from_db()
    assert fact.answer == new_answer

    page.goto("/practice/")
    country, theme = fact.countries.first(), fact.themes.first()
    page.get_by_label(country.name, exact=True).check()
    page.get_by_label(theme.name, exact=True).check()
    for other in (
        "Which year? (given the event)",
        "Which event? (given the year)",
        "Timeline ordering",
        "Type the answer",
    ):
        page.get_by_label(other).uncheck()
    page.get_by_label("Length").select_option("20")
    page.get_by_role("button", name="Start the quiz").click()
    attempt = Attempt.objects.latest("pk")
    assert attempt.quiz.questions.filter(facts=fact).exists(), "the quiz does not ask about the edited fact"
    seen = []
    while True:
        expect(page.locator(".question-card")).to_be_visible()
        seen.append(page.locator(".question-card").inner_text())
        if new_answer in seen[-1]:
            break
        page.locator(".option").first.click()
        page.get_by_role("button", name="Check answer").click()
        page.get_by_role("link", name="Next question").click()
    audit(page, "question with the edited answer")
    audit.assert_clean()


def test_journey_5_without_javascript_the_assigned_quiz_works_end_to_end(browser, live_server, bank, audit, shoot):
    assignment = steps.assignment_with_timeline(classroom=steps.demo_classroom())
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    audit.watch(page)
    steps.sign_up(page, "nurlan")
    # The audit runs axe in a JavaScript-enabled twin of this page, logged in with the same session.
    twin = browser.new_context(base_url=live_server.url, storage_state=context.storage_state()).new_page()
    audit.watch(twin)
    audit.by_twin(page, twin, "dashboard (no JavaScript)")
    steps.join_class(page, steps.demo_classroom().join_code)
    page.get_by_role("button", name=steps.labelled("Start", assignment.title)).click()
    for number in range(1, 5):
        expect(page).to_have_url(re.compile(rf"/questions/{number}/$"))
        audit.by_twin(page, twin, "question (no JavaScript)")
        if page.locator(".timeline").count():
            first_label = page.locator(".timeline-item").first.get_attribute("data-label")
            # A move button is a plain GET form: the reordered list comes back as a new page.
            page.get_by_role("button", name=steps.labelled("Move down", first_label)).click()
            expect(page.locator(".timeline-item").nth(1)).to_have_attribute("data-label", first_label)
            shoot(page, "timeline-no-js")
        else:
            page.locator(".option").first.click()
        page.get_by_role("button", name="Check answer").click()
        expect(page.locator(".feedback")).to_contain_text("Source:")
        audit.by_twin(page, twin, "feedback (no JavaScript)")
        if number < 4:
            page.get_by_role("link", name="Next question").click()
    page.get_by_role("button", name="Finish and see results").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review")
    audit.by_twin(page, twin, "review (no JavaScript)")
    student = get_user_model().objects.get(username="nurlan")
    attempt = Attempt.objects.get(learner=student, quiz=assignment.quiz)
    assert attempt.state == Attempt.State.FINISHED
    assert Answer.objects.filter(attempt=attempt).count() == 4
    twin.context.close()
    context.close()
    audit.assert_clean()
