"""The CSV export: the page's rows and numbers, in the page's order, safe to open in a spreadsheet."""

import csv
import io

import html5lib
import pytest
from django.urls import reverse

from quiz.reports import csv_safe
from tests.reports.conftest import student_in

pytestmark = pytest.mark.django_db


def csv_rows(client, assignment, sort: str | None = None) -> list[list[str]]:
    response = client.get(reverse("quiz:class-report-csv", args=[assignment.pk]), {"sort": sort} if sort else {})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def page_cell(text: str) -> str:
    """A cell as the page shows it, without units; "—" (no score) is an empty CSV cell."""
    text = " ".join(text.split())
    return "" if text.startswith("—") else text.removesuffix("%").removesuffix(" min")


def page_rows(client, assignment, sort: str | None = None) -> list[list[str]]:
    """The student table of the page, parsed from its HTML: one list of cell texts per row."""
    response = client.get(reverse("quiz:class-report", args=[assignment.pk]), {"sort": sort} if sort else {})
    root = html5lib.parse(response.content.decode(), namespaceHTMLElements=False)
    table = next(table for table in root.iter("table") if table.find("caption").get("id") == "students-caption")
    return [[page_cell("".join(cell.itertext())) for cell in row] for row in table.find("tbody").iter("tr")]


def as_page_row(row: list[str]) -> list[str]:
    """The CSV's username and full name as the page's row header shows them, then the figures."""
    username, full_name, *figures = row
    return [f"{username} {full_name}".strip(), *figures]


@pytest.mark.parametrize("sort", [None, "-score", "status", "-mastery", "time"])
def test_the_csv_rows_are_the_pages_rows_in_the_same_order(instructor_client, assignment, hand_made, sortable, sort):
    exported = [as_page_row(row) for row in csv_rows(instructor_client, assignment, sort)[1:]]
    assert exported == page_rows(instructor_client, assignment, sort)
    assert len(exported) == 7


def test_the_csv_header_names_every_column_in_the_pages_order(instructor_client, assignment, hand_made):
    assert csv_rows(instructor_client, assignment)[0] == [
        "Username",
        "Full name",
        "Status",
        "Best score %",
        "Attempts",
        "Minutes spent",
        "Mastery %",
        "Mastered facts",
        "Familiar facts",
        "Learning facts",
        "New facts",
        "Expected recall today %",
        "Country: Kazakhstan mastery %",
        "Country: Uzbekistan mastery %",
        "Theme: Hallyu mastery %",
        "Theme: Diaspora mastery %",
    ]


def test_a_csv_row_holds_the_students_figures(instructor_client, assignment, hand_made):
    alice = csv_rows(instructor_client, assignment)[1]
    # Levels (issue 17): one fact mastered, one familiar, none learning, one not met; all met recalled today.
    levels = ["1", "1", "0", "1", "100"]
    assert alice == ["alice", "Alice Kim", "Done", "100", "2", "15", "50", *levels, "75", "0", "50", "50"]


def test_the_csv_is_an_attachment_named_after_the_class_and_assignment(instructor_client, assignment):
    response = instructor_client.get(reverse("quiz:class-report-csv", args=[assignment.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="year-10-korean-hallyu-basics-report.csv"'


def test_the_filename_keeps_only_safe_characters(instructor_client, assignment):
    assignment.title = 'Quiz "one"; filename=evil.exe\r\nX: y'
    assignment.save()
    disposition = instructor_client.get(reverse("quiz:class-report-csv", args=[assignment.pk]))["Content-Disposition"]
    assert disposition == 'attachment; filename="year-10-korean-quiz-one-filenameevilexe-x-y-report.csv"'


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+SUM(1)", "-2+3", "@SUM(A1)"])
def test_a_name_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(instructor_client, assignment, name):
    student_in(assignment, "mallory", first_name=name)
    row = csv_rows(instructor_client, assignment)[1]
    assert row[:2] == ["mallory", f"'{name}"]


def test_a_username_starting_like_a_formula_is_exported_as_text(instructor_client, assignment):
    # Usernames may hold @ + - (Django's validator), so they are guarded too.
    student_in(assignment, "+1-2@x")
    assert csv_rows(instructor_client, assignment)[1][0] == "'+1-2@x"


def test_numbers_and_plain_text_are_exported_unchanged():
    assert [csv_safe(value) for value in (0, 75, "Alice", "Done (late)", None)] == [0, 75, "Alice", "Done (late)", ""]
