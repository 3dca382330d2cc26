"""The class report: every student of a class on one assignment, and the class's mastery heatmap.

A row per current member of the class: status, best score, attempts and time
spent (from `quiz.classes.progress_by_student`, so the report and the
students' own pages agree), overall mastery of the assignment's facts, and
mastery per country and per theme of those facts. The assignment's facts are
the ones its frozen questions ask about (retired ones included: they were
asked). The heatmap crosses the same countries and themes; each cell is the
mean over the class members and over the cell's facts.

As on the progress page, a fact never reviewed counts 0, so a mean is
(sum of mastery over the memory states that exist) / (learners x facts).
Each student's facts are also counted by level (new, learning, familiar, mastered: the progress page's
levels, from the same `mastery_sums`) with the expected recall today.
The report runs a fixed number of queries whatever the class size or history:
members (1), progress (3), the countries, themes and cells of the assignment's
facts with their fact counts (3), the number of its facts (1), the members' sums grouped by
learner, (learner, country), (learner, theme) and (country, theme) (4), and its questions' dropped marks (1):
a question the teacher dropped from scoring is out of every score (`quiz.question_drops`), and the report
says which. Python only
joins those grouped rows and sorts the students.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.utils.text import slugify

from content.models import Country, Fact, Theme
from quiz.classes import AssignmentStatus, StudentProgress, progress_by_student
from quiz.models import Assignment, MemoryState, Question, QuestionFact
from quiz.progress import NOTHING, Mastery, MasteryGrid, Sums, country_theme_grid, mastery_sums

SORT_FIELDS = ("name", "status", "score", "time", "mastery")
DEFAULT_SORT = "name"
VALID_SORTS = frozenset(SORT_FIELDS) | {f"-{field}" for field in SORT_FIELDS}

# How the caption reads each sort: (ascending, descending).
SORT_DESCRIPTIONS = {
    "name": ("name, A to Z", "name, Z to A"),
    "status": ("status, furthest behind first", "status, done first"),
    "score": ("best score, lowest first", "best score, highest first"),
    "time": ("time spent, least first", "time spent, most first"),
    "mastery": ("mastery, lowest first", "mastery, highest first"),
}

# Ascending status runs from furthest behind to done, so the students who need a nudge come first.
STATUS_RANK = {
    status: rank
    for rank, status in enumerate(
        [
            AssignmentStatus.OVERDUE,
            AssignmentStatus.NOT_OPEN,
            AssignmentStatus.NOT_STARTED,
            AssignmentStatus.IN_PROGRESS,
            AssignmentStatus.DONE_LATE,
            AssignmentStatus.DONE,
        ]
    )
}

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class TopicColumn:
    """A country or theme that at least one of the assignment's facts is tagged with."""

    pk: int
    name: str
    facts: int


@dataclass(frozen=True)
class StudentRow:
    student_id: int
    username: str
    full_name: str
    progress: StudentProgress
    # One per column: the report's countries, then its themes.
    topics: list[Mastery]
    # The assignment's facts by level for this student (the levels of the progress page), and recall today.
    levels: Mastery
    # The report's columns, in the order of `topics` (each cell carries its column's name on a phone).
    columns: tuple[TopicColumn, ...] = ()

    @property
    def topic_cells(self) -> list[tuple[TopicColumn, Mastery]]:
        return list(zip(self.columns, self.topics, strict=True))

    @property
    def mastery(self) -> float:
        """Overall mastery of the assignment's facts, 0..1 (the heat colour of the mastery cell)."""
        return self.progress.mastery_percent / 100


@dataclass(frozen=True)
class SortHeader:
    """A sortable column header: the sort a click asks for, and its aria-sort while it is the sort in force."""

    next_sort: str
    aria_sort: str | None


@dataclass(frozen=True)
class ClassReport:
    assignment: Assignment
    sort: str
    countries: list[TopicColumn]
    themes: list[TopicColumn]
    rows: list[StudentRow]
    # The class's mean mastery per country x theme cell of the assignment's facts.
    heatmap: MasteryGrid
    # The questions (1-based numbers) the teacher dropped from scoring: the scores leave them out.
    dropped_numbers: tuple[int, ...] = ()
    question_count: int = 0

    @property
    def counted_questions(self) -> int:
        return self.question_count - len(self.dropped_numbers)

    @property
    def columns(self) -> list[TopicColumn]:
        return self.countries + self.themes

    @property
    def class_size(self) -> int:
        return len(self.rows)

    @property
    def done_count(self) -> int:
        return sum(1 for row in self.rows if row.progress.is_done)

    @property
    def finished_count(self) -> int:
        return sum(1 for row in self.rows if row.progress.best_percent is not None)

    @property
    def mean_best_percent(self) -> int | None:
        """The mean best score of the students who finished an attempt (None when nobody has)."""
        scores = [row.progress.best_percent for row in self.rows if row.progress.best_percent is not None]
        return round(sum(scores) / len(scores)) if scores else None

    @property
    def sort_description(self) -> str:
        field, descending = split_sort(self.sort)
        return SORT_DESCRIPTIONS[field][descending]

    @property
    def headers(self) -> dict[str, SortHeader]:
        """Each sortable column's header: a click sorts by it ascending, a click on the sorted column reverses it."""
        current, descending = split_sort(self.sort)
        headers = {}
        for field in SORT_FIELDS:
            if field == current:
                headers[field] = SortHeader(
                    next_sort=field if descending else f"-{field}",
                    aria_sort="descending" if descending else "ascending",
                )
            else:
                headers[field] = SortHeader(next_sort=field, aria_sort=None)
        return headers


def parse_sort(value: str | None) -> str:
    """The sort asked for, or the default for anything else: a hand-edited URL must not fail."""
    return value if value in VALID_SORTS else DEFAULT_SORT


def split_sort(sort: str) -> tuple[str, bool]:
    """("score", True) for "-score"."""
    return sort.removeprefix("-"), sort.startswith("-")


def _name_key(row: StudentRow) -> tuple[str, str]:
    # Case-insensitive, the same on every database (collations differ); the raw name breaks ties.
    return row.username.casefold(), row.username


def _sort_value(row: StudentRow, field: str) -> int | None:
    progress = row.progress
    return {
        "status": STATUS_RANK[progress.status],
        "score": progress.best_percent,
        "time": progress.seconds_spent,
        "mastery": progress.mastery_percent,
    }[field]


def sorted_rows(*, rows: Sequence[StudentRow], sort: str) -> list[StudentRow]:
    """Rows in the requested order; equal values read by name, and students without a score come last either way."""
    field, descending = split_sort(sort)
    by_name = sorted(rows, key=_name_key)
    if field == "name":
        return by_name[::-1] if descending else by_name
    present = [row for row in by_name if _sort_value(row, field) is not None]
    missing = [row for row in by_name if _sort_value(row, field) is None]
    # A stable sort (reverse=True keeps it stable) leaves ties in name order.
    return sorted(present, key=lambda row: _sort_value(row, field), reverse=descending) + missing


def _topic_columns(topics: QuerySet, fact_ids: QuerySet) -> list[TopicColumn]:
    """The topics tagging at least one of the facts, in display order, with how many of the facts each tags."""
    # The filter comes before the count, so only the assignment's facts are counted.
    counted = (
        topics.filter(facts__in=fact_ids).annotate(total=Count("facts", distinct=True)).order_by("position", "name")
    )
    return [TopicColumn(pk=topic.pk, name=topic.name, facts=topic.total) for topic in counted]


def class_report(*, assignment: Assignment, now: datetime.datetime, sort: str | None = DEFAULT_SORT) -> ClassReport:
    """The class's report on the assignment, students in the requested order: eleven queries whatever the class size."""
    students = list(
        get_user_model()
        .objects.filter(memberships__classroom_id=assignment.classroom_id)
        .order_by("username")
        .only("pk", "username", "first_name", "last_name")
    )
    student_ids = [student.pk for student in students]
    progress = progress_by_student(assignment=assignment, student_ids=student_ids, now=now)

    # A subquery, not a list: the facts are counted once each even when two questions ask about the same one.
    fact_ids = QuestionFact.objects.filter(question__quiz_id=assignment.quiz_id).values("fact_id")
    countries = _topic_columns(Country.objects.all(), fact_ids)
    themes = _topic_columns(Theme.objects.all(), fact_ids)

    states = MemoryState.objects.filter(learner_id__in=student_ids, fact_id__in=fact_ids).order_by()
    by_student = mastery_sums(states, "learner_id", now=now)
    fact_count = Fact.objects.filter(pk__in=fact_ids).count()
    by_country = mastery_sums(states, "learner_id", "fact__countries", now=now)
    by_theme = mastery_sums(states, "learner_id", "fact__themes", now=now)

    def topic_mastery(sums: dict[tuple, Sums], key: tuple, *, total: int) -> Mastery:
        return Mastery.of(sums=sums.get(key, NOTHING), total=total)

    rows = [
        StudentRow(
            student_id=student.pk,
            username=student.get_username(),
            full_name=student.get_full_name(),
            progress=progress[student.pk],
            topics=[topic_mastery(by_country, (student.pk, c.pk), total=c.facts) for c in countries]
            + [topic_mastery(by_theme, (student.pk, t.pk), total=t.facts) for t in themes],
            levels=topic_mastery(by_student, (student.pk,), total=fact_count),
            columns=(*countries, *themes),
        )
        for student in students
    ]
    # Each member's mastery of each of the cell's facts: learners x facts in the denominator.
    heatmap = country_theme_grid(
        countries=countries,
        themes=themes,
        facts=Fact.objects.filter(pk__in=fact_ids),
        states=states,
        now=now,
        learners=len(students),
    )

    positions = list(Question.objects.filter(quiz_id=assignment.quiz_id).values_list("position", "dropped_at"))
    sort = parse_sort(sort)
    return ClassReport(
        dropped_numbers=tuple(sorted(position + 1 for position, dropped_at in positions if dropped_at is not None)),
        question_count=len(positions),
        assignment=assignment,
        sort=sort,
        countries=countries,
        themes=themes,
        rows=sorted_rows(rows=rows, sort=sort),
        heatmap=heatmap,
    )


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def csv_safe(value: str | int | None) -> str | int:
    """A cell a spreadsheet shows as text: names someone typed must never run as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


def csv_header(*, report: ClassReport) -> list[str]:
    return [
        "Username",
        "Full name",
        "Status",
        "Best score %",
        "Attempts",
        "Minutes spent",
        "Mastery %",
        "Mastered facts",
        "Familiar facts",
        "Learning facts",
        "New facts",
        "Expected recall today %",
        *(f"Country: {column.name} mastery %" for column in report.countries),
        *(f"Theme: {column.name} mastery %" for column in report.themes),
    ]


def csv_row(row: StudentRow) -> list[str | int | None]:
    """A student as the page shows them, without the units."""
    progress = row.progress
    return [
        row.username,
        row.full_name,
        progress.status.label,
        progress.best_percent,
        progress.attempts,
        progress.minutes_spent,
        progress.mastery_percent,
        row.levels.mastered,
        row.levels.familiar,
        row.levels.learning,
        row.levels.new,
        row.levels.recall_percent,
        *(topic.percent for topic in row.topics),
    ]


def write_csv(*, report: ClassReport, out: Writable) -> None:
    """The page's student table as CSV: a header row, then the students in the page's order."""
    writer = csv.writer(out)
    writer.writerow([csv_safe(cell) for cell in csv_header(report=report)])
    for row in report.rows:
        writer.writerow([csv_safe(cell) for cell in csv_row(row)])


def csv_filename(*, assignment: Assignment) -> str:
    # slugify keeps the name to ASCII letters, digits and hyphens: safe inside the quoted header value.
    slug = slugify(f"{assignment.classroom.name} {assignment.title}")[:80].strip("-")
    return f"{slug or 'class'}-report.csv"
