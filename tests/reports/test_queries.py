"""The class report runs as many queries for 5 students as for 50: nothing is fetched per student or per fact."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import Fact
from quiz.models import Attempt
from tests.factories import FactFactory, MemoryStateFactory
from tests.reports.conftest import attempt_on, student_in

pytestmark = pytest.mark.django_db
# session, user, the user's groups (instructor_required), the assignment with its class; then the report:
# members, progress (attempts, fact counts, mastery sums), countries, themes, cells, the facts counted, and
# four mastery sums (by learner for the levels, then by learner x country, learner x theme, country x theme),
# and the questions' dropped-from-scoring marks.
REPORT_QUERIES = 17


def grow_class(assignment, *, to: int) -> None:
    """Students up to `to`, each with a finished and an open attempt and a memory of every assignment fact."""
    facts = list(Fact.objects.filter(quiz_questions__quiz=assignment.quiz))
    for n in range(assignment.classroom.memberships.count(), to):
        student = student_in(assignment, f"student-{n:03}")
        attempt_on(assignment, student, score=n % 4, minutes=n)
        attempt_on(assignment, student, state=Attempt.State.IN_PROGRESS, answered=1, score=1)
        for fact in facts:
            MemoryStateFactory(learner=student, fact=fact, stability=1 + n % 30)


def data_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return sum(1 for query in captured.captured_queries if "SAVEPOINT" not in query["sql"].upper())


@pytest.mark.parametrize("route", ["quiz:class-report", "quiz:class-report-csv"])
def test_the_report_runs_as_many_queries_for_5_students_as_for_50(instructor_client, assignment, route):
    url = reverse(route, args=[assignment.pk]) + "?sort=-mastery"
    grow_class(assignment, to=5)
    small = data_queries(instructor_client, url)
    grow_class(assignment, to=50)
    large = data_queries(instructor_client, url)
    assert small == large
    assert large <= REPORT_QUERIES


def test_the_report_runs_the_same_queries_on_a_bank_ten_times_larger(
    instructor_client, assignment, django_assert_num_queries
):
    url = reverse("quiz:class-report", args=[assignment.pk])
    grow_class(assignment, to=5)
    for _ in range(2):
        with django_assert_num_queries(REPORT_QUERIES):
            assert instructor_client.get(url).status_code == 200
        FactFactory.create_batch(10 * Fact.objects.count())
