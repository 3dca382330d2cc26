"""The quiz app's models, in two modules along the line the app draws: what learners do (`learning`)
and what instructors set up (`classes`); `question_type` holds the types both refer to."""

from quiz.models.classes import (
    ASSIGNMENT_INSTRUCTIONS_MAX,
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    MAX_TOPIC_SET_QUESTIONS,
    Assignment,
    AssignmentQuerySet,
    Classroom,
    Membership,
    OwnedQuerySet,
    TopicSet,
    new_join_code,
)
from quiz.models.learning import (
    ID_MAX,
    MASTERY_STABILITY_DAYS,
    QUESTIONS_PER_QUIZ_MAX,
    Answer,
    Attempt,
    AttemptQuerySet,
    MemoryState,
    Question,
    QuestionFact,
    Quiz,
    Review,
    mastery_expression,
    minutes_from_seconds,
)
from quiz.models.question_reports import REPORT_COMMENT_MAX, QuestionReport
from quiz.models.question_type import QuestionType, order_score

__all__ = [
    "ASSIGNMENT_INSTRUCTIONS_MAX",
    "ID_MAX",
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_LENGTH",
    "MASTERY_STABILITY_DAYS",
    "MAX_TOPIC_SET_QUESTIONS",
    "QUESTIONS_PER_QUIZ_MAX",
    "REPORT_COMMENT_MAX",
    "Answer",
    "Assignment",
    "AssignmentQuerySet",
    "Attempt",
    "AttemptQuerySet",
    "Classroom",
    "Membership",
    "MemoryState",
    "OwnedQuerySet",
    "Question",
    "QuestionFact",
    "QuestionReport",
    "QuestionType",
    "Quiz",
    "Review",
    "TopicSet",
    "mastery_expression",
    "minutes_from_seconds",
    "new_join_code",
    "order_score",
]
