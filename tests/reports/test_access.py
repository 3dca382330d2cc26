"""Who may see a class report: the class's instructor and staff; a student is refused, another instructor sees 404."""

import pytest
from django.urls import reverse

from tests.factories import InstructorFactory, UserFactory
from tests.reports.conftest import student_in

pytestmark = pytest.mark.django_db
ROUTES = ["quiz:class-report", "quiz:class-report-csv"]


@pytest.mark.parametrize("route", ROUTES)
def test_the_classes_instructor_gets_the_report(instructor_client, assignment, hand_made, route):
    assert instructor_client.get(reverse(route, args=[assignment.pk])).status_code == 200


@pytest.mark.parametrize("route", ROUTES)
def test_a_student_of_the_class_is_refused(client, assignment, hand_made, route):
    # The report holds every classmate's results: a student never sees it, even of their own class.
    client.force_login(hand_made["alice"])
    assert client.get(reverse(route, args=[assignment.pk])).status_code == 403


@pytest.mark.parametrize("route", ROUTES)
def test_a_student_of_another_class_is_refused(client, assignment, hand_made, route):
    client.force_login(UserFactory())
    assert client.get(reverse(route, args=[assignment.pk])).status_code == 403


@pytest.mark.parametrize("route", ROUTES)
def test_another_instructors_report_is_not_found(client, assignment, hand_made, route):
    client.force_login(InstructorFactory())
    assert client.get(reverse(route, args=[assignment.pk])).status_code == 404


@pytest.mark.parametrize("route", ROUTES)
def test_another_instructor_who_is_a_member_of_the_class_still_gets_not_found(client, assignment, route):
    # Membership is for students; it opens nothing of the instructor's.
    other = InstructorFactory()
    student_in(assignment, other.username)
    client.force_login(other)
    assert client.get(reverse(route, args=[assignment.pk])).status_code == 404


@pytest.mark.parametrize("route", ROUTES)
def test_a_missing_assignment_is_not_found(instructor_client, route):
    assert instructor_client.get(reverse(route, args=[999_999])).status_code == 404


@pytest.mark.parametrize("route", ROUTES)
def test_staff_see_any_classes_report(client, assignment, hand_made, route):
    client.force_login(UserFactory(username="admin", is_staff=True))
    response = client.get(reverse(route, args=[assignment.pk]))
    assert response.status_code == 200
    assert b"alice" in response.content


@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_visitors_are_sent_to_log_in(client, assignment, route):
    response = client.get(reverse(route, args=[assignment.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("route", ROUTES)
def test_a_post_is_refused(instructor_client, assignment, route):
    assert instructor_client.post(reverse(route, args=[assignment.pk])).status_code == 405
