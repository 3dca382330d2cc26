"""`create_demo_users`: the README's logins, and a demo class so the instructor's pages have data."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from content.models import Fact
from quiz.models import Assignment, Classroom

pytestmark = pytest.mark.django_db


def test_the_demo_logins_work_and_the_roles_are_set():
    call_command("create_demo_users", stdout=StringIO())
    users = {user.username: user for user in get_user_model().objects.all()}
    assert users["admin"].is_staff and users["admin"].check_password("hallyu-admin")
    assert list(users["instructor"].groups.values_list("name", flat=True)) == ["instructor"]
    assert list(users["student"].groups.values_list("name", flat=True)) == ["student"]


def test_the_demo_class_holds_the_student_and_an_assignment(real_bank):
    call_command("create_demo_users", stdout=StringIO())
    classroom = Classroom.objects.get(name="Demo class")
    usernames = sorted(student.username for student in classroom.students.all())
    assert "student" in usernames
    assert len([name for name in usernames if name.startswith("demo-")]) == 12
    assert Assignment.objects.get(classroom=classroom).quiz.questions.count() == 10


def test_running_it_twice_changes_nothing_more(real_bank):
    call_command("create_demo_users", stdout=StringIO())
    call_command("create_demo_users", stdout=StringIO())
    assert Classroom.objects.count() == 1 and Assignment.objects.count() == 1


def test_without_facts_the_demo_class_has_no_assignment():
    # The module's real bank may be loaded (a module-scoped fixture): retire every fact for this test.
    Fact.objects.update(is_active=False)
    out = StringIO()
    call_command("create_demo_users", stdout=out)
    assert "no facts loaded yet" in out.getvalue()
    assert not Assignment.objects.exists()
