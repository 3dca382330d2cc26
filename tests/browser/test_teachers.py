"""Issue 18's journeys: a teacher's populated first look, picking facts and giving an assignment with
instructions; a student reports a problem with a question and an admin resolves it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from quiz.generator import Selection, build_quiz
from quiz.models import Assignment, Attempt, QuestionReport, TopicSet
from tests.browser import steps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_journey_6_a_teacher_logs_in_to_a_populated_demo_class(page: Page, bank, audit, shoot):
    steps.log_in(page, "instructor", "hallyu-instructor")
    page.get_by_role("link", name="Teach").click()
    page.get_by_role("link", name="Demo class").first.click()
    page.get_by_role("link", name="Central Asia overview").click()
    page.get_by_role("link", name="Class report").click()
    # The demo class's synthetic students, with a spread of scores, on the first look.
    expect(page.locator("table.report-table tbody tr")).to_have_count(13)
    expect(page.locator(".report-figures")).to_contain_text("10/13 students done")
    row = page.locator("table.report-table tbody tr").filter(
        has=page.get_by_role("rowheader", name=re.compile("^demo-aigerim"))
    )
    expect(row).to_contain_text("Done")
    expect(page.locator("table.heatmap td.heat").first).to_be_visible()
    audit(page, "demo class report")
    shoot(page, "teachers-class-report")
    page.go_back()
    page.get_by_role("link", name="Item analysis").click()
    expect(page.get_by_text("10 attempts analysed")).to_be_visible()
    expect(page.locator(".item-flag").first).to_be_visible()
    expect(page.get_by_text("Possibly mis-keyed").first).to_be_visible()
    audit(page, "demo item analysis")
    shoot(page, "teachers-item-analysis")

    # A topic set picked by hand: the list follows the country ticked and a search, live.
    page.get_by_role("link", name="Teach").click()
    page.get_by_role("link", name="New topic set").click()
    page.get_by_label("Name", exact=True).fill("Week 3: diaspora")
    page.get_by_label("Kazakhstan", exact=True).check()
    page.get_by_text("Hand-pick facts (optional)").click()
    heading = page.locator("#fact-list .picker-heading").last
    expect(heading).to_contain_text("Facts of the topics chosen")
    page.get_by_label("Search the facts").fill("Koryo")
    expect(heading).to_contain_text("Matching “Koryo”")
    boxes = page.locator("#fact-list input[name=facts]")
    expect(boxes.first).to_be_visible()
    # Two of the matches that make a multiple-choice question (some facts are flashcards only).
    askable = [
        value
        for value in (boxes.nth(i).get_attribute("value") for i in range(boxes.count()))
        if build_quiz(selection=Selection(fact_ids=(int(value),), count=1), seed=0)
    ]
    for value in askable[:2]:
        page.locator(f"#fact-list input[name=facts][value='{value}']").check()
    page.get_by_label("Number of questions").fill("2")
    # The questions previewed before saving, in place (htmx); nothing is stored yet.
    page.get_by_role("button", name="Preview questions").click()
    expect(page.locator("#question-preview .preview-count")).to_contain_text("2 questions of the 2 asked for")
    expect(page.locator("#question-preview li.review-item")).to_have_count(2)
    assert not TopicSet.objects.filter(name="Week 3: diaspora").exists()
    audit(page, "topic set form with a search and a preview")
    shoot(page, "teachers-topic-set-form")
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_role("heading", name=re.compile("Preview: 2 questions"))).to_be_visible()
    page.get_by_role("link", name="Assign to Demo class").click()
    page.get_by_label("Title").fill("Week 3: diaspora, two facts")
    page.get_by_label("Instructions (optional)").fill("Read the diaspora chapter first. One attempt, please.")
    audit(page, "assign form")
    shoot(page, "teachers-assign-form")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Week 3: diaspora, two facts")
    expect(page.get_by_text("Read the diaspora chapter first.")).to_be_visible()
    audit(page, "assignment page")
    shoot(page, "teachers-assignment")
    assert Assignment.objects.get(title="Week 3: diaspora, two facts").topic_set.facts.count() == 2

    # The student reads the instructions on the dashboard and again when starting.
    page.context.clear_cookies()
    steps.log_in(page, "student", "hallyu-student")
    expect(page.get_by_text("Read the diaspora chapter first.")).to_be_visible()
    audit(page, "dashboard with instructions")
    shoot(page, "teachers-dashboard")
    page.get_by_role("button", name=steps.labelled("Start", "Week 3: diaspora, two facts")).click()
    expect(page.locator(".messages")).to_contain_text("Read the diaspora chapter first.")
    audit(page, "first question with instructions")
    shoot(page, "teachers-question-instructions")
    audit.assert_clean()


def test_journey_7_a_student_reports_a_problem_and_an_admin_resolves_it(page: Page, bank, audit, shoot):
    student = steps.student_with_history(username="aruzhan", classroom=steps.demo_classroom(), days_ago=2)
    steps.log_in(page, "aruzhan", steps.PASSWORD)
    page.get_by_role("link", name=re.compile("·")).first.click()  # the practice quiz in recent results
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review")
    first = page.locator(".review-item").first
    first.get_by_text("Report a problem with this question").click()
    first.get_by_label("More than one answer fits").check()
    first.get_by_label("Comment (optional)").fill("Two of the options are the same organisation.")
    audit(page, "review with the report form")
    shoot(page, "teachers-report-form")
    page.evaluate("window.__sameDocument = true")
    first.get_by_role("button", name="Send the report").click()
    expect(first.get_by_role("status")).to_contain_text("your report was received")
    assert page.evaluate("window.__sameDocument === true"), "the receipt came with a page reload"
    audit(page, "review with the receipt")
    shoot(page, "teachers-report-received")
    report = QuestionReport.objects.get(learner=student)
    assert (report.kind, report.status) == ("ambiguous", "open")
    # The report's own page (where the form posts without JavaScript) says it was received.
    page.goto(f"/questions/{report.question_id}/report/")
    expect(page.get_by_role("status").last).to_contain_text("your report was received")
    audit(page, "report page")
    shoot(page, "teachers-report-page")

    page.context.clear_cookies()
    steps.log_in(page, "admin", "hallyu-admin")
    page.goto("/admin/quiz/questionreport/")
    page.get_by_role("link", name="Open", exact=True).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    # The Django admin's own pages are not audited: their breadcrumbs fail axe's link-in-text-block rule.
    shoot(page, "teachers-admin-reports")
    page.locator("#result_list tbody tr").first.locator("th a").click()
    page.get_by_role("link", name=report.fact.key).click()
    expect(page.locator("body")).to_contain_text("Two of the options are the same organisation.")
    shoot(page, "teachers-admin-fact")
    page.go_back()
    page.locator("#id_status").select_option("resolved")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    report.refresh_from_db()
    assert report.status == "resolved"
    page.goto(f"/admin/content/fact/{report.fact_id}/change/")
    expect(page.locator("body")).not_to_contain_text("Two of the options are the same organisation.")
    audit.assert_clean()


def test_journey_8_a_teacher_drops_a_question_and_every_score_is_regraded(page: Page, bank, audit, shoot):
    assignment = Assignment.objects.get(title="Central Asia overview")
    student = steps.student_with_history(username="aruzhan", classroom=steps.demo_classroom(), days_ago=2)
    attempt = steps.take_assignment_on_server(student=student, assignment=assignment, right=1)
    assert attempt.correct_count == 1
    steps.log_in(page, "instructor", "hallyu-instructor")
    page.goto(f"/teach/assignments/{assignment.pk}/")
    # Students have finished: no swap any more, a drop instead (confirmed, then swapped in place by htmx).
    expect(page.get_by_role("button", name=re.compile("^Swap"))).to_have_count(0)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Drop from scoring (question 1)").click()
    item = page.locator("#question-1")
    expect(item.get_by_role("status")).to_contain_text("Question 1 no longer counts")
    expect(item.get_by_role("button", name="Count it again (question 1)")).to_be_visible()
    expect(page.locator("#dropped-summary")).to_contain_text("1 question dropped from scoring")
    audit(page, "assignment with a dropped question")
    shoot(page, "teachers-assignment-dropped")
    attempt.refresh_from_db()
    assert (attempt.correct_count, attempt.dropped_count) == (0, 1)

    page.get_by_role("link", name="Class report").click()
    expect(page.locator("#dropped-figure")).to_contain_text("1 question dropped from scoring")
    row = page.locator("table.report-table tbody tr").filter(has=page.get_by_role("rowheader", name="aruzhan"))
    expect(row.locator("td[data-label='Best score']")).to_have_text("0%")
    # On a phone the students' table is a column of cards: nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator(".report-table-scroll").evaluate("e => e.scrollWidth <= e.clientWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    audit(page, "class report with a dropped question")
    shoot(page, "teachers-report-dropped")
    page.goto(f"/teach/assignments/{assignment.pk}/items/")
    expect(page.locator("tr.is-dropped .flag-dropped")).to_have_text("Dropped from scoring")
    audit(page, "item analysis with a dropped question")
    shoot(page, "teachers-items-dropped")

    page.context.clear_cookies()
    steps.log_in(page, "aruzhan", steps.PASSWORD)
    page.goto(f"/attempts/{attempt.pk}/review/")
    expect(page.locator(".review-summary")).to_contain_text("1 question dropped by your teacher not counted")
    expect(page.locator(".review-item").first).to_contain_text("Not counted")
    audit(page, "review with a dropped question")
    shoot(page, "teachers-review-dropped")
    assert Attempt.objects.get(pk=attempt.pk).percent == 0
    audit.assert_clean()
