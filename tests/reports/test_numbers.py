"""The class report's figures on a hand-made class of three (see `hand_made` in conftest)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.classes import AssignmentStatus, remove_student
from quiz.reports import class_report
from tests.reports.conftest import attempt_on, student_in

pytestmark = pytest.mark.django_db


def rows_by_name(assignment):
    return {row.username: row for row in class_report(assignment=assignment, now=timezone.now()).rows}


def test_columns_are_the_countries_then_the_themes_of_the_assignments_facts_with_their_fact_counts(
    assignment, hand_made
):
    report = class_report(assignment=assignment, now=timezone.now())
    assert [(column.name, column.facts) for column in report.countries] == [("Kazakhstan", 2), ("Uzbekistan", 1)]
    assert [(column.name, column.facts) for column in report.themes] == [("Hallyu", 2), ("Diaspora", 1)]


def test_each_student_has_status_best_score_attempts_and_time(assignment, hand_made):
    rows = rows_by_name(assignment)
    summary = {
        name: (row.progress.status, row.progress.best_percent, row.progress.attempts, row.progress.minutes_spent)
        for name, row in rows.items()
    }
    assert summary == {
        "alice": (AssignmentStatus.DONE, 100, 2, 15),
        "bob": (AssignmentStatus.IN_PROGRESS, None, 1, 4),
        "carol": (AssignmentStatus.NOT_STARTED, None, 0, 0),
    }


def test_mastery_per_country_and_theme_is_the_mean_over_the_columns_facts_unseen_counting_zero(assignment, hand_made):
    rows = rows_by_name(assignment)
    # Columns: Kazakhstan (2 facts), Uzbekistan (1), Hallyu (2), Diaspora (1).
    assert [topic.percent for topic in rows["alice"].topics] == [75, 0, 50, 50]
    assert [topic.percent for topic in rows["bob"].topics] == [0, 50, 25, 0]
    assert [topic.percent for topic in rows["carol"].topics] == [0, 0, 0, 0]


def test_overall_mastery_is_the_mean_over_all_the_assignments_facts(assignment, hand_made):
    rows = rows_by_name(assignment)
    assert {name: row.progress.mastery_percent for name, row in rows.items()} == {"alice": 50, "bob": 17, "carol": 0}


def test_the_heatmap_cell_is_the_mean_over_the_class_and_the_cells_facts(assignment, hand_made):
    report = class_report(assignment=assignment, now=timezone.now())
    grid = {
        (row.country.name, theme.name): (cell.facts, cell.percent)
        for row in report.heatmap.rows
        for theme, cell in zip(report.themes, row.cells, strict=True)
    }
    assert grid == {
        ("Kazakhstan", "Hallyu"): (1, 33),  # alice 1.0, bob 0, carol 0
        ("Kazakhstan", "Diaspora"): (1, 17),  # alice 0.5
        ("Uzbekistan", "Hallyu"): (1, 17),  # bob 0.5
        ("Uzbekistan", "Diaspora"): (0, 0),
    }


def test_the_summary_counts_students_done_and_the_mean_best_score_of_those_who_finished(assignment, hand_made):
    report = class_report(assignment=assignment, now=timezone.now())
    assert (report.done_count, report.class_size, report.finished_count, report.mean_best_percent) == (1, 3, 1, 100)


def test_an_abandoned_attempt_counts_neither_as_an_attempt_nor_as_time(assignment, hand_made):
    bob = rows_by_name(assignment)["bob"]
    assert (bob.progress.attempts, bob.progress.minutes_spent) == (1, 4)


def test_a_student_removed_from_the_class_leaves_the_report(instructor_client, assignment, hand_made):
    remove_student(classroom=assignment.classroom, student_id=hand_made["bob"].pk)
    assert set(rows_by_name(assignment)) == {"alice", "carol"}
    page = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk])).content.decode()
    csv_text = instructor_client.get(reverse("quiz:class-report-csv", args=[assignment.pk])).content.decode()
    assert ">bob<" not in page
    assert "\nbob," not in csv_text


def test_a_removed_student_no_longer_weighs_on_the_class_heatmap(assignment, hand_made):
    remove_student(classroom=assignment.classroom, student_id=hand_made["carol"].pk)
    report = class_report(assignment=assignment, now=timezone.now())
    # Kazakhstan x Hallyu: alice 1.0 and bob 0 over two students.
    assert report.heatmap.rows[0].cells[0].percent == 50


def test_the_page_shows_the_figures_as_text(instructor_client, assignment, hand_made):
    page = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk])).content.decode()
    assert "Alice Kim" in page
    assert "15 min" in page
    assert 'style="--m: 0.750">75%</td>' in page
    # A class cell counts student x fact pairs: one fact, three students, one of whom mastered it.
    cell = "New: 1 mastered, 0 familiar, 0 learning, 2 new (of 3)"
    assert cell in page
    assert "<strong>1/3</strong> students done" in page


def test_a_class_without_students_reports_an_empty_table(instructor_client, assignment):
    response = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk]))
    assert response.status_code == 200
    assert "No students in this class yet" in response.content.decode()
    assert response.context["report"].mean_best_percent is None


@pytest.mark.parametrize(("seconds", "minutes"), [(20, 1), (40, 1), (89, 1), (91, 2), (600, 10)])
def test_time_reads_the_same_on_the_report_and_the_students_review(client, assignment, seconds, minutes):
    """Issue 18: the report said "0 min" where the review said "1 min"; one function now computes both."""
    student = student_in(assignment, "dana")
    attempt = attempt_on(assignment, student, minutes=seconds / 60)
    assert attempt.minutes_spent == minutes
    row = rows_by_name(assignment)["dana"]
    assert row.progress.minutes_spent == minutes
    client.force_login(student)
    review = client.get(reverse("quiz:review", args=[attempt.pk])).content.decode()
    assert f"{minutes} min spent" in review
    client.force_login(assignment.classroom.owner)
    report = client.get(reverse("quiz:class-report", args=[assignment.pk])).content.decode()
    assert f'<td class="num" data-label="Time">{minutes} min</td>' in report
