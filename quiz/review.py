"""What a closed attempt teaches: each question with its answer, the facts missed, right and wrong per topic.

A fact counts as right when the answer shows it was recalled (`Answer.facts_recalled`: the choice was
right, the typed answer was accepted or overridden, or the event sat in its true place on a timeline) and
as missed otherwise, unanswered questions included. The same list of missed facts feeds the review's
summary, its "only the wrong ones" view and the practice quiz built from them
(`attempts.start_missed_practice`). Four queries whatever the bank or
history size: questions, answers, and the facts' countries and themes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from content.models import Fact
from quiz.models import Answer, Attempt, Question


@dataclass(frozen=True)
class ReviewRow:
    question: Question
    answer: Answer | None
    missed: tuple[int, ...]  # the question's facts not recalled, in shown order

    @property
    def is_right(self) -> bool:
        return self.answer is not None and self.answer.is_correct


@dataclass(frozen=True)
class TopicTally:
    name: str
    right: int
    wrong: int

    @property
    def total(self) -> int:
        return self.right + self.wrong


@dataclass(frozen=True)
class AttemptReview:
    attempt: Attempt
    rows: list[ReviewRow]
    missed_fact_ids: list[int]
    by_country: list[TopicTally]
    by_theme: list[TopicTally]

    @property
    def wrong_rows(self) -> list[ReviewRow]:
        return [row for row in self.rows if not row.is_right]

    @property
    def fact_count(self) -> int:
        return sum(len(row.question.fact_ids) for row in self.rows)


def _missed(question: Question, answer: Answer | None) -> tuple[int, ...]:
    if answer is None:
        return tuple(question.fact_ids)
    recalled = answer.facts_recalled()
    return tuple(fact_id for fact_id in question.fact_ids if not recalled[fact_id])


def _tallies(pairs: list[tuple[int, str, int]], missed: set[int], asked: list[int]) -> list[TopicTally]:
    """Right and wrong facts per topic, in the topics' display order (`pairs`: fact, topic name, position)."""
    right: dict[tuple[int, str], int] = defaultdict(int)
    wrong: dict[tuple[int, str], int] = defaultdict(int)
    times_asked = defaultdict(int)
    for fact_id in asked:
        times_asked[fact_id] += 1
    for fact_id, name, position in pairs:
        bucket = wrong if fact_id in missed else right
        bucket[(position, name)] += times_asked[fact_id]
    keys = sorted(set(right) | set(wrong))
    return [TopicTally(name=name, right=right[(p, name)], wrong=wrong[(p, name)]) for p, name in keys]


def review_attempt(*, attempt: Attempt) -> AttemptReview:
    """The attempt's questions with their answers and missed facts, and the tallies per country and theme."""
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    rows = []
    for question in attempt.quiz.questions.all():
        answer = answers.get(question.pk)
        if answer is not None:
            answer.question = question  # given_texts() reads the question: no query per row
        rows.append(ReviewRow(question=question, answer=answer, missed=_missed(question, answer)))
    asked = [fact_id for row in rows for fact_id in row.question.fact_ids]
    missed = list(dict.fromkeys(fact_id for row in rows for fact_id in row.missed))
    through_countries = Fact.countries.through.objects.filter(fact_id__in=set(asked))
    through_themes = Fact.themes.through.objects.filter(fact_id__in=set(asked))
    countries = list(through_countries.values_list("fact_id", "country__name", "country__position"))
    themes = list(through_themes.values_list("fact_id", "theme__name", "theme__position"))
    return AttemptReview(
        attempt=attempt,
        rows=rows,
        missed_fact_ids=missed,
        by_country=_tallies(countries, set(missed), asked),
        by_theme=_tallies(themes, set(missed), asked),
    )
