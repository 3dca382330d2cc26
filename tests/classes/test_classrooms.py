"""Instructors create classes, share and replace join codes, and remove students; only their own classes."""

import datetime
from unittest import mock

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from quiz import classes
from quiz.models import Classroom, Membership, new_join_code
from tests.factories import ClassroomFactory, MembershipFactory, UserFactory
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db


def test_creating_a_class_gives_it_a_join_code_that_expires(instructor_client, instructor):
    response = instructor_client.post(reverse("quiz:classroom-create"), {"name": "Korean 101", "code_valid_days": 14})
    classroom = Classroom.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("quiz:classroom", args=[classroom.pk])
    assert classroom.owner == instructor and len(classroom.join_code) == 8
    expected = timezone.now() + datetime.timedelta(days=14)
    assert abs(classroom.join_code_expires_at - expected) < datetime.timedelta(minutes=1)


def test_a_class_name_is_unique_per_instructor(instructor_client, instructor):
    ClassroomFactory(owner=instructor, name="Korean 101")
    response = instructor_client.post(reverse("quiz:classroom-create"), {"name": "Korean 101", "code_valid_days": 0})
    assert response.status_code == 400
    assert "You already have a class with this name." in response.content.decode()
    assert Classroom.objects.count() == 1


def test_another_instructor_may_reuse_a_class_name(instructor_client):
    ClassroomFactory(name="Korean 101")
    response = instructor_client.post(reverse("quiz:classroom-create"), {"name": "Korean 101", "code_valid_days": 0})
    assert response.status_code == 303


def test_the_class_page_shows_the_code_and_the_members(instructor_client, instructor):
    classroom = ClassroomFactory(owner=instructor)
    MembershipFactory(classroom=classroom, student=UserFactory(username="zarina"))
    response = instructor_client.get(reverse("quiz:classroom", args=[classroom.pk]))
    page = response.content.decode()
    assert classroom.join_code in page and "zarina" in page
    assert_valid_html(response)


def test_an_instructor_sees_only_their_own_classes(instructor_client, instructor):
    ClassroomFactory(owner=instructor, name="Mine")
    ClassroomFactory(name="Someone else's")
    page = instructor_client.get(reverse("quiz:teach")).content.decode()
    assert "Mine" in page and "Someone else" not in page


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("quiz:classroom", "get"),
        ("quiz:classroom-code", "post"),
        ("quiz:assignment-create", "get"),
        ("quiz:assignment-create", "post"),
    ],
)
def test_another_instructors_class_is_a_404(instructor_client, name, method):
    other = ClassroomFactory()
    code = other.join_code
    response = getattr(instructor_client, method)(reverse(name, args=[other.pk]), {"code_valid_days": 7})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.join_code == code and not other.assignments.exists()


def test_another_instructor_cannot_remove_a_student(instructor_client):
    membership = MembershipFactory()
    url = reverse("quiz:classroom-remove-student", args=[membership.classroom_id, membership.student_id])
    assert instructor_client.post(url).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_staff_see_every_class(client):
    classroom = ClassroomFactory()
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("quiz:classroom", args=[classroom.pk])).status_code == 200


def test_students_cannot_reach_instructor_pages(student_client):
    classroom = ClassroomFactory()
    assert student_client.get(reverse("quiz:teach")).status_code == 403
    assert student_client.get(reverse("quiz:classroom", args=[classroom.pk])).status_code == 403
    assert student_client.post(reverse("quiz:classroom-create"), {"name": "x", "code_valid_days": 7}).status_code == 403
    assert Classroom.objects.count() == 1


def test_replacing_the_code_stops_the_old_one(instructor_client, instructor):
    classroom = ClassroomFactory(owner=instructor)
    old = classroom.join_code
    response = instructor_client.post(reverse("quiz:classroom-code", args=[classroom.pk]), {"code_valid_days": 0})
    classroom.refresh_from_db()
    assert response.status_code == 303
    assert classroom.join_code != old and classroom.join_code_expires_at is None
    assert not Classroom.objects.filter(join_code=old).exists()


def test_a_bad_code_validity_is_refused(instructor_client, instructor):
    classroom = ClassroomFactory(owner=instructor)
    old = classroom.join_code
    response = instructor_client.post(reverse("quiz:classroom-code", args=[classroom.pk]), {"code_valid_days": "x"})
    assert response.status_code == 400
    classroom.refresh_from_db()
    assert classroom.join_code == old


def test_removing_a_student_takes_them_out_of_the_class(instructor_client, instructor):
    membership = MembershipFactory(classroom=ClassroomFactory(owner=instructor))
    url = reverse("quiz:classroom-remove-student", args=[membership.classroom_id, membership.student_id])
    response = instructor_client.post(url)
    assert response.status_code == 303
    assert not Membership.objects.exists()


def test_removing_someone_not_in_the_class_is_a_404(instructor_client, instructor):
    classroom = ClassroomFactory(owner=instructor)
    url = reverse("quiz:classroom-remove-student", args=[classroom.pk, UserFactory().pk])
    assert instructor_client.post(url).status_code == 404


def test_the_teach_and_new_class_pages_are_valid(instructor_client, instructor):
    ClassroomFactory(owner=instructor)
    assert_valid_html(instructor_client.get(reverse("quiz:teach")))
    assert_valid_html(instructor_client.get(reverse("quiz:classroom-create")))
    assert_valid_html(instructor_client.post(reverse("quiz:classroom-create"), {"name": ""}))


@pytest.mark.parametrize("action", ["create", "new code"])
def test_a_join_code_another_class_holds_is_drawn_again(instructor, action):
    taken = ClassroomFactory().join_code
    classroom = ClassroomFactory(owner=instructor) if action == "new code" else None
    with mock.patch("quiz.classes.new_join_code", side_effect=[taken, "FRESH234"]):
        if action == "create":
            classroom = classes.create_classroom(owner=instructor, name="Year 11")
        else:
            classes.new_code(classroom=classroom, expires_at=None)
    classroom.refresh_from_db()
    assert classroom.join_code == "FRESH234"


def test_a_class_name_the_owner_already_uses_is_not_retried(instructor):
    ClassroomFactory(owner=instructor, name="Year 11")
    with mock.patch("quiz.classes.new_join_code", wraps=new_join_code) as draw, pytest.raises(IntegrityError):
        classes.create_classroom(owner=instructor, name="Year 11")
    assert draw.call_count == 1
