"""Facility, discrimination and the most chosen wrong answer, checked against figures worked out by hand."""

import datetime

import pytest
from django.utils import timezone

from quiz.item_analysis import MIN_ATTEMPTS_FOR_FLAGS, Flag, analyse_items, discrimination_index, facility_index
from quiz.models import Attempt, Membership, QuestionReport
from tests.factories import AnswerFactory, AttemptFactory, QuestionFactory, UserFactory
from tests.items.conftest import ALPHA, BRAVO, CHARLIE, DELTA, IN_ORDER, student_in, take

pytestmark = pytest.mark.django_db

# Five students, three questions (two choices, a timeline scored by pairs in order: k/6 for four events).
#
#        Q1   Q2   Q3      total
#   s1   1    1    1       3
#   s2   1    0    5/6     11/6
#   s3   1    1    1/2     5/2
#   s4   0    1    1/3     4/3
#   s5   0    0    -       0      (finished without answering Q3: it scores 0 and still counts)
#
# Facility = mean score: Q1 3/5 = 60%, Q2 3/5 = 60%, Q3 (1 + 5/6 + 1/2 + 1/3 + 0) / 5 = 16/30 = 53.33%.
#
# Discrimination = r(item, rest of the quiz) = Sxy / sqrt(Sxx * Syy), with S the sums of (co)deviations:
#   Q1: x = 1 1 1 0 0, rest y = 2, 5/6, 3/2, 4/3, 0 (mean 17/15)
#       Sxy = 0.4 (2 + 5/6 + 3/2) - 0.6 (4/3 + 0) = 14/15; Sxx = 3 (0.4)^2 + 2 (0.6)^2 = 6/5;
#       Syy = (4 + 25/36 + 9/4 + 16/9) - 5 (17/15)^2 = 23/10; r = (14/15) / sqrt(6/5 * 23/10) = 0.5618
#   Q2: x = 1 0 1 1 0, rest y = 2, 11/6, 3/2, 1/3, 0 (mean 17/15)
#       Sxy = 0.4 (2 + 3/2 + 1/3) - 0.6 (11/6 + 0) = 13/30; Sxx = 6/5;
#       Syy = (4 + 121/36 + 9/4 + 1/9) - 5 (17/15)^2 = 33/10; r = (13/30) / sqrt(6/5 * 33/10) = 0.2178
#   Q3: x = 1, 5/6, 1/2, 1/3, 0 (mean 8/15), rest y = 2 1 2 1 0 (mean 6/5)
#       Sxy = sum x y - 5 (8/15)(6/5) = (2 + 5/6 + 1 + 1/3) - 16/5 = 29/30;
#       Sxx = (1 + 25/36 + 1/4 + 1/9) - 5 (8/15)^2 = 19/30; Syy = 10 - 5 (6/5)^2 = 14/5;
#       r = (29/30) / sqrt(19/30 * 14/5) = 0.7259
HAND_MADE = {
    "s1": {0: CHARLIE, 1: CHARLIE, 2: IN_ORDER},
    "s2": {0: CHARLIE, 1: ALPHA, 2: [1, 3, 2, 0]},  # 5 of 6 pairs in order
    "s3": {0: CHARLIE, 1: CHARLIE, 2: [0, 1, 2, 3]},  # 3 of 6
    "s4": {0: BRAVO, 1: CHARLIE, 2: [0, 2, 1, 3]},  # 2 of 6
    "s5": {0: BRAVO, 1: DELTA},
}


@pytest.fixture
def hand_made(assignment):
    for username, given in HAND_MADE.items():
        take(assignment, student_in(assignment, username), given)
    return assignment


def test_facility_and_discrimination_match_the_hand_computed_figures(hand_made):
    analysis = analyse_items(assignment=hand_made)
    assert analysis.attempt_count == 5
    q1, q2, q3 = analysis.items
    assert [item.question.position for item in analysis.items] == [0, 1, 2]
    assert round(q1.facility, 2) == 60.00
    assert round(q2.facility, 2) == 60.00
    assert round(q3.facility, 2) == 53.33
    assert round(q1.discrimination, 2) == 56.18
    assert round(q2.discrimination, 2) == 21.78
    assert round(q3.discrimination, 2) == 72.59


def test_an_unanswered_question_in_a_finished_attempt_counts_as_an_attempt_scoring_zero(hand_made):
    q1, _, q3 = analyse_items(assignment=hand_made).items
    assert (q1.attempts, q1.answered, q1.unanswered) == (5, 5, 0)
    assert (q3.attempts, q3.answered, q3.unanswered) == (5, 4, 1)


def test_the_most_chosen_wrong_option_of_a_choice(hand_made):
    q1, q2, _ = analyse_items(assignment=hand_made).items
    assert (q1.most_chosen_wrong.text, q1.most_chosen_wrong.count) == ("Agency Bravo", 2)
    # Alpha and Delta were each chosen once: the tie goes to the option shown first.
    assert (q2.most_chosen_wrong.text, q2.most_chosen_wrong.count) == ("Agency Alpha", 1)


def test_the_most_misplaced_event_of_a_timeline(hand_made):
    # Shown: 0 Event C, 1 Event A, 2 Event D, 3 Event B; true positions: A 0, B 1, C 2, D 3.
    # s2 misplaces D and C; s3 and s4 misplace all four: C 3 times, D 3 times, A and B twice (tie: C, shown first).
    timeline = analyse_items(assignment=hand_made).items[2]
    assert (timeline.most_chosen_wrong.text, timeline.most_chosen_wrong.count) == ("Event C", 3)


def test_nobody_wrong_gives_no_wrong_answer_full_facility_and_no_discrimination(assignment):
    for _ in range(MIN_ATTEMPTS_FOR_FLAGS):
        take(assignment, student_in(assignment), {0: CHARLIE, 1: CHARLIE, 2: IN_ORDER})
    for item in analyse_items(assignment=assignment).items:
        assert item.most_chosen_wrong is None
        assert item.facility == 100.0
        assert item.discrimination is None  # everyone scored the same: the correlation is undefined
        assert item.flags == [Flag.VERY_EASY]


def test_a_perfectly_discriminating_item_and_a_negative_one(assignment):
    #        Q1   Q2   Q3     rest of Q1   rest of Q3
    #   s1   1    1    0      1            2
    #   s2   1    1    0      1            2
    #   s3   0    0    1/2    1/2          0
    #   s4   0    0    1/2    1/2          0
    # Q1 rises exactly with the rest of the quiz: r = +1. Q3 falls exactly with it: r = -1.
    strong = {0: CHARLIE, 1: CHARLIE, 2: [2, 0, 3, 1]}  # timeline fully reversed: 0
    weak = {0: BRAVO, 1: BRAVO, 2: [0, 1, 2, 3]}  # half the pairs in order: 1/2
    for given in (strong, strong, weak, weak):
        take(assignment, student_in(assignment), given)
    q1, q2, q3 = analyse_items(assignment=assignment).items
    assert round(q1.discrimination, 2) == 100.00
    assert round(q2.discrimination, 2) == 100.00
    assert round(q3.discrimination, 2) == -100.00
    assert (q1.flags, q3.flags) == ([], [])  # four attempts: too few to flag anything
    assert q3.facility == 25.0


def test_negative_discrimination_is_flagged_possibly_mis_keyed_past_the_minimum(assignment):
    strong = {0: CHARLIE, 1: CHARLIE, 2: [2, 0, 3, 1]}
    weak = {0: BRAVO, 1: BRAVO, 2: [0, 1, 2, 3]}
    for given in (strong, strong, strong, weak, weak):
        take(assignment, student_in(assignment), given)
    q1, _, q3 = analyse_items(assignment=assignment).items
    assert (q1.flags, q3.flags) == ([], [Flag.MISKEYED])
    assert Flag.MISKEYED.label == "Possibly mis-keyed"


@pytest.mark.parametrize("students", range(1, MIN_ATTEMPTS_FOR_FLAGS))
def test_no_flag_before_the_minimum_number_of_attempts(assignment, students):
    for _ in range(students):
        take(assignment, student_in(assignment), {0: ALPHA, 1: CHARLIE, 2: IN_ORDER})
    q1, q2, _ = analyse_items(assignment=assignment).items
    assert (q1.facility, q2.facility) == (0.0, 100.0)
    assert q1.flags == q2.flags == []
    assert not q1.enough_attempts


def test_distractors_chosen_by_under_5_percent_are_not_working(assignment):
    # 20 students: Bravo chosen once (5%: working), Alpha 19 times, Delta never (0%: not working).
    for number in range(20):
        take(assignment, student_in(assignment), {0: BRAVO if number == 0 else ALPHA, 1: CHARLIE, 2: IN_ORDER})
    q1, q2, timeline = analyse_items(assignment=assignment).items
    assert q1.idle_distractors == ("Agency Delta",)
    assert q2.idle_distractors == ("Agency Alpha", "Agency Bravo", "Agency Delta")
    assert timeline.idle_distractors == ()


def test_each_question_counts_its_reports(assignment):
    reporters = [student_in(assignment) for _ in range(3)]
    q1, q2, _ = assignment.quiz.questions.order_by("position")
    for number, student in enumerate(reporters):
        take(assignment, student, {0: ALPHA})
        report = QuestionReport.objects.create(learner=student, question=q1, fact_id=q1.fact_ids[0], kind="wrong")
        if number == 0:
            QuestionReport.objects.filter(pk=report.pk).update(status="resolved")
    items = analyse_items(assignment=assignment).items
    assert [(item.reports, item.open_reports) for item in items] == [(3, 2), (0, 0), (0, 0)]


def test_discrimination_index_by_itself():
    assert discrimination_index(item_scores=[1, 1, 0, 0], rest_scores=[3, 2, 1, 0]) == pytest.approx(89.44, abs=0.005)
    assert discrimination_index(item_scores=[1, 1, 0, 0], rest_scores=[2, 2, 1, 1]) == pytest.approx(100.0)
    assert discrimination_index(item_scores=[1, 1, 0, 0], rest_scores=[0, 0, 2, 2]) == pytest.approx(-100.0)
    assert discrimination_index(item_scores=[1], rest_scores=[2]) is None  # fewer than two attempts
    assert discrimination_index(item_scores=[0.5, 0.5, 0.5], rest_scores=[1, 2, 3]) is None  # item variance 0
    assert discrimination_index(item_scores=[1, 0, 1], rest_scores=[2, 2, 2]) is None  # rest variance 0
    assert discrimination_index(item_scores=[], rest_scores=[]) is None


def test_facility_index_by_itself():
    assert facility_index(scores=[1, 0, 0.5, 1 / 6]) == pytest.approx(41.67, abs=0.005)
    assert facility_index(scores=[]) is None


def test_flags_for_very_hard_items(assignment):
    for _ in range(6):
        take(assignment, student_in(assignment), {0: ALPHA, 1: CHARLIE, 2: IN_ORDER})
    q1, _, _ = analyse_items(assignment=assignment).items
    assert q1.facility == 0.0
    assert q1.flags == [Flag.VERY_HARD]


def test_only_each_members_first_finished_attempt_counts(assignment):
    early = timezone.now() - datetime.timedelta(days=2)
    first = student_in(assignment)
    take(assignment, first, {0: ALPHA, 1: ALPHA, 2: [2, 0, 3, 1]}, state=Attempt.State.ABANDONED, finished_at=early)
    take(assignment, first, {0: BRAVO, 1: CHARLIE}, finished_at=early + datetime.timedelta(hours=1))
    take(assignment, first, {0: CHARLIE, 1: CHARLIE, 2: IN_ORDER})  # the retake does not count
    busy = student_in(assignment)
    take(assignment, busy, {0: DELTA, 1: DELTA}, state=Attempt.State.IN_PROGRESS)  # not finished yet
    leaver = student_in(assignment)
    take(assignment, leaver, {0: DELTA, 1: DELTA, 2: IN_ORDER})
    Membership.objects.filter(student=leaver).delete()  # left the class: no longer counted
    take(assignment, UserFactory(), {0: DELTA, 1: DELTA, 2: IN_ORDER})  # never a member

    analysis = analyse_items(assignment=assignment)
    assert analysis.attempt_count == 1
    q1, q2, q3 = analysis.items
    assert (q1.attempts, q1.facility, q1.most_chosen_wrong.text) == (1, 0.0, "Agency Bravo")
    assert (q2.facility, q2.most_chosen_wrong) == (100.0, None)
    assert (q3.attempts, q3.answered, q3.facility) == (1, 0, 0.0)


def test_abandoned_and_in_progress_attempts_alone_give_no_figures(assignment):
    take(assignment, student_in(assignment), {0: CHARLIE}, state=Attempt.State.ABANDONED)
    take(assignment, student_in(assignment), {0: CHARLIE}, state=Attempt.State.IN_PROGRESS)
    analysis = analyse_items(assignment=assignment)
    assert analysis.attempt_count == 0
    for item in analysis.items:
        assert (item.attempts, item.facility, item.discrimination, item.most_chosen_wrong) == (0, None, None, None)
        assert item.flags == []


def test_the_most_typed_wrong_answer_counts_spellings_that_normalise_alike_as_one(assignment):
    typed = QuestionFactory(quiz=assignment.quiz, position=3, typed=True)
    for username, text, right in [
        ("t1", "Kim Young-sam", False),
        ("t2", "kim young sam", False),
        ("t3", "Roh Moo-hyun", False),
        ("t4", "Kim Dae-jung", True),
    ]:
        attempt = AttemptFactory(
            quiz=assignment.quiz,
            learner=student_in(assignment, username),
            state=Attempt.State.FINISHED,
            finished_at=timezone.now(),
        )
        AnswerFactory(
            attempt=attempt,
            question=typed,
            given={"matched": "", "spelling": ""},
            text=text,
            score=float(right),
            is_correct=right,
        )
    item = next(item for item in analyse_items(assignment=assignment).items if item.question.pk == typed.pk)
    assert (item.most_chosen_wrong.text, item.most_chosen_wrong.count) == ("Kim Young-sam", 2)
    assert item.idle_distractors == ()
