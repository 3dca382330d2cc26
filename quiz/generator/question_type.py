"""The question types a quiz mixes (stored on quiz.models.Question.type)."""


class QuestionType:
    CHOICE = "choice"
    EVENT_YEAR = "event_year"
    YEAR_EVENT = "year_event"
    TIMELINE = "timeline"

    labels = {
        CHOICE: "Multiple choice",
        EVENT_YEAR: "Which year? (given the event)",
        YEAR_EVENT: "Which event? (given the year)",
        TIMELINE: "Timeline ordering",
    }
    choices = list(labels.items())
    all = list(labels)
