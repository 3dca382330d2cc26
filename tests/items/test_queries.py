"""The item analysis page runs the same number of queries for a class of 5 and a class of 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AssignmentFactory, QuestionFactory
from tests.items.conftest import BRAVO, CHARLIE, IN_ORDER, student_in, take

pytestmark = pytest.mark.django_db
# session, user, the user's groups (instructor check), assignment, attempts, answers, questions, report counts
ITEM_PAGE_QUERIES = 8


def class_of(instructor, size: int):
    assignment = AssignmentFactory(classroom__owner=instructor)
    QuestionFactory(quiz=assignment.quiz, position=0)
    QuestionFactory(quiz=assignment.quiz, position=1)
    QuestionFactory(quiz=assignment.quiz, position=2, timeline=True)
    for number in range(size):
        student = student_in(assignment)
        take(assignment, student, {0: CHARLIE if number % 2 else BRAVO, 1: CHARLIE, 2: IN_ORDER})
        if number % 3 == 0:
            take(assignment, student, {0: CHARLIE, 1: CHARLIE, 2: IN_ORDER})  # a retake
    return assignment


def count_queries(client, assignment) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("quiz:item-analysis", args=[assignment.pk]))
    assert response.status_code == 200
    return sum(1 for query in queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))


def test_query_count_does_not_grow_with_the_class(client, instructor):
    client.force_login(instructor)
    small = count_queries(client, class_of(instructor, 5))
    large = count_queries(client, class_of(instructor, 30))
    assert small == large == ITEM_PAGE_QUERIES
