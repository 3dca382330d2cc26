"""Dropping an answered question of an assignment from scoring: every attempt is regraded, the report and the
item analysis say so and agree with a count from scratch, and restoring it undoes the drop."""

import datetime
import statistics

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.attempts import close_attempt, record_answer
from quiz.classes import progress_by_student, start_assignment
from quiz.item_analysis import analyse_items
from quiz.models import Attempt, Question
from quiz.question_drops import DropRefused, drop_question, restore_question
from quiz.reports import class_report
from tests.conftest import HTMX
from tests.factories import (
    AssignmentFactory,
    AttemptFactory,
    InstructorFactory,
    MembershipFactory,
    QuestionFactory,
    UserFactory,
)
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db
NOW = timezone.now()
RIGHT, WRONG = 2, 0  # QuestionFactory's key is [2]
# Each student's answers to questions 1-4 (a timeline is question 3: a permutation of its four items).
ANSWERS = {
    "ada": [RIGHT, RIGHT, [1, 3, 0, 2], RIGHT],
    "ben": [WRONG, RIGHT, [3, 1, 0, 2], WRONG],
    "cem": [RIGHT, WRONG, [0, 1, 2, 3], RIGHT],
    "dia": [WRONG, WRONG, [1, 3, 2, 0], RIGHT],
}


@pytest.fixture
def assignment(instructor):
    assignment = AssignmentFactory(classroom__owner=instructor)
    for position in range(4):
        QuestionFactory(quiz=assignment.quiz, position=position, timeline=position == 2)
    return assignment


def take(assignment, student, answers, *, finish: bool = True) -> Attempt:
    """The student answers the listed questions in order through the real answer path, then finishes."""
    attempt = AttemptFactory(quiz=assignment.quiz, learner=student, question_count=4)
    for position, given in enumerate(answers):
        question = Question.objects.get(quiz=assignment.quiz, position=position)
        record_answer(learner=student, attempt=attempt, question=question, given=given, now=NOW)
    if finish:
        close_attempt(attempt=attempt, state=Attempt.State.FINISHED, now=NOW + datetime.timedelta(minutes=5))
    return attempt


@pytest.fixture
def class_attempts(assignment) -> dict[str, Attempt]:
    attempts = {}
    for name, answers in ANSWERS.items():
        student = UserFactory(username=name)
        MembershipFactory(classroom=assignment.classroom, student=student)
        attempts[name] = take(assignment, student, answers)
    return attempts


def recount(attempt: Attempt) -> tuple[float, int, int]:
    """Score, fully right answers and percent from scratch: the grades of the answers to questions that still
    count, out of the questions that still count (written here without the app's regrade code)."""
    questions = list(Question.objects.filter(quiz_id=attempt.quiz_id))
    counted = {question.pk for question in questions if question.dropped_at is None}
    answers = [answer for answer in attempt.answers.all() if answer.question_id in counted]
    score = sum(answer.question.grade(answer.given) for answer in answers)
    right = sum(answer.question.grade(answer.given) == 1.0 for answer in answers)
    return score, right, round(100 * score / len(counted))


def questions(assignment) -> list[Question]:
    return list(Question.objects.filter(quiz=assignment.quiz).order_by("position"))


def drop_url(assignment, question) -> str:
    return reverse("quiz:question-drop", args=[assignment.pk, question.pk])


def restore_url(assignment, question) -> str:
    return reverse("quiz:question-restore", args=[assignment.pk, question.pk])


def question(assignment, number: int) -> Question:
    return Question.objects.get(quiz=assignment.quiz, position=number - 1)


def test_dropping_regrades_every_attempt_to_a_count_from_scratch(instructor_client, assignment, class_attempts):
    before = {name: recount(attempt) for name, attempt in class_attempts.items()}
    response = instructor_client.post(drop_url(assignment, question(assignment, 1)))
    assert response.status_code == 303
    assert response["Location"].endswith("#question-1")
    for attempt in class_attempts.values():
        attempt.refresh_from_db()
        score, right, percent = recount(attempt)
        assert (attempt.score, attempt.correct_count, attempt.percent) == pytest.approx((score, right, percent))
        assert attempt.dropped_count == 1 and attempt.counted_questions == 3
    assert before["ben"] != recount(class_attempts["ben"]), "the drop changed at least one score"


def test_the_class_report_after_a_drop_equals_a_recomputation_from_the_answers(
    instructor_client, assignment, class_attempts
):
    drop_question(assignment=assignment, question=question(assignment, 3), now=NOW)
    report = class_report(assignment=assignment, now=NOW)
    best = {row.username: row.progress.best_percent for row in report.rows}
    assert best == {name: recount(attempt)[2] for name, attempt in class_attempts.items()}
    assert report.mean_best_percent == round(sum(best.values()) / len(best))
    assert report.dropped_numbers == (3,) and report.counted_questions == 3
    page = instructor_client.get(reverse("quiz:class-report", args=[assignment.pk]))
    assert_valid_html(page)
    assert "question 3</a>): every score is out of the other 3" in page.content.decode()


def test_a_dropped_question_is_left_out_of_the_other_items_rest_of_quiz_and_never_flagged(assignment, class_attempts):
    drop_question(assignment=assignment, question=question(assignment, 1), now=NOW)
    analysis = analyse_items(assignment=assignment)
    assert [item.dropped for item in analysis.items] == [True, False, False, False]
    assert analysis.items[0].facility == 50.0, "its own figures are still shown"
    assert analysis.items[0].flags == []
    # Question 2's discrimination correlates its scores with the rest of the regraded quiz: questions 3 and 4.
    shown = questions(assignment)
    scores = {name: [q.grade(given) for q, given in zip(shown, row, strict=True)] for name, row in ANSWERS.items()}
    item = [scores[name][1] for name in ANSWERS]
    rest = [scores[name][2] + scores[name][3] for name in ANSWERS]
    assert analysis.items[1].discrimination == pytest.approx(100 * statistics.correlation(item, rest))


def test_the_item_analysis_page_says_which_question_was_dropped(instructor_client, assignment, class_attempts):
    drop_question(assignment=assignment, question=question(assignment, 2), now=NOW)
    response = instructor_client.get(reverse("quiz:item-analysis", args=[assignment.pk]))
    assert_valid_html(response)
    html = response.content.decode()
    assert "Dropped from scoring: " in html and '#question-2">question 2</a>' in html
    assert html.count('class="item-flag flag-dropped"') == 1


def test_the_students_review_marks_the_dropped_question_as_not_counted(client, assignment, class_attempts):
    drop_question(assignment=assignment, question=question(assignment, 4), now=NOW)
    attempt = class_attempts["ada"]
    client.force_login(attempt.learner)
    response = client.get(reverse("quiz:review", args=[attempt.pk]))
    assert_valid_html(response)
    html = response.content.decode()
    assert "out of 3 (1 question dropped by your teacher not counted)" in html
    assert html.count("Not counted</span>") == 1
    assert "Your teacher dropped this question from scoring" in html


def test_restoring_a_dropped_question_brings_every_score_back(instructor_client, assignment, class_attempts):
    before = {name: (a.score, a.correct_count, a.percent) for name, a in class_attempts.items()}
    first = question(assignment, 1)
    drop_question(assignment=assignment, question=first, now=NOW)
    response = instructor_client.post(restore_url(assignment, first))
    assert response.status_code == 303
    first.refresh_from_db()
    assert first.dropped_at is None
    for name, attempt in class_attempts.items():
        attempt.refresh_from_db()
        assert (attempt.score, attempt.correct_count, attempt.percent) == pytest.approx(before[name])
        assert attempt.dropped_count == 0


def test_only_the_classs_teacher_can_drop(client, assignment, class_attempts):
    target = question(assignment, 1)
    client.force_login(InstructorFactory())
    assert client.post(drop_url(assignment, target)).status_code == 404
    client.force_login(class_attempts["ada"].learner)
    assert client.post(drop_url(assignment, target)).status_code == 403
    target.refresh_from_db()
    assert target.dropped_at is None
    assert Attempt.objects.get(pk=class_attempts["ben"].pk).dropped_count == 0


def test_dropping_is_a_post(instructor_client, assignment, class_attempts):
    assert instructor_client.get(drop_url(assignment, question(assignment, 1))).status_code == 405
    assert question(assignment, 1).dropped_at is None


def test_once_anyone_finished_swap_is_refused_and_drop_offered(instructor_client, assignment, class_attempts):
    target = question(assignment, 2)
    refused = instructor_client.post(reverse("quiz:question-swap", args=[assignment.pk, target.pk]))
    assert refused.status_code == 409
    page = instructor_client.get(reverse("quiz:assignment", args=[assignment.pk]))
    html = page.content.decode()
    assert "Swap for another question" not in html
    assert html.count("Drop from scoring<span") == 4
    assert drop_url(assignment, target) in html


def test_a_question_that_can_still_be_swapped_is_not_dropped(instructor_client, assignment):
    response = instructor_client.post(drop_url(assignment, question(assignment, 1)))
    assert response.status_code == 409
    assert "swap it for another one instead" in response.content.decode()
    assert question(assignment, 1).dropped_at is None


def test_dropping_twice_is_refused_cleanly_and_changes_nothing(instructor_client, assignment, class_attempts):
    target = question(assignment, 1)
    assert instructor_client.post(drop_url(assignment, target)).status_code == 303
    target.refresh_from_db()
    scores = list(Attempt.objects.order_by("pk").values_list("score", "dropped_count"))
    again = instructor_client.post(drop_url(assignment, target))
    assert again.status_code == 409
    assert_valid_html(again)
    assert "Question 1 is already dropped from scoring." in again.content.decode()
    assert list(Attempt.objects.order_by("pk").values_list("score", "dropped_count")) == scores
    assert Question.objects.get(pk=target.pk).dropped_at == target.dropped_at
    assert instructor_client.post(restore_url(assignment, target)).status_code == 303
    assert instructor_client.post(restore_url(assignment, target)).status_code == 409


def test_the_last_question_that_counts_cannot_be_dropped(assignment, class_attempts):
    for number in (1, 2, 3):
        drop_question(assignment=assignment, question=question(assignment, number), now=NOW)
    with pytest.raises(DropRefused, match="At least one question must still count"):
        drop_question(assignment=assignment, question=question(assignment, 4), now=NOW)
    assert question(assignment, 4).dropped_at is None
    assert set(Attempt.objects.values_list("dropped_count", flat=True)) == {3}


@pytest.mark.parametrize("action", ["question-drop", "question-restore"])
def test_bad_ids_are_404_not_500(instructor_client, assignment, class_attempts, action):
    other = AssignmentFactory(classroom__owner=assignment.classroom.owner)
    foreign = QuestionFactory(quiz=other.quiz)
    target = question(assignment, 1)
    for args in ([assignment.pk, foreign.pk], [assignment.pk, 999_999], [assignment.pk, 2**70], [999_999, target.pk]):
        assert instructor_client.post(reverse(f"quiz:{action}", args=args)).status_code == 404
    assert not Question.objects.filter(dropped_at__isnull=False).exists()


def test_an_htmx_drop_swaps_in_the_question_and_the_summary(instructor_client, assignment, class_attempts):
    response = instructor_client.post(drop_url(assignment, question(assignment, 2)), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<li class="review-item is-dropped" id="question-2">')
    assert "Question 2 no longer counts: 4 attempts regraded without it." in html
    assert restore_url(assignment, question(assignment, 2)) in html
    assert 'id="dropped-summary" hx-swap-oob="true"' in html and "out of the other 3" in html


def test_an_htmx_refusal_is_swapped_in_place_with_its_reason(instructor_client, assignment, class_attempts):
    target = question(assignment, 2)
    drop_question(assignment=assignment, question=target, now=NOW)
    response = instructor_client.post(drop_url(assignment, target), **HTMX)
    assert response.status_code == 409
    assert response["X-Swap-In-Place"] == "true"
    assert "already dropped from scoring" in response.content.decode()


def test_an_answer_to_a_dropped_question_is_graded_but_not_counted(assignment, class_attempts):
    drop_question(assignment=assignment, question=question(assignment, 1), now=NOW)
    late = UserFactory()
    MembershipFactory(classroom=assignment.classroom, student=late)
    attempt = take(assignment, late, [RIGHT, RIGHT], finish=False)
    assert attempt.answers.get(question__position=0).score == 1.0, "the answer keeps its grade"
    assert (attempt.score, attempt.correct_count) == (1.0, 1)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.correct_count) == (1.0, 1)


def test_an_answer_graded_before_a_drop_committed_is_regraded_when_recorded(assignment, class_attempts):
    """The answer path read the question while it counted; the drop committed before its update: the attempt
    must not keep the dropped question's point."""
    late = UserFactory()
    attempt = AttemptFactory(quiz=assignment.quiz, learner=late, question_count=4)
    stale = question(assignment, 1)  # read as counting
    drop_question(assignment=assignment, question=question(assignment, 1), now=NOW)
    record_answer(learner=late, attempt=attempt, question=stale, given=RIGHT, now=NOW)
    assert (attempt.score, attempt.correct_count, attempt.dropped_count) == (0.0, 0, 1)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.correct_count, attempt.dropped_count) == (0.0, 0, 1)
    assert recount(attempt)[0] == 0.0


def test_an_answer_graded_before_a_restore_committed_counts(assignment, class_attempts):
    target = question(assignment, 1)
    drop_question(assignment=assignment, question=target, now=NOW)
    late = UserFactory()
    attempt = AttemptFactory(quiz=assignment.quiz, learner=late, question_count=4, dropped_count=1)
    stale = question(assignment, 1)  # read as dropped
    restore_question(assignment=assignment, question=target)
    record_answer(learner=late, attempt=attempt, question=stale, given=RIGHT, now=NOW)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.correct_count, attempt.dropped_count) == (1.0, 1, 0)


def test_the_students_progress_reads_the_regraded_score(assignment, class_attempts):
    drop_question(assignment=assignment, question=question(assignment, 4), now=NOW)
    ben = class_attempts["ben"]
    progress = progress_by_student(assignment=assignment, student_ids=[ben.learner_id], now=NOW)
    assert progress[ben.learner_id].best_percent == recount(ben)[2]


def test_an_attempt_started_after_a_drop_is_out_of_one_question_fewer(assignment, class_attempts):
    drop_question(assignment=assignment, question=question(assignment, 3), now=NOW)  # the timeline
    late = UserFactory()
    MembershipFactory(classroom=assignment.classroom, student=late)
    attempt = start_assignment(student=late, assignment=assignment, now=NOW)
    assert (attempt.question_count, attempt.dropped_count) == (4, 1)
    for position, given in enumerate([RIGHT, RIGHT, [3, 2, 1, 0], RIGHT]):
        record_answer(learner=late, attempt=attempt, question=question(assignment, position + 1), given=given, now=NOW)
    close_attempt(attempt=attempt, state=Attempt.State.FINISHED, now=NOW)
    attempt.refresh_from_db()
    assert attempt.percent == recount(attempt)[2] == 100, "3 right of the 3 that count, not 3 of 4"


def test_the_score_so_far_is_out_of_the_answered_questions_that_count(client, assignment):
    student = UserFactory()
    MembershipFactory(classroom=assignment.classroom, student=student)
    attempt = take(assignment, student, [RIGHT, WRONG], finish=False)
    drop_question(assignment=assignment, question=question(assignment, 1), now=NOW)
    client.force_login(student)
    html = client.get(reverse("quiz:question", args=[attempt.pk, 3])).content.decode()
    assert "Score so far: <strong>0</strong> out of 1 ·" in html
