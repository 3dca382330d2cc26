"""The class report is valid, accessible HTML, and shows what users typed as text."""

import pytest
from django.urls import reverse

from tests.html import assert_valid_html
from tests.reports.conftest import student_in

pytestmark = pytest.mark.django_db


def test_the_report_is_valid_html(instructor_client, assignment, hand_made, sortable):
    assert_valid_html(instructor_client.get(reverse("quiz:class-report", args=[assignment.pk]), {"sort": "-score"}))


def test_the_report_of_an_empty_class_is_valid_html(instructor_client, assignment):
    assert_valid_html(instructor_client.get(reverse("quiz:class-report", args=[assignment.pk])))


def test_the_students_table_scrolls_in_a_labelled_focusable_region(instructor_client, assignment, hand_made):
    html = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk])).content.decode()
    # The heatmap fits any width without scrolling (issue 17); the students' table scrolls in its region.
    for caption in ("students-caption",):
        assert (
            f'<div class="table-scroll report-table-scroll" role="region" aria-labelledby="{caption}" tabindex="0">'
            in html
        )
    assert '<th scope="colgroup" colspan="2">Mastery by country</th>' in html
    assert '<th scope="row">alice <span class="report-full-name">Alice Kim</span></th>' in html


def test_the_students_table_has_no_blank_header_cell_and_every_cell_names_its_column(
    instructor_client, assignment, hand_made
):
    """On a phone each student becomes a card whose cells are labelled by their column (data-label), so the
    table never scrolls sideways; the group row above the headings names every column group."""
    html = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk])).content.decode()
    table = html[html.index('<table class="heatmap report-table">') : html.index("</table>")]
    head, body = table.split("<tbody>")
    assert "<td" not in head, "no empty cell among the headings"
    assert '<th scope="colgroup" colspan="6">Progress on the assignment</th>' in head
    cells = body.count("<td")
    assert cells and body.count("<td") == body.count(" data-label=")
    assert 'data-label="Best score"' in body and 'data-label="Mastery"' in body
    # The sorts stay reachable when the headings are hidden on a phone.
    assert '<p class="report-sort-narrow">Sort by:' in html


def test_a_heatmap_cell_without_facts_reads_as_a_dash_and_no_facts(instructor_client, assignment, hand_made):
    html = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk])).content.decode()
    empty = '<td class="heat heat-empty"><span aria-hidden="true">—</span><span class="visually-hidden">no facts</span>'
    assert empty in html


def test_names_and_titles_are_escaped(instructor_client, assignment):
    assignment.title = "<i>Quiz</i>"
    assignment.save()
    student_in(assignment, "mallory", first_name="<script>alert(1)</script>")
    response = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk]))
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
    assert b"<i>Quiz</i>" not in response.content
    assert_valid_html(response)


def test_the_report_links_back_to_the_class_and_the_assignment(instructor_client, assignment):
    html = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk])).content.decode()
    assert f'href="{reverse("quiz:classroom", args=[assignment.classroom_id])}"' in html
    assert f'href="{reverse("quiz:assignment", args=[assignment.pk])}"' in html
