"""What the generator produces: a question draft with its options or timeline items, or why it cannot."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from content.models import format_partial_date
from quiz.generator.snapshots import CitationRef
from quiz.models import QuestionType
from quiz.typed_answers import TypedKey

OPTION_COUNT = 4
BLANK = "_____"
TIMELINE_MIN, TIMELINE_MAX = 3, 6
# A shown timeline order may score at most this (share of correctly ordered pairs).
TIMELINE_MAX_SHOWN_SCORE = 0.5


@dataclass(frozen=True)
class Option:
    text: str
    is_correct: bool
    fact_id: int | None = None
    # Year->event: when this option's event happened, for feedback ("you picked X, which happened in Y").
    date_text: str = ""


@dataclass(frozen=True)
class TimelineItem:
    fact_id: int
    label: str
    event_date: datetime.date
    precision: str

    @property
    def display_date(self) -> str:
        return format_partial_date(self.event_date, self.precision)


@dataclass
class GeneratedQuestion:
    """A built question before it is stored (quiz.models.Question is the stored one)."""

    type: str
    prompt: str
    fact_ids: list[int]
    citations: list[CitationRef]
    options: list[Option] = field(default_factory=list)
    # Timeline: items in the order shown, and the true order (indexes into items).
    items: list[TimelineItem] = field(default_factory=list)
    correct_order: list[int] = field(default_factory=list)
    # Other answers a cited source supports (shown in feedback, never a distractor).
    also_accepted: list[str] = field(default_factory=list)
    # Typed: everything grading needs, frozen with the question as its key.
    typed_key: TypedKey | None = None

    @property
    def correct_option(self) -> Option | None:
        return next((option for option in self.options if option.is_correct), None)

    @property
    def type_label(self) -> str:
        return QuestionType.labels[self.type]

    @property
    def items_in_order(self) -> list[TimelineItem]:
        """Timeline: the items in their true order."""
        return [self.items[index] for index in self.correct_order]


class CannotBuild(Exception):
    """This fact cannot make this type of question (the message says why)."""
