"""Sorting the class report: by name, status, best score, time or mastery, either way, from links that need no JS."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def names(client, assignment, sort: str | None) -> list[str]:
    response = client.get(reverse("quiz:class-report", args=[assignment.pk]), {"sort": sort} if sort else {})
    assert response.status_code == 200
    return [row.username for row in response.context["report"].rows]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (None, ["anna", "Bea", "carl", "dora"]),
        ("name", ["anna", "Bea", "carl", "dora"]),
        ("-name", ["dora", "carl", "Bea", "anna"]),
        ("status", ["dora", "carl", "anna", "Bea"]),
        ("-status", ["anna", "Bea", "carl", "dora"]),
        ("score", ["anna", "carl", "Bea", "dora"]),
        ("-score", ["Bea", "carl", "anna", "dora"]),
        ("time", ["dora", "Bea", "carl", "anna"]),
        ("-time", ["anna", "carl", "Bea", "dora"]),
        ("mastery", ["Bea", "anna", "dora", "carl"]),
        ("-mastery", ["carl", "dora", "anna", "Bea"]),
    ],
)
def test_rows_follow_the_requested_sort(instructor_client, assignment, sortable, sort, expected):
    assert names(instructor_client, assignment, sort) == expected


def test_names_sort_regardless_of_case(instructor_client, assignment, sortable):
    assert names(instructor_client, assignment, "name")[:2] == ["anna", "Bea"]


def test_students_without_a_score_come_last_in_both_directions(instructor_client, assignment, sortable):
    assert names(instructor_client, assignment, "score")[-1] == "dora"
    assert names(instructor_client, assignment, "-score")[-1] == "dora"


def test_equal_values_read_in_name_order_in_both_directions(instructor_client, assignment, sortable):
    # anna and Bea are both done on time.
    assert names(instructor_client, assignment, "-status")[:2] == ["anna", "Bea"]
    assert names(instructor_client, assignment, "status")[-2:] == ["anna", "Bea"]


@pytest.mark.parametrize("sort", ["bogus", "--name", "-", "", "score;drop", "NAME", "status "])
def test_an_unknown_sort_falls_back_to_name(instructor_client, assignment, sortable, sort):
    response = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk]), {"sort": sort})
    assert response.status_code == 200
    assert response.context["report"].sort == "name"
    assert [row.username for row in response.context["report"].rows] == ["anna", "Bea", "carl", "dora"]


def test_the_sorted_column_carries_aria_sort_and_its_link_reverses_it(instructor_client, assignment, sortable):
    page = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk]), {"sort": "score"})
    html = page.content.decode()
    assert html.count("aria-sort=") == 1
    assert '<th scope="col" aria-sort="ascending"><a href="?sort=-score">Best score' in html
    assert '<th scope="col"><a href="?sort=time">Time</a></th>' in html


def test_a_descending_column_links_back_to_ascending(instructor_client, assignment, sortable):
    html = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk]), {"sort": "-time"}).content
    assert b'<th scope="col" aria-sort="descending"><a href="?sort=time">Time' in html


def test_the_caption_says_how_the_table_is_sorted(instructor_client, assignment, sortable):
    html = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk]), {"sort": "-mastery"}).content
    assert b"sorted by mastery, highest first</caption>" in html


def test_the_csv_link_keeps_the_sort(instructor_client, assignment, sortable):
    html = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk]), {"sort": "-score"}).content
    assert f'href="{reverse("quiz:class-report-csv", args=[assignment.pk])}?sort=-score"'.encode() in html


def test_overdue_students_come_first_when_sorting_by_status(instructor_client, assignment, sortable):
    assignment.opens_at = timezone.now() - datetime.timedelta(days=10)
    assignment.due_at = timezone.now() - datetime.timedelta(days=1)
    assignment.save()
    response = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk]), {"sort": "status"})
    # dora is still in progress after the due date; the others finished after it.
    rows = [(row.username, row.progress.status.label) for row in response.context["report"].rows]
    assert rows == [("dora", "Overdue"), ("anna", "Done (late)"), ("Bea", "Done (late)"), ("carl", "Done (late)")]
