"""Item analysis of an assignment, after Moodle's quiz statistics: how each question performed in the class.

Which attempts count: each current member of the class contributes their
first finished attempt on the assignment's quiz (Moodle's "first attempt"
option: retakes, where a student has already seen the feedback, would inflate
the figures). Abandoned and in-progress attempts are left out, and so are
students who have left the class.

Per question, in position order:
- attempts: every analysed attempt counts for every question. A question left
  unanswered when the student finished scores 0 and still counts, as in
  Moodle; `answered` says how many actually answered it.
- facility index: the mean item score over those attempts / the maximum item
  score (1), as a percentage. A choice scores 0 or 1; a timeline scores the
  share of event pairs in the right order, so it gives partial credit.
  Low facility = hard, high = easy.
- discrimination index: Moodle's, the Pearson correlation, as a percentage,
  between the item score and the score on the rest of the quiz (the attempt's
  total minus this item) over the analysed attempts. Positive: students who
  did well on the rest did well on this item too; negative: the weaker
  students did better on it, so it may be misleading. None when there are
  fewer than two attempts, or when either score is the same for everyone
  (the correlation is then undefined).
- most chosen wrong answer: for a choice, the wrong option chosen most often
  and by how many (ties go to the option shown first); for a typed question,
  the wrong answer typed most often, spellings that normalise alike counted
  as one (shown as first typed); for a timeline, the
  event most often put in a wrong position, and in how many attempts. None
  when nobody was wrong.
- distractors not working: the wrong options of a choice question chosen in
  under 5% of the attempts (none at all in a small class): an option nobody
  believes only makes the question easier to guess.
- flags, only once at least `MIN_ATTEMPTS_FOR_FLAGS` (5) attempts are
  analysed (with fewer, one student's slip decides the figure): facility
  under 20% ("very hard") or over 95% ("very easy"), and a negative
  discrimination ("possibly mis-keyed": the weaker students did better, which
  is what a wrong key or a misleading option looks like).
- dropped from scoring (the teacher dropped the question after students answered it): its figures are
  still shown, since they say why it was dropped, but it is never flagged, and it is left out of every
  other question's "rest of the quiz", as it is left out of the scores.
- reports: how many learners reported a problem with the question, and how
  many of those reports are still open.

`analyse_items` runs four queries whatever the class size (three while nobody has finished): the analysed
attempts, their answers, the questions and the report counts; the statistics are computed in Python.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from quiz.models import Answer, Assignment, Attempt, Question, QuestionType
from quiz.question_reports import report_counts
from quiz.typed_answers import normalise

HARD_BELOW_PERCENT = 20.0
EASY_ABOVE_PERCENT = 95.0
# No flag before this many analysed attempts: with fewer, one student's slip decides the figures.
MIN_ATTEMPTS_FOR_FLAGS = 5
# A wrong option chosen in fewer than this share of the attempts is not working as a distractor.
DISTRACTOR_WORKS_FROM_PERCENT = 5.0


class Flag(StrEnum):
    """A flag's name is also its CSS class: too hard and too easy are told apart by more than a colour."""

    VERY_HARD = "very-hard"
    VERY_EASY = "very-easy"
    MISKEYED = "miskeyed"

    @property
    def label(self) -> str:
        return {"very-hard": "Very hard", "very-easy": "Very easy", "miskeyed": "Possibly mis-keyed"}[self.value]


@dataclass(frozen=True)
class WrongAnswer:
    """A wrong option (or a misplaced timeline event) and the number of attempts that gave it."""

    text: str
    count: int


@dataclass(frozen=True)
class FactRef:
    """One of the question's facts, with the statement frozen with the question."""

    id: int
    statement: str


@dataclass(frozen=True)
class ItemStatistics:
    question: Question
    attempts: int
    answered: int
    facility: float | None  # percent
    discrimination: float | None  # percent, -100..100
    most_chosen_wrong: WrongAnswer | None
    facts: tuple[FactRef, ...]
    # Wrong options chosen in under DISTRACTOR_WORKS_FROM_PERCENT of the attempts (choice questions only).
    idle_distractors: tuple[str, ...] = ()
    open_reports: int = 0
    reports: int = 0

    @property
    def unanswered(self) -> int:
        return self.attempts - self.answered

    @property
    def enough_attempts(self) -> bool:
        return self.attempts >= MIN_ATTEMPTS_FOR_FLAGS

    @property
    def dropped(self) -> bool:
        return self.question.dropped_at is not None

    @property
    def flags(self) -> list[Flag]:
        if not self.enough_attempts or self.dropped:
            return []
        flags = []
        if self.facility is not None and self.facility < HARD_BELOW_PERCENT:
            flags.append(Flag.VERY_HARD)
        if self.facility is not None and self.facility > EASY_ABOVE_PERCENT:
            flags.append(Flag.VERY_EASY)
        if self.discrimination is not None and self.discrimination < 0:
            flags.append(Flag.MISKEYED)
        return flags


@dataclass(frozen=True)
class ItemAnalysis:
    attempt_count: int
    items: list[ItemStatistics]

    @property
    def dropped(self) -> list[ItemStatistics]:
        return [item for item in self.items if item.dropped]


def facility_index(*, scores: Sequence[float]) -> float | None:
    """Mean item score / maximum item score (1), as a percentage; None without attempts."""
    return 100 * statistics.fmean(scores) if scores else None


def discrimination_index(*, item_scores: Sequence[float], rest_scores: Sequence[float]) -> float | None:
    """Pearson correlation of item and rest-of-quiz scores, as a percentage; None when undefined."""
    if len(item_scores) < 2 or len(set(item_scores)) < 2 or len(set(rest_scores)) < 2:
        return None
    try:
        r = statistics.correlation(item_scores, rest_scores)
    except statistics.StatisticsError:  # a variance that rounds to zero
        return None
    if math.isnan(r):
        return None
    return 100 * max(-1.0, min(1.0, r))


def most_chosen_wrong(*, question: Question, given: Iterable[int | list[int]]) -> WrongAnswer | None:
    """The wrong option chosen most often, or the timeline event most often misplaced; ties: the first shown.
    A typed question's `given` are its wrong answers' texts (None for a right one)."""
    if question.is_typed:
        return _most_typed_wrong(given)
    counts: Counter[int] = Counter()
    for answer in given:
        if question.is_timeline:
            counts.update(item for item in answer if answer.index(item) != question.key.index(item))
        elif answer not in question.key:
            counts[answer] += 1
    if not counts:
        return None
    index = min(counts, key=lambda option: (-counts[option], option))
    return WrongAnswer(text=question.options[index], count=counts[index])


def _most_typed_wrong(texts: Iterable[str | None]) -> WrongAnswer | None:
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        if text is not None:
            key = normalise(text)
            counts[key] += 1
            shown.setdefault(key, text)
    if not counts:
        return None
    key = max(counts, key=counts.__getitem__)  # of a tie, the first met (counts keeps the order met)
    return WrongAnswer(text=shown[key], count=counts[key])


def idle_distractors(*, question: Question, given: Iterable[int | list[int]], attempts: int) -> tuple[str, ...]:
    """The wrong options chosen in under DISTRACTOR_WORKS_FROM_PERCENT of the attempts; none for a timeline
    or a typed question (it has no options)."""
    if question.is_timeline or question.is_typed or not attempts:
        return ()
    chosen = Counter(given)
    return tuple(
        text
        for index, text in enumerate(question.options)
        if index not in question.key and 100 * chosen[index] / attempts < DISTRACTOR_WORKS_FROM_PERCENT
    )


def first_finished_attempt_ids(*, assignment: Assignment) -> list[int]:
    """Each current member's first finished attempt on the assignment's quiz: one query."""
    rows = (
        Attempt.objects.finished()
        .filter(quiz_id=assignment.quiz_id, learner__memberships__classroom_id=assignment.classroom_id)
        .order_by("learner_id", "finished_at", "pk")
        .values_list("pk", "learner_id")
    )
    first: dict[int, int] = {}
    for attempt_id, learner_id in rows:
        first.setdefault(learner_id, attempt_id)
    return list(first.values())


def _facts(question: Question) -> tuple[FactRef, ...]:
    statements = question.statements
    return tuple(
        FactRef(id=fact_id, statement=statements[i] if i < len(statements) else "")
        for i, fact_id in enumerate(question.fact_ids)
    )


def item_statistics(
    *,
    questions: Sequence[Question],
    answers: Mapping[int, Mapping[int, tuple[int | list[int], float]]],
    reports: Mapping[int, tuple[int, int]] | None = None,
) -> list[ItemStatistics]:
    """Statistics per question from {attempt id: {question id: (given, score)}}; unanswered questions score 0.
    `reports`: {question id: (open, all)} learners' reports."""
    reports = reports or {}
    scores = {
        attempt_id: [given_scores[q.pk][1] if q.pk in given_scores else 0.0 for q in questions]
        for attempt_id, given_scores in answers.items()
    }
    # The attempts' scores as regraded: a question dropped from scoring is in no total.
    counts = [question.dropped_at is None for question in questions]
    totals = {
        attempt_id: sum(score for score, counted in zip(row, counts, strict=True) if counted)
        for attempt_id, row in scores.items()
    }
    result = []
    for index, question in enumerate(questions):
        item = [scores[attempt_id][index] for attempt_id in answers]
        rest = [totals[attempt_id] - (scores[attempt_id][index] if counts[index] else 0.0) for attempt_id in answers]
        given = [row[question.pk][0] for row in answers.values() if question.pk in row]
        result.append(
            ItemStatistics(
                question=question,
                attempts=len(item),
                answered=len(given),
                facility=facility_index(scores=item),
                discrimination=discrimination_index(item_scores=item, rest_scores=rest),
                most_chosen_wrong=most_chosen_wrong(question=question, given=given),
                facts=_facts(question),
                idle_distractors=idle_distractors(question=question, given=given, attempts=len(item)),
                open_reports=reports.get(question.pk, (0, 0))[0],
                reports=reports.get(question.pk, (0, 0))[1],
            )
        )
    return result


def analyse_items(*, assignment: Assignment) -> ItemAnalysis:
    """The item analysis of the assignment's quiz over its members' first finished attempts: four queries."""
    attempt_ids = first_finished_attempt_ids(assignment=assignment)
    answers: dict[int, dict[int, tuple[int | list[int], float]]] = {attempt_id: {} for attempt_id in attempt_ids}
    rows = (
        Answer.objects.filter(attempt_id__in=attempt_ids)
        .order_by("answered_at", "pk")
        .values_list("attempt_id", "question_id", "given", "score", "question__type", "text")
    )
    for attempt_id, question_id, given, score, question_type, text in rows:  # no query when nobody has finished
        if question_type == QuestionType.TYPED:
            given = text if score < 1 else None  # what most_chosen_wrong counts: the wrong texts
        answers[attempt_id][question_id] = (given, score)
    questions = list(Question.objects.filter(quiz_id=assignment.quiz_id).order_by("position"))
    reports = report_counts(quiz_id=assignment.quiz_id)
    return ItemAnalysis(
        attempt_count=len(attempt_ids), items=item_statistics(questions=questions, answers=answers, reports=reports)
    )
