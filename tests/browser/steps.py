"""What the journeys do in the browser, step by step, and the data they start from."""

from __future__ import annotations

import datetime
import re

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from quiz import attempts, classes
from quiz.models import Assignment, Attempt, Classroom, TopicSet

PASSWORD = "silk-road-lantern-42"


def labelled(verb: str, subject: str) -> re.Pattern:
    """A button's accessible name, "Start: Demo" (Chromium reads the flex button's hidden part as "Start : Demo")."""
    return re.compile(rf"^{re.escape(verb)}\s*:\s*{re.escape(subject)}$")


def demo_classroom() -> Classroom:
    return Classroom.objects.get(name="Demo class")


def assignment_with_timeline(*, classroom: Classroom) -> Assignment:
    """An assignment of the class holding both multiple-choice and timeline questions (the real bank)."""
    topic_set = TopicSet.objects.create(
        owner=classroom.owner, name="Timelines and choices", question_types=["choice", "timeline"], question_count=4
    )
    now = timezone.now()
    return classes.assign(
        classroom=classroom, topic_set=topic_set, opens_at=now, due_at=now + datetime.timedelta(days=7), seed=7
    )


def sign_up(page: Page, username: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up to practise").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {username}")


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Log in")


def join_class(page: Page, code: str) -> None:
    page.get_by_role("link", name="Join a class").click()
    page.get_by_label("Join code").fill(code)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("status").first).to_contain_text("You joined")


def progress_figures(page: Page) -> tuple[str, list[str], list[str]]:
    """The progress page's figures as text: overall, the level bars (their labels) and the heatmap cells."""
    page.goto("/progress/")
    overall = page.locator(".progress-overall").inner_text()
    bars = page.locator(".mastery-row .levels-bar").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    cells = page.locator("table.heatmap td.heat").all_inner_texts()
    return overall, bars, cells


def student_with_history(*, username: str, classroom: Classroom, days_ago: int) -> object:
    """A student who joined the class and answered a practice quiz `days_ago` days ago (cards now due)."""
    student = get_user_model().objects.create_user(username=username, password=PASSWORD)
    classroom.memberships.create(student=student)
    attempt = attempts.start_practice(
        learner=student, countries=[], themes=[], question_types=["choice"], count=6, seed=3
    )
    when = timezone.now() - datetime.timedelta(days=days_ago)
    for question in attempt.quiz.questions.all():
        given = question.key[0] if question.position % 2 else (question.key[0] + 1) % len(question.options)
        attempts.record_answer(learner=student, attempt=attempt, question=question, given=given, now=when)
    attempts.close_attempt(attempt=attempt, state=Attempt.State.FINISHED, now=when)
    return student


def answer_to(question, *, right: bool):
    """What a learner gives to be right (or wrong) on any type of question."""
    if question.is_typed:
        return question.typed_key().answer if right else "no idea"
    if question.is_timeline:
        return question.key if right else list(reversed(question.key))
    return question.key[0] if right else (question.key[0] + 1) % len(question.options)


def take_assignment_on_server(*, student, assignment: Assignment, right: int) -> Attempt:
    """The student answers the assignment (the first `right` questions correctly) and finishes it."""
    now = timezone.now()
    attempt = classes.start_assignment(student=student, assignment=assignment, now=now)
    for question in assignment.quiz.questions.all():
        given = answer_to(question, right=question.position < right)
        attempts.record_answer(learner=student, attempt=attempt, question=question, given=given, now=now)
    attempts.close_attempt(attempt=attempt, state=Attempt.State.FINISHED, now=now)
    return attempt
