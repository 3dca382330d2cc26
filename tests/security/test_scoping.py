"""Objects looked up by id belong to the requester (or their class): anything else is a 404, partials included.

Already covered elsewhere, not repeated here:
- tests/player/test_tampering.py: another learner's attempt (answer, finish, abandon, attempt, review and the
  full question page) is a 404 and changes nothing; a missing attempt is a 404.
- tests/classes/test_classrooms.py: another instructor's class page, code change, assign form and
  remove-student are 404s; removing someone who is in none of the instructor's classes is a 404.
- tests/classes/test_topic_sets.py: another instructor's topic set is a 404 to see, edit or POST.
- tests/classes/test_assignments.py: another instructor's assignment page is a 404, their topic set cannot be
  assigned; a student outside the class (or removed from it) cannot start its assignment.
- tests/reports/test_access.py: another instructor's class report and its CSV are 404s, a student is refused.
- tests/items/test_page.py: another instructor's item analysis is a 404, a student gets 403.
- tests/accounts/test_signup.py: extra sign-up fields cannot make a staff account.
- tests/flashcards/test_rating.py: a retired or unknown card is a 400, and a rating never touches another
  learner's memory.

What follows covers the rest: the htmx partials, the class's own instructor reaching into a student's
attempt, and ids that are real but belong to a neighbouring object of the same owner.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from quiz.models import Membership
from tests.conftest import HTMX
from tests.factories import AssignmentFactory, ClassroomFactory, InstructorFactory, MembershipFactory, UserFactory
from tests.security.conftest import row_counts

pytestmark = pytest.mark.django_db


def test_another_learners_question_partial_is_not_found(world, client):
    client.force_login(UserFactory())
    assert client.get(reverse("quiz:question", args=[world.attempt.pk, 1]), **HTMX).status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [("quiz:answer", {"step": 0, "option": 2}), ("quiz:finish", {"confirm": "yes"}), ("quiz:abandon", {})],
)
def test_another_learners_attempt_is_not_found_over_htmx_and_nothing_is_written(world, client, name, data):
    client.force_login(UserFactory())
    before = row_counts()
    response = client.post(reverse(name, args=[world.attempt.pk]), data, **HTMX)
    assert response.status_code == 404
    assert row_counts() == before
    world.attempt.refresh_from_db()
    assert (world.attempt.state, world.attempt.step) == ("in_progress", 0)


@pytest.mark.parametrize("name", ["quiz:attempt", "quiz:question", "quiz:review"])
def test_the_classes_own_instructor_cannot_open_a_students_attempt(world, client, name):
    """Instructors read results through the report, never through the student's own pages."""
    client.force_login(world.instructor)
    args = [world.attempt.pk, 1] if name == "quiz:question" else [world.attempt.pk]
    assert client.get(reverse(name, args=args)).status_code == 404


def test_the_classes_own_instructor_cannot_answer_for_a_student(world, client):
    client.force_login(world.instructor)
    before = row_counts()
    assert client.post(reverse("quiz:answer", args=[world.attempt.pk]), {"step": 0, "option": 2}).status_code == 404
    assert row_counts() == before


def test_removing_a_student_of_my_other_class_through_this_class_is_not_found(world, client):
    other_class = ClassroomFactory(owner=world.instructor)
    outsider = MembershipFactory(classroom=other_class).student
    client.force_login(world.instructor)
    url = reverse("quiz:classroom-remove-student", args=[world.classroom.pk, outsider.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(classroom=other_class, student=outsider).exists()


def test_removing_my_student_through_another_instructors_class_is_not_found(world, client):
    """The student id is right, the class is not the instructor's: the student stays in both."""
    theirs = ClassroomFactory()
    MembershipFactory(classroom=theirs, student=world.student)
    client.force_login(world.instructor)
    url = reverse("quiz:classroom-remove-student", args=[theirs.pk, world.student.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(student=world.student).count() == 2


def test_a_student_of_the_class_cannot_start_an_assignment_of_another_class(world, client):
    elsewhere = ClassroomFactory(owner=world.instructor)
    other = AssignmentFactory(classroom=elsewhere)
    client.force_login(world.student)
    before = row_counts()
    assert client.post(reverse("quiz:assignment-start", args=[other.pk])).status_code == 404
    assert row_counts() == before


def test_an_instructor_who_is_a_member_of_the_class_gets_no_item_analysis(world, client):
    """Membership is for students (the report and its CSV: tests/reports/test_access.py)."""
    student_instructor = InstructorFactory()
    MembershipFactory(classroom=world.classroom, student=student_instructor)
    client.force_login(student_instructor)
    assert client.get(reverse("quiz:item-analysis", args=[world.assignment.pk])).status_code == 404
