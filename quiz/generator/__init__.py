"""Turn facts into questions: multiple choice (cloze, event->year, year->event), typed answers and timelines.

One module per concern:
- `snapshots`: `FactData`, what generation knows of a fact, read in a bounded number of queries;
- `distractors`: wrong options per answer family (dates, quantities, entities, countries);
- `builders`: one `GeneratedQuestion` per type, or `CannotBuild` with the reason;
- `assembly`: `build_quiz`, the requested mix from index-ordered windows over `Fact.shuffle_key`,
  never `ORDER BY random()` over the whole bank.

Correctness rules every question obeys (and the property tests check):
- four distinct options, exactly one correct, all of the answer's kind and format;
- a distractor is never an answer that the fact's recorded claims support, never
  equal to an accepted answer at the precision shown, and never a text already
  in the question;
- timeline events are pairwise distinct at the precision shown, whichever claimed
  date a disputed event has, and are never presented in an order that scores high.
"""

from quiz.generator.assembly import (
    ENTITY_KINDS,
    POOL_SIZE,
    Selection,
    bank_context,
    build_quiz,
    questions_for_fact,
    single_fact_questions,
)
from quiz.generator.builders import (
    SINGLE_FACT_BUILDERS,
    choice_question,
    cloze,
    event_year_question,
    order_score,
    timeline_order_is_unambiguous,
    timeline_question,
    typed_question,
    year_event_question,
)
from quiz.generator.questions import (
    BLANK,
    OPTION_COUNT,
    TIMELINE_MAX,
    TIMELINE_MAX_SHOWN_SCORE,
    TIMELINE_MIN,
    CannotBuild,
    GeneratedQuestion,
    Option,
    TimelineItem,
)
from quiz.generator.snapshots import CitationRef, ClaimData, FactData, load_citations, load_fact_data
from quiz.generator.text import coarser, norm, truncate
from quiz.models import QuestionType

__all__ = [
    "BLANK",
    "ENTITY_KINDS",
    "OPTION_COUNT",
    "POOL_SIZE",
    "SINGLE_FACT_BUILDERS",
    "TIMELINE_MAX",
    "TIMELINE_MAX_SHOWN_SCORE",
    "TIMELINE_MIN",
    "CannotBuild",
    "CitationRef",
    "ClaimData",
    "FactData",
    "GeneratedQuestion",
    "Option",
    "QuestionType",
    "Selection",
    "TimelineItem",
    "bank_context",
    "build_quiz",
    "choice_question",
    "cloze",
    "coarser",
    "event_year_question",
    "load_citations",
    "load_fact_data",
    "norm",
    "order_score",
    "questions_for_fact",
    "single_fact_questions",
    "timeline_order_is_unambiguous",
    "timeline_question",
    "truncate",
    "typed_question",
    "year_event_question",
]
