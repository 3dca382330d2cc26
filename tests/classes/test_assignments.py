"""Assignments: given from a topic set, frozen as one quiz, started by members, with statuses over time."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.classes import AssignmentStatus, assign, attempt_summaries, progress_by_student, student_progress
from quiz.models import Assignment, Attempt, Quiz, TopicSet
from tests.factories import (
    AssignmentFactory,
    AttemptFactory,
    ClassroomFactory,
    CountryFactory,
    FactFactory,
    MembershipFactory,
    MemoryStateFactory,
    QuestionFactory,
    TopicSetFactory,
    UserFactory,
)
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db
NOW = timezone.now()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def bank(db):
    country = CountryFactory()
    return [
        FactFactory(countries=[country], answer=f"Agency {n}", statement=f"Agency {n} runs programme {n}.")
        for n in range(8)
    ]


def test_assigning_freezes_the_topic_sets_questions_as_one_quiz(instructor, bank):
    classroom = ClassroomFactory(owner=instructor)
    topic_set = TopicSetFactory(owner=instructor, question_count=3)
    assignment = assign(classroom=classroom, topic_set=topic_set, opens_at=NOW, due_at=NOW + DAY, seed=1)
    assert assignment.quiz.questions.count() == 3
    assert assignment.title == topic_set.name and assignment.quiz.owner == instructor


def test_the_assign_form_creates_the_assignment(instructor_client, instructor, bank):
    classroom = ClassroomFactory(owner=instructor)
    topic_set = TopicSetFactory(owner=instructor, question_count=3)
    data = {
        "topic_set": topic_set.pk,
        "opens_at": "2026-01-05T09:00",
        "due_at": "2026-01-12T09:00",
        "mastery_target": 60,
    }
    response = instructor_client.post(reverse("quiz:assignment-create", args=[classroom.pk]), data)
    assignment = Assignment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("quiz:assignment", args=[assignment.pk])
    assert assignment.mastery_target == 60 and assignment.due_at - assignment.opens_at == 7 * DAY


def test_a_due_date_before_the_opening_is_refused(instructor_client, instructor, bank):
    classroom = ClassroomFactory(owner=instructor)
    topic_set = TopicSetFactory(owner=instructor)
    data = {"topic_set": topic_set.pk, "opens_at": "2026-01-12T09:00", "due_at": "2026-01-05T09:00"}
    response = instructor_client.post(reverse("quiz:assignment-create", args=[classroom.pk]), data)
    assert response.status_code == 400
    assert "The due date must be after the opening date." in response.content.decode()
    assert response.context["form"].has_error("due_at", "due_before_opening")
    assert not Assignment.objects.exists() and not Quiz.objects.exists()


def test_another_instructors_topic_set_cannot_be_assigned(instructor_client, instructor, bank):
    classroom = ClassroomFactory(owner=instructor)
    data = {"topic_set": TopicSetFactory().pk, "opens_at": "2026-01-05T09:00", "due_at": "2026-01-12T09:00"}
    response = instructor_client.post(reverse("quiz:assignment-create", args=[classroom.pk]), data)
    assert response.status_code == 400
    assert not Assignment.objects.exists()


def test_a_topic_set_with_no_material_is_refused_clearly(instructor_client, instructor):
    classroom = ClassroomFactory(owner=instructor)
    topic_set = TopicSetFactory(owner=instructor)
    data = {"topic_set": topic_set.pk, "opens_at": "2026-01-05T09:00", "due_at": "2026-01-12T09:00"}
    response = instructor_client.post(reverse("quiz:assignment-create", args=[classroom.pk]), data)
    assert response.status_code == 400
    assert "No question can be built from this topic set" in response.content.decode()
    assert response.context["form"].has_error("topic_set", "no_questions")
    assert not Quiz.objects.exists()


def test_the_assignment_page_shows_its_questions_and_links(instructor_client, instructor):
    assignment = AssignmentFactory(classroom=ClassroomFactory(owner=instructor))
    QuestionFactory(quiz=assignment.quiz, position=0)
    response = instructor_client.get(reverse("quiz:assignment", args=[assignment.pk]))
    page = response.content.decode()
    assert reverse("quiz:class-report", args=[assignment.pk]) in page
    assert reverse("quiz:item-analysis", args=[assignment.pk]) in page
    assert_valid_html(response)


def test_another_instructors_assignment_is_a_404(instructor_client):
    assert instructor_client.get(reverse("quiz:assignment", args=[AssignmentFactory().pk])).status_code == 404


def member_assignment(student, **kwargs):
    assignment = AssignmentFactory(**kwargs)
    QuestionFactory(quiz=assignment.quiz, position=0)
    QuestionFactory(quiz=assignment.quiz, position=1)
    MembershipFactory(classroom=assignment.classroom, student=student)
    return assignment


def test_a_member_starts_an_assignment_and_lands_on_its_first_question(student_client, student):
    assignment = member_assignment(student)
    response = student_client.post(reverse("quiz:assignment-start", args=[assignment.pk]))
    attempt = Attempt.objects.get()
    assert response.status_code == 303 and response["Location"] == reverse("quiz:attempt", args=[attempt.pk])
    assert (attempt.quiz_id, attempt.learner, attempt.question_count) == (assignment.quiz_id, student, 2)


def test_starting_again_resumes_the_open_attempt(student_client, student):
    assignment = member_assignment(student)
    url = reverse("quiz:assignment-start", args=[assignment.pk])
    student_client.post(url)
    student_client.post(url)
    assert Attempt.objects.count() == 1


def test_a_student_outside_the_class_gets_a_404(student_client):
    assignment = AssignmentFactory()
    assert student_client.post(reverse("quiz:assignment-start", args=[assignment.pk])).status_code == 404
    assert not Attempt.objects.exists()


def test_a_removed_student_can_no_longer_start_it(student_client, student):
    assignment = member_assignment(student)
    assignment.classroom.memberships.all().delete()
    assert student_client.post(reverse("quiz:assignment-start", args=[assignment.pk])).status_code == 404


def test_an_assignment_not_open_yet_cannot_be_started(student_client, student):
    assignment = member_assignment(student, opens_at=NOW + DAY)
    response = student_client.post(reverse("quiz:assignment-start", args=[assignment.pk]), follow=True)
    assert "opens on" in response.content.decode()
    assert not Attempt.objects.exists()


def test_starting_is_a_post(student_client, student):
    assignment = member_assignment(student)
    assert student_client.get(reverse("quiz:assignment-start", args=[assignment.pk])).status_code == 405


def status(assignment, student, *, mastery=None, now=NOW):
    """The student's status as computed from their stored attempts (and mastery, when given)."""
    progress = progress_by_student(assignment=assignment, student_ids=[student.pk], now=now)[student.pk]
    if mastery is None:
        return progress.status
    summary = attempt_summaries(quiz_ids=[assignment.quiz_id], learner_ids=[student.pk])[
        (student.pk, assignment.quiz_id)
    ]
    return student_progress(assignment=assignment, summary=summary, mastery_percent=mastery, now=now).status


def finished(assignment, student, *, at):
    return AttemptFactory(
        quiz=assignment.quiz, learner=student, state="finished", finished_at=at, step=0, question_count=2
    )


def test_status_moves_from_not_started_to_in_progress_to_done(student):
    assignment = member_assignment(student)
    assert status(assignment, student) == AssignmentStatus.NOT_STARTED
    AttemptFactory(quiz=assignment.quiz, learner=student, question_count=2)
    assert status(assignment, student) == AssignmentStatus.IN_PROGRESS
    finished(assignment, student, at=NOW)
    assert status(assignment, student) == AssignmentStatus.DONE


def test_an_abandoned_attempt_does_not_count_as_started(student):
    assignment = member_assignment(student)
    AttemptFactory(quiz=assignment.quiz, learner=student, question_count=2, state="abandoned", finished_at=NOW)
    assert status(assignment, student) == AssignmentStatus.NOT_STARTED


def test_status_before_opening_is_not_open(student):
    assert status(member_assignment(student, opens_at=NOW + DAY), student) == AssignmentStatus.NOT_OPEN


def test_unfinished_work_past_the_due_date_is_overdue(student):
    assignment = member_assignment(student, opens_at=NOW - 3 * DAY, due_at=NOW - DAY)
    assert status(assignment, student) == AssignmentStatus.OVERDUE
    AttemptFactory(quiz=assignment.quiz, learner=student, question_count=2)
    assert status(assignment, student) == AssignmentStatus.OVERDUE


def test_work_finished_after_the_due_date_is_done_late(student):
    assignment = member_assignment(student, opens_at=NOW - 3 * DAY, due_at=NOW - DAY)
    finished(assignment, student, at=NOW)
    assert status(assignment, student) == AssignmentStatus.DONE_LATE


def test_work_finished_before_the_due_date_stays_done_after_it(student):
    assignment = member_assignment(student, opens_at=NOW - 3 * DAY, due_at=NOW - DAY)
    finished(assignment, student, at=NOW - 2 * DAY)
    assert status(assignment, student) == AssignmentStatus.DONE


def test_with_a_mastery_target_a_finished_attempt_is_not_enough(student):
    assignment = member_assignment(student, mastery_target=80)
    finished(assignment, student, at=NOW)
    assert status(assignment, student, mastery=50) == AssignmentStatus.IN_PROGRESS
    assert status(assignment, student, mastery=80) == AssignmentStatus.DONE


def test_best_score_and_time_spent_are_summed_over_attempts(student):
    assignment = member_assignment(student)
    start = NOW - DAY
    for score, minutes in ((1.0, 10), (2.0, 5)):
        attempt = AttemptFactory(
            quiz=assignment.quiz,
            learner=student,
            question_count=2,
            step=2,
            score=score,
            correct_count=int(score),
            state="finished",
            finished_at=start + datetime.timedelta(minutes=minutes),
        )
        Attempt.objects.filter(pk=attempt.pk).update(started_at=start)
    progress = progress_by_student(assignment=assignment, student_ids=[student.pk], now=NOW)[student.pk]
    assert (progress.best_percent, progress.attempts, progress.minutes_spent) == (100, 2, 15)


def test_the_dashboard_lists_assignments_with_their_status(student_client, student):
    member_assignment(student, title="Diaspora week")
    response = student_client.get(reverse("quiz:dashboard"))
    page = response.content.decode()
    assert "Diaspora week" in page and "Not started" in page
    assert_valid_html(response)


def test_the_dashboard_reads_mastery_on_the_assignments_facts(student_client, student):
    assignment = member_assignment(student, mastery_target=50)
    fact_ids = [fact_id for question in assignment.quiz.questions.all() for fact_id in question.fact_ids]
    MemoryStateFactory(learner=student, fact_id=fact_ids[0], stability=21)
    ((_, progress),) = student_client.get(reverse("quiz:dashboard")).context["assignments"]
    assert progress.mastery_percent == 50


def test_the_dashboard_does_not_list_other_classes_assignments(student_client):
    AssignmentFactory(title="Not yours")
    MembershipFactory(student=UserFactory())
    assert "Not yours" not in student_client.get(reverse("quiz:dashboard")).content.decode()


def test_the_assign_form_is_valid_html(instructor_client, instructor):
    classroom = ClassroomFactory(owner=instructor)
    TopicSetFactory(owner=instructor)
    assert_valid_html(instructor_client.get(reverse("quiz:assignment-create", args=[classroom.pk])))


# Issue 18: a title, instructions and sensible defaults.


def test_the_assign_form_takes_a_title_and_instructions(instructor_client, instructor, bank):
    classroom = ClassroomFactory(owner=instructor)
    topic_set = TopicSetFactory(owner=instructor, question_count=3)
    data = {
        "topic_set": topic_set.pk,
        "title": "Week 3: diaspora",
        "instructions": "Read chapter 3 first.\nTake it once.",
        "opens_at": "2026-01-05T09:00",
        "due_at": "2026-01-12T09:00",
    }
    assert instructor_client.post(reverse("quiz:assignment-create", args=[classroom.pk]), data).status_code == 303
    assignment = Assignment.objects.get()
    assert (assignment.title, assignment.instructions) == ("Week 3: diaspora", "Read chapter 3 first.\nTake it once.")
    assert assignment.quiz.title == "Week 3: diaspora"  # the player's panel shows the quiz's title
    page = instructor_client.get(reverse("quiz:assignment", args=[assignment.pk]))
    assert_valid_html(page)
    assert "Read chapter 3 first.<br>Take it once." in page.content.decode()


def test_without_a_title_the_assignment_takes_the_topic_sets_name(instructor, bank):
    topic_set = TopicSetFactory(owner=instructor, question_count=3, name="Diaspora basics")
    classroom = ClassroomFactory(owner=instructor)
    assignment = assign(classroom=classroom, topic_set=topic_set, opens_at=NOW, due_at=NOW + DAY, seed=1, title="  ")
    assert (assignment.title, assignment.instructions) == ("Diaspora basics", "")


def test_instructions_too_long_are_a_form_error(instructor_client, instructor, bank):
    classroom = ClassroomFactory(owner=instructor)
    topic_set = TopicSetFactory(owner=instructor, question_count=3)
    data = {
        "topic_set": topic_set.pk,
        "instructions": "x" * 2001,
        "opens_at": "2026-01-05T09:00",
        "due_at": "2026-01-12T09:00",
    }
    response = instructor_client.post(reverse("quiz:assignment-create", args=[classroom.pk]), data)
    assert response.status_code == 400 and not Assignment.objects.exists()
    assert "at most 2000 characters" in response.content.decode()


def test_the_topic_set_menu_defaults_to_the_most_recent_set_and_the_due_date_to_a_week(instructor_client, instructor):
    classroom = ClassroomFactory(owner=instructor)
    TopicSetFactory(owner=instructor, name="Alphabetically first")
    recent = TopicSetFactory(owner=instructor, name="Zhetysu, made last")
    form = instructor_client.get(reverse("quiz:assignment-create", args=[classroom.pk])).context["form"]
    assert form["topic_set"].value() == recent.pk
    assert [label for _, label in form.fields["topic_set"].choices] == ["Zhetysu, made last", "Alphabetically first"]
    assert form["due_at"].value() - form["opens_at"].value() == 7 * DAY
    # A topic set chosen on its own page stays chosen.
    older = TopicSet.objects.get(name="Alphabetically first")
    url = reverse("quiz:assignment-create", args=[classroom.pk]) + f"?topic_set={older.pk}"
    assert str(instructor_client.get(url).context["form"]["topic_set"].value()) == str(older.pk)


def test_students_read_the_instructions_on_the_dashboard_and_when_they_start(student_client, student):
    assignment = member_assignment(student)
    Assignment.objects.filter(pk=assignment.pk).update(title="Week 3", instructions="Use your notes.")
    dashboard = student_client.get(reverse("quiz:dashboard"))
    assert_valid_html(dashboard)
    assert "Use your notes." in dashboard.content.decode()
    response = student_client.post(reverse("quiz:assignment-start", args=[assignment.pk]), follow=True)
    assert "Week 3: Use your notes." in response.content.decode()
