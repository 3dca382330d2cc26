"""The item analysis page: who may see it, what it shows, and that it is valid HTML."""

import pytest
from django.urls import reverse

from tests.factories import InstructorFactory, UserFactory
from tests.html import assert_valid_html
from tests.items.conftest import BRAVO, CHARLIE, IN_ORDER, student_in, take

pytestmark = pytest.mark.django_db


def url(assignment) -> str:
    return reverse("quiz:item-analysis", args=[assignment.pk])


@pytest.fixture
def answered(assignment):
    take(assignment, student_in(assignment), {0: CHARLIE, 1: CHARLIE, 2: IN_ORDER})
    take(assignment, student_in(assignment), {0: BRAVO, 1: CHARLIE, 2: [2, 0, 3, 1]})
    take(assignment, student_in(assignment), {0: BRAVO, 1: BRAVO})
    return assignment


def test_the_instructor_sees_the_figures(client, instructor, answered):
    client.force_login(instructor)
    response = client.get(url(answered))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Item analysis: {answered.title}" in page
    assert answered.classroom.name in page
    assert "3 attempts analysed" in page
    assert "first finished attempt" in page
    assert "33.3%" in page  # Q1: one of three right
    assert "“Agency Bravo”" in page
    assert "1 unanswered" in page
    assert f'href="{reverse("quiz:assignment", args=[answered.pk])}"' in page


def test_flags_are_written_out(client, instructor, assignment):
    for _ in range(5):
        take(assignment, student_in(assignment), {0: BRAVO, 1: CHARLIE, 2: IN_ORDER})
    client.force_login(instructor)
    page = client.get(url(assignment)).content.decode()
    # Written out in the table, not only coloured: Q1 nobody got right, Q2 and the timeline everybody did.
    assert page.count('<span class="item-flag flag-very-hard">Very hard</span>') == 1
    assert page.count('<span class="item-flag flag-very-easy">Very easy</span>') == 2
    assert "No question is flagged until" not in page


def test_no_flag_below_the_minimum_and_the_page_says_why(client, instructor, assignment):
    for _ in range(4):
        take(assignment, student_in(assignment), {0: BRAVO, 1: CHARLIE, 2: IN_ORDER})
    client.force_login(instructor)
    page = client.get(url(assignment)).content.decode()
    assert "item-flag" not in page
    assert "No question is flagged until 5 students have finished" in page
    assert "at least <strong>5 students</strong>" in page


def test_a_possibly_mis_keyed_question_links_to_its_fact(client, instructor, assignment):
    strong = {0: CHARLIE, 1: CHARLIE, 2: [2, 0, 3, 1]}
    weak = {0: BRAVO, 1: BRAVO, 2: [0, 1, 2, 3]}
    for given in (strong, strong, strong, weak, weak):
        take(assignment, student_in(assignment), given)
    client.force_login(instructor)
    response = client.get(url(assignment))
    assert_valid_html(response)
    page = response.content.decode()
    assert page.count("Possibly mis-keyed</span>") == 1
    assert f'href="{reverse("quiz:assignment", args=[assignment.pk])}#question-3"' in page
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    timeline = assignment.quiz.questions.get(position=2)
    page = client.get(url(assignment)).content.decode()
    assert reverse("admin:content_fact_change", args=[timeline.fact_ids[0]]) + '">Check the fact' in page


def test_the_page_is_valid_html(client, instructor, answered):
    client.force_login(instructor)
    assert_valid_html(client.get(url(answered)))


def test_the_page_is_valid_html_before_anyone_finished(client, instructor, assignment):
    client.force_login(instructor)
    response = client.get(url(assignment))
    assert_valid_html(response)
    assert "No student has finished this assignment yet" in response.content.decode()


def test_staff_see_links_to_edit_each_fact_in_the_admin(client, answered):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(url(answered))
    assert_valid_html(response)
    page = response.content.decode()
    for question in answered.quiz.questions.all():
        for fact_id in question.fact_ids:
            assert reverse("admin:content_fact_change", args=[fact_id]) in page


def test_instructors_who_are_not_staff_get_no_admin_links(client, instructor, answered):
    client.force_login(instructor)
    page = client.get(url(answered)).content.decode()
    assert "/admin/" not in page
    fact_id = answered.quiz.questions.first().fact_ids[0]
    assert reverse("admin:content_fact_change", args=[fact_id]) not in page


def test_another_instructor_gets_404(client, answered):
    client.force_login(InstructorFactory())
    assert client.get(url(answered)).status_code == 404


def test_a_student_gets_403(client, answered):
    member = answered.classroom.memberships.first().student
    client.force_login(member)
    assert client.get(url(answered)).status_code == 403


def test_the_page_answers_get_only(client, instructor, answered):
    client.force_login(instructor)
    assert client.post(url(answered)).status_code == 405


def test_an_unknown_assignment_is_404(client, instructor):
    client.force_login(instructor)
    assert client.get(reverse("quiz:item-analysis", args=[999_999])).status_code == 404
