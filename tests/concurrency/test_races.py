"""Simultaneous requests by one learner: nothing lost, nothing counted twice, no 500, no "database is locked".

These run with committed transactions on the real backend: a SQLite file (see the root conftest) or
PostgreSQL, as `.ci/run` runs the suite on both.
"""

from __future__ import annotations

import fsrs
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from quiz.attempts import close_attempt, record_answer
from quiz.models import Answer, Attempt, MemoryState, Question, Review
from tests.concurrency.conftest import at_once
from tests.conftest import HTMX
from tests.factories import (
    AssignmentFactory,
    AttemptFactory,
    FactFactory,
    MembershipFactory,
    QuestionFactory,
    QuizFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_sqlite_tests_use_a_file_not_memory():
    if connection.vendor == "sqlite":
        assert "memory" not in str(connection.settings_dict["NAME"])


def choice_attempt(learner, *, facts=None, questions=3):
    quiz = QuizFactory(owner=learner)
    for position in range(questions):
        fact = facts[position] if facts else FactFactory()
        QuestionFactory(quiz=quiz, position=position, fact_ids=[fact.pk])
    return AttemptFactory(quiz=quiz, learner=learner, question_count=questions)


def test_ten_simultaneous_posts_of_the_same_answer_store_one(learner, logged_in_clients):
    attempt = choice_attempt(learner)
    url = reverse("quiz:answer", args=[attempt.pk])
    clients = logged_in_clients(learner, 10)
    results = at_once([lambda c=c: c.post(url, {"step": 0, "option": 2}, **HTMX) for c in clients])
    statuses = sorted(getattr(result, "status_code", repr(result)) for result in results)
    assert statuses == [200] + [409] * 9, statuses
    attempt.refresh_from_db()
    assert Answer.objects.filter(attempt=attempt).count() == 1
    assert (attempt.step, attempt.score, attempt.correct_count) == (1, 1.0, 1)
    assert MemoryState.objects.get(learner=learner).reps == 1


def test_two_simultaneous_finish_requests_close_the_attempt_once(learner, logged_in_clients):
    attempt = choice_attempt(learner)
    url = reverse("quiz:finish", args=[attempt.pk])
    results = at_once([lambda c=c: c.post(url, {"confirm": "yes"}) for c in logged_in_clients(learner, 2)])
    statuses = sorted(getattr(result, "status_code", repr(result)) for result in results)
    assert statuses == [303, 409], statuses
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.finished_at is not None


def test_concurrent_answers_leave_every_figure_equal_to_its_recomputation(learner, logged_in_clients):
    """Four attempts over the same three facts, answered at once, question after question."""
    facts = [FactFactory() for _ in range(3)]
    attempts = [choice_attempt(learner, facts=facts) for _ in range(4)]
    for step in range(3):
        calls = [
            lambda c=c, a=a, s=step: c.post(
                reverse("quiz:answer", args=[a.pk]), {"step": s, "option": 2 if (a.pk + s) % 2 else 0}, **HTMX
            )
            for c, a in zip(logged_in_clients(learner, 4), attempts, strict=True)
        ]
        assert [getattr(r, "status_code", repr(r)) for r in at_once(calls)] == [200] * 4
    for attempt in attempts:
        attempt.refresh_from_db()
        answers = list(attempt.answers.all())
        assert attempt.step == len(answers) == 3
        assert attempt.score == sum(answer.score for answer in answers)
        assert attempt.correct_count == sum(answer.is_correct for answer in answers)
    for fact in facts:
        state = MemoryState.objects.get(learner=learner, fact=fact)
        assert state.reps == Answer.objects.filter(question__facts=fact, attempt__learner=learner).count() == 4


def test_concurrent_first_answers_on_one_fact_create_one_memory_state(learner, logged_in_clients):
    fact = FactFactory()
    attempts = [choice_attempt(learner, facts=[fact], questions=1) for _ in range(6)]
    calls = [
        lambda c=c, a=a: c.post(reverse("quiz:answer", args=[a.pk]), {"step": 0, "option": 2}, **HTMX)
        for c, a in zip(logged_in_clients(learner, 6), attempts, strict=True)
    ]
    assert [getattr(r, "status_code", repr(r)) for r in at_once(calls)] == [200] * 6
    state = MemoryState.objects.get(learner=learner, fact=fact)
    assert state.reps == 6


def test_a_flashcard_rated_twice_at_once_counts_once(learner, logged_in_clients):
    fact = FactFactory()
    url = reverse("quiz:flashcard-rate")
    data = {"fact": fact.pk, "reps": 0, "rating": int(fsrs.Rating.Good)}
    results = at_once([lambda c=c: c.post(url, data, **HTMX) for c in logged_in_clients(learner, 5)])
    statuses = sorted(getattr(result, "status_code", repr(result)) for result in results)
    assert statuses == [200] + [409] * 4, statuses
    assert Review.objects.filter(learner=learner).count() == 1
    assert MemoryState.objects.get(learner=learner, fact=fact).reps == 1


def test_two_learners_answering_at_once_do_not_wait_on_each_other_into_errors(logged_in_clients):
    learners = [UserFactory() for _ in range(6)]
    attempts = [choice_attempt(learner) for learner in learners]
    calls = [
        lambda c=c, a=a: c.post(reverse("quiz:answer", args=[a.pk]), {"step": 0, "option": 2}, **HTMX)
        for learner, a in zip(learners, attempts, strict=True)
        for c in logged_in_clients(learner, 1)
    ]
    results = at_once(calls)
    assert [getattr(r, "status_code", repr(r)) for r in results] == [200] * 6
    assert Answer.objects.count() == 6


def test_answers_racing_a_drop_and_a_restore_leave_every_score_equal_to_its_recount(logged_in_clients):
    """Six students answer while their teacher drops question 1, then restores it while they answer question 2:
    whichever commits first, no attempt keeps a score its answers and the questions' marks do not give."""
    assignment = AssignmentFactory()
    first, second = (QuestionFactory(quiz=assignment.quiz, position=position) for position in range(2))
    teacher = assignment.classroom.owner
    early = UserFactory()  # answered and finished already: question 1 can no longer be swapped, only dropped
    done = AttemptFactory(quiz=assignment.quiz, learner=early, question_count=2)
    record_answer(learner=early, attempt=done, question=first, given=2, now=timezone.now())
    close_attempt(attempt=done, state=Attempt.State.FINISHED, now=timezone.now())
    students = [UserFactory() for _ in range(6)]
    attempts = []
    for student in students:
        MembershipFactory(classroom=assignment.classroom, student=student)
        attempts.append(AttemptFactory(quiz=assignment.quiz, learner=student, question_count=2))
    teacher_client = logged_in_clients(teacher, 1)[0]

    def recounted(attempt):
        counted = set(
            Question.objects.filter(quiz=assignment.quiz, dropped_at__isnull=True).values_list("pk", flat=True)
        )
        answers = [answer for answer in attempt.answers.all() if answer.question_id in counted]
        return sum(a.score for a in answers), sum(a.is_correct for a in answers), 2 - len(counted)

    rounds = [(0, "quiz:question-drop"), (1, "quiz:question-restore")]
    for step, action in rounds:
        calls = [
            lambda c=c, a=a, s=step: c.post(reverse("quiz:answer", args=[a.pk]), {"step": s, "option": 2}, **HTMX)
            for c, a in zip([logged_in_clients(s, 1)[0] for s in students], attempts, strict=True)
        ]
        calls.append(lambda action=action: teacher_client.post(reverse(action, args=[assignment.pk, first.pk])))
        statuses = [getattr(result, "status_code", repr(result)) for result in at_once(calls)]
        assert statuses == [200] * 6 + [303], statuses
        for attempt in [done, *attempts]:
            attempt.refresh_from_db()
            assert (attempt.score, attempt.correct_count, attempt.dropped_count) == recounted(attempt)
