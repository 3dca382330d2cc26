"""Students join a class with its code; a wrong or expired code fails clearly and changes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.models import Membership
from tests.factories import ClassroomFactory, MembershipFactory
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db
JOIN = reverse("quiz:join-classroom")


def test_a_valid_code_makes_the_student_a_member(student_client, student):
    classroom = ClassroomFactory(name="Korean 101")
    response = student_client.post(JOIN, {"code": classroom.join_code}, follow=True)
    assert Membership.objects.filter(classroom=classroom, student=student).exists()
    assert "You joined Korean 101" in response.content.decode()


def test_codes_are_accepted_in_lower_case_and_with_spaces(student_client, student):
    classroom = ClassroomFactory(join_code="ABCD2345")
    student_client.post(JOIN, {"code": " abcd 2345 "})
    assert Membership.objects.filter(classroom=classroom, student=student).exists()


def test_a_wrong_code_is_refused_clearly(student_client):
    ClassroomFactory(join_code="ABCD2345")
    response = student_client.post(JOIN, {"code": "ZZZZ9999"})
    assert response.status_code == 400
    assert "No class has this code" in response.content.decode()
    assert response.context["form"].has_error("code", "join_refused")
    assert not Membership.objects.exists()
    assert_valid_html(response)


def test_an_expired_code_is_refused_clearly(student_client):
    ClassroomFactory(name="Korean 101", join_code_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    classroom = ClassroomFactory._meta.model.objects.get()
    response = student_client.post(JOIN, {"code": classroom.join_code})
    assert response.status_code == 400
    assert "The code for Korean 101 has expired" in response.content.decode()
    assert not Membership.objects.exists()


def test_an_empty_code_is_refused(student_client):
    response = student_client.post(JOIN, {"code": ""})
    assert response.status_code == 400
    assert not Membership.objects.exists()


def test_joining_twice_keeps_one_membership(student_client, student):
    membership = MembershipFactory(student=student)
    response = student_client.post(JOIN, {"code": membership.classroom.join_code}, follow=True)
    assert Membership.objects.count() == 1
    assert "already in" in response.content.decode()


def test_an_instructor_cannot_join_their_own_class(instructor_client, instructor):
    classroom = ClassroomFactory(owner=instructor)
    response = instructor_client.post(JOIN, {"code": classroom.join_code})
    assert response.status_code == 400
    assert not Membership.objects.exists()


def test_the_join_page_is_valid(student_client):
    assert_valid_html(student_client.get(JOIN))
